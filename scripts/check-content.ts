/**
 * `npm run check:content`: validates all content without building. Exit 1 and
 * every problem listed when anything is wrong; quick enough for a pre-commit hook.
 *   --content DIR   content root (default: this project)
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { loadContent } from "./lib/content/load-content.ts";
import { PROJECT_ROOT } from "./lib/util/project-root.ts";
import { ContentError } from "./lib/content/content-error.ts";

const { values } = parseArgs({ options: { content: { type: "string" } } });
const started = performance.now();
try {
  // Preview mode checks drafts and scheduled articles too: they must be valid before they go live.
  const site = await loadContent({ root: path.resolve(values.content ?? PROJECT_ROOT), preview: true, now: process.env.BUILD_NOW });
  for (const warning of site.warnings) console.warn(`warning: ${warning}`);
  const published = site.articles.filter((a) => a.state === "published").length;
  console.log(
    `Content OK: ${site.articles.length} articles (${published} published, ${site.articles.length - published} drafts or scheduled), ` +
      `${site.sections.length} sections, ${site.authors.length} authors, checked in ${((performance.now() - started) / 1000).toFixed(2)} s`,
  );
} catch (error) {
  console.error(error instanceof ContentError ? error.message : error);
  process.exitCode = 1;
}
