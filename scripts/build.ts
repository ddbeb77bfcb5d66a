/**
 * `npm run build`: the production build.
 *   --content DIR   content root (holds _data/ and src/articles/); default: this project
 *   --out DIR       output folder; default: _site
 *   --preview       include drafts and scheduled articles (never for deploys)
 *   --site-url URL  public address to build for instead of site.yaml's (local audits only)
 * BUILD_NOW=2025-03-12T12:00:00Z sets the build's "now" for scheduled articles.
 */
import { parseArgs } from "node:util";
import { kB } from "./lib/build/page-budgets.ts";
import { OutputRefused } from "./lib/build/output-guard.ts";
import { ContentError } from "./lib/content/content-error.ts";
import { buildSite } from "./lib/build/site-build.ts";

const { values } = parseArgs({
  options: {
    content: { type: "string" },
    out: { type: "string" },
    preview: { type: "boolean", default: false },
    "site-url": { type: "string" },
  },
});

try {
  const report = await buildSite({
    ...(values.content ? { contentRoot: values.content } : {}),
    ...(values.out ? { outDir: values.out } : {}),
    preview: values.preview || process.env.BROADSHEET_PREVIEW === "1",
    now: process.env.BUILD_NOW,
    siteUrl: values["site-url"],
  });
  for (const warning of report.warnings) console.warn(`warning: ${warning}`);
  const s = report.seconds;
  console.log(
    `Built ${report.articles} articles: ${report.pagesWritten} pages written, ${report.pagesIndexed} pages indexed ` +
      `in ${s.total.toFixed(2)} s (content ${s.content.toFixed(2)} s, pages ${s.pages.toFixed(2)} s, search index ${s.index.toFixed(2)} s) → ${report.outDir}`,
  );
  const heaviest = report.heaviestArticle;
  if (heaviest)
    console.log(`Heaviest article: ${heaviest.url}, ${kB(heaviest.total)} of its ${kB(heaviest.budget)} budget (HTML + CSS, gzip).`);
  const parts = report.indexParts > 1 ? ` It is in ${report.indexParts} parts (searchPartitionSize in _data/site.yaml).` : "";
  console.log(`Search index: ${(report.searchIndexBytes / 1024).toFixed(1)} KB to save for offline search.${parts}`);
  console.log(`Social cards: ${report.cards.drawn} drawn, ${report.cards.reused} from the cache.`);
} catch (error) {
  if (error instanceof OutputRefused) {
    console.error(error.message);
  } else {
    if (error instanceof ContentError) console.error(`Build stopped: ${error.message}`);
    else console.error("Build failed:", error);
    console.error("The previous site, if any, was left as it was.");
  }
  process.exitCode = 1;
}
