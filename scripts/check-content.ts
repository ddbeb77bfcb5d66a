/**
 * `npm run check:content`: validates all content without building. Exit 1 and
 * every problem listed when anything is wrong; quick enough for a pre-commit hook.
 * Warnings (e.g. sentences run together) are printed and do not fail the check.
 *   --content DIR   content root (default: this project)
 */
import path from "node:path";
import { loadContent } from "./lib/content/load-content.ts";
import { PROJECT_ROOT } from "./lib/util/project-root.ts";
import { ContentError } from "./lib/content/content-error.ts";
import { parseCommandLine, usageError } from "./lib/util/cli-args.ts";
import { complain, describeError, say } from "./lib/util/terminal-text.ts";

const USAGE = "Usage: npm run check:content [-- --content DIR]";
const { values, positionals } = parseCommandLine({ allowPositionals: true, options: { content: { type: "string" } } }, USAGE);
if (positionals.length) usageError(`Unexpected argument: ${positionals.join(" ")}`, USAGE);
const started = performance.now();
try {
  // Preview mode checks drafts and scheduled articles too: they must be valid before they go live.
  const site = await loadContent({ root: path.resolve(values.content ?? PROJECT_ROOT), preview: true, now: process.env.BUILD_NOW });
  for (const warning of site.warnings) complain(`warning: ${warning}`);
  const published = site.articles.filter((a) => a.state === "published").length;
  say(
    `Content OK: ${site.articles.length} articles (${published} published, ${site.articles.length - published} drafts or scheduled), ` +
      `${site.sections.length} sections, ${site.authors.length} authors, checked in ${((performance.now() - started) / 1000).toFixed(2)} s`,
  );
} catch (error) {
  complain(error instanceof ContentError ? error.message : describeError(error));
  process.exitCode = 1;
}
