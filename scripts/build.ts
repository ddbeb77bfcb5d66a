/**
 * `npm run build`: the production build.
 *   --content DIR       content root (holds _data/ and src/articles/); default: this project
 *   --out DIR           output path; default: _site
 *   --publish FORM      `link` (the output path is a link to a build folder beside it, swapped in
 *                       one rename) or `folder`; default: link, or folder when NETLIFY is set
 *   --preview           include drafts and scheduled articles (never for deploys)
 *   --site-url URL      public address to build for instead of site.yaml's (local audits only)
 * BUILD_NOW=2025-03-12T12:00:00Z sets the build's "now" for scheduled articles.
 * Ctrl+C (SIGINT) or SIGTERM stops the build, removes what it wrote and exits 130 or 143.
 */
import { kB } from "./lib/build/page-budgets.ts";
import { OutputRefused } from "./lib/build/output-guard.ts";
import type { PublishForm } from "./lib/build/publish.ts";
import { ContentError } from "./lib/content/content-error.ts";
import { siteRootProblem } from "./lib/content/link-rules.ts";
import { parseCommandLine, usageError } from "./lib/util/cli-args.ts";
import { useCompileCache } from "./lib/util/compile-cache.ts";
import { exitOnSignals } from "./lib/util/interrupts.ts";
import { complain, describeError, say } from "./lib/util/terminal-text.ts";

const USAGE = "Usage: npm run build [-- --out DIR] [--content DIR] [--publish link|folder] [--preview] [--site-url URL]";
const { values, positionals } = parseCommandLine(
  {
    allowPositionals: true,
    options: {
      content: { type: "string" },
      out: { type: "string" },
      publish: { type: "string" },
      preview: { type: "boolean", default: false },
      "site-url": { type: "string" },
    },
  },
  USAGE,
);
if (positionals.length) usageError(`Unexpected argument: ${positionals.join(" ")}`, USAGE);
if (values.publish !== undefined && values.publish !== "link" && values.publish !== "folder")
  usageError(`--publish ${values.publish}: expected link or folder`, USAGE);
const siteUrlProblem = values["site-url"] === undefined ? undefined : siteRootProblem(values["site-url"]);
if (siteUrlProblem) usageError(`--site-url: ${siteUrlProblem} (expected e.g. http://localhost:8080)`, USAGE);

useCompileCache();
// Imported once the compile cache is on: a static import is compiled before any of this module runs.
const { buildSite } = await import("./lib/build/site-build.ts");

exitOnSignals((signal) => `Build stopped (${signal}): what it wrote was removed; the previous site, if any, is as it was.`);

try {
  const report = await buildSite({
    ...(values.content ? { contentRoot: values.content } : {}),
    ...(values.out ? { outDir: values.out } : {}),
    preview: values.preview || process.env.BROADSHEET_PREVIEW === "1",
    now: process.env.BUILD_NOW,
    siteUrl: values["site-url"],
    publishAs: values.publish as PublishForm | undefined,
    notice: complain,
  });
  for (const warning of report.warnings) complain(`warning: ${warning}`);
  const s = report.seconds;
  say(
    `Built ${report.articles} articles: ${report.pagesWritten} pages written, ${report.pagesIndexed} pages indexed ` +
      `in ${s.total.toFixed(2)} s (content ${s.content.toFixed(2)} s, pages ${s.pages.toFixed(2)} s, search index ${s.index.toFixed(2)} s) → ${report.outDir}`,
  );
  const heaviest = report.heaviestArticle;
  if (heaviest) say(`Heaviest article: ${heaviest.url}, ${kB(heaviest.total)} of its ${kB(heaviest.budget)} budget (HTML + CSS, gzip).`);
  const cached = report.indexPartsFromCache ? `, ${report.indexPartsFromCache} of them unchanged and taken from the build cache` : "";
  const parts =
    report.indexParts > 1
      ? ` It is in ${report.indexParts} parts (searchPartitionSize in _data/site.yaml)${cached}.`
      : cached
        ? " Unchanged, taken from the build cache."
        : "";
  say(`Search index: ${(report.searchIndexBytes / 1024).toFixed(1)} KB to save for offline search.${parts}`);
  say(`Article files: ${report.parses.parsed} parsed, ${report.parses.fromCache} from the cache.`);
  say(`Social cards: ${report.cards.drawn} drawn, ${report.cards.reused} from the cache.`);
  const spliced = report.pagesSpliced ? ` (${report.pagesSpliced} of them with the new Latest rail spliced in)` : "";
  say(`Pages: ${report.pagesWritten - report.pagesFromCache} rendered, ${report.pagesFromCache} from the cache${spliced}.`);
} catch (error) {
  if (error instanceof OutputRefused) {
    complain(error.message);
  } else {
    if (error instanceof ContentError) complain(`Build stopped: ${error.message}`);
    else complain(`Build failed: ${describeError(error)}`);
    complain("The previous site, if any, was left as it was.");
  }
  process.exitCode = 1;
}
