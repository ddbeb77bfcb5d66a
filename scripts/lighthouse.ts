/**
 * `npm run lighthouse`: builds the site into a temporary folder, serves it as
 * `npm run serve` does (Netlify's headers), and prints Lighthouse's mobile
 * scores for the front page, the newest article and the search page.
 *   --content DIR   content root to build (default: this project)
 *   --page PATH     a page to audit instead of the defaults (repeatable)
 *   --json          print the results as JSON instead of a table
 * The build is made for its local address (`--site-url`), so canonical links
 * point where the pages are served, as they do in production.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { findChromium } from "./lib/checks/chromium.ts";
import { freePort } from "./lib/util/free-port.ts";
import { auditPages, scoreTable } from "./lib/checks/lighthouse-audit.ts";
import { loadContent } from "./lib/content/load-content.ts";
import { PROJECT_ROOT } from "./lib/util/project-root.ts";
import { buildSite } from "./lib/build/site-build.ts";
import { startStaticServer } from "./lib/serve/static-server.ts";
import { parseCommandLine } from "./lib/util/cli-args.ts";
import { complain, say, terminalSafeJson } from "./lib/util/terminal-text.ts";

const { values } = parseCommandLine(
  {
    options: {
      content: { type: "string" },
      page: { type: "string", multiple: true },
      json: { type: "boolean", default: false },
    },
  },
  "Usage: npm run lighthouse [-- --content DIR] [--page PATH]... [--json]",
);
const contentRoot = path.resolve(values.content ?? PROJECT_ROOT);
const chromePath = findChromium();
if (!chromePath) {
  complain("No Chromium found: install it (apt-get install -y chromium) or set CHROME_PATH.");
  process.exit(1);
}

async function defaultPages(): Promise<string[]> {
  const site = await loadContent({ root: contentRoot, preview: false, now: process.env.BUILD_NOW });
  const newest = site.articles[0];
  if (!newest) return ["/", "/search/"];
  const word = newest.title.split(/\s+/).find((w) => w.length > 3) ?? newest.title;
  return ["/", newest.url, `/search/?q=${encodeURIComponent(word.toLowerCase())}`];
}

const pages = values.page?.length ? values.page : await defaultPages();
const port = await freePort();
const dir = await mkdtemp(path.join(tmpdir(), "broadsheet-lighthouse-"));
try {
  const outDir = path.join(dir, "_site");
  await buildSite({ contentRoot, outDir, now: process.env.BUILD_NOW, siteUrl: `http://localhost:${port}` });
  const server = await startStaticServer({ root: outDir, port });
  try {
    const results = await auditPages(
      pages.map((p) => new URL(p, server.url).href),
      chromePath,
    );
    if (values.json) say(terminalSafeJson(results, 2));
    else {
      say(scoreTable(results));
      for (const r of results) for (const f of r.failing) say(`  ${new URL(r.url).pathname}: ${f}`);
    }
  } finally {
    await server.close();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
