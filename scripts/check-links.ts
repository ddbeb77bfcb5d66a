/**
 * `npm run check:links`: lists every broken internal link, fragment and asset
 * in a built site (default `_site`); exits 1 when there is any.
 *   --dir DIR   the built site to check
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { checkLinks, formatBrokenLink } from "./lib/checks/link-check.ts";
import { formatProblem, type Problem } from "./lib/content/content-error.ts";
import { siteSettingsSchema } from "./lib/content/content-schema.ts";
import { readDataFile } from "./lib/content/data-files.ts";
import { parseCommandLine, usageError } from "./lib/util/cli-args.ts";
import { PROJECT_ROOT } from "./lib/util/project-root.ts";
import { complain, say } from "./lib/util/terminal-text.ts";

const USAGE = "Usage: npm run check:links [-- --dir DIR]";
const { values, positionals } = parseCommandLine({ allowPositionals: true, options: { dir: { type: "string", default: "_site" } } }, USAGE);
if (positionals.length) usageError(`Unexpected argument: ${positionals.join(" ")}`, USAGE);
const dir = path.resolve(values.dir ?? "_site");
if (!existsSync(dir)) {
  complain(`Nothing to check: ${dir} does not exist. Run \`npm run build\` first.`);
  process.exit(1);
}
// Absolute links to the public address (canonical, og:url) are the site's own pages.
const problems: Problem[] = [];
const settings = await readDataFile(PROJECT_ROOT, "site.yaml", siteSettingsSchema, problems);
for (const problem of problems) complain(`warning: ${formatProblem(problem)}; links to the public address are not recognised`);
const broken = await checkLinks(dir, settings ? { siteUrl: settings.url } : {});
for (const b of broken) complain(formatBrokenLink(b));
say(broken.length === 0 ? `No broken links in ${dir}.` : `${broken.length} broken link(s) in ${dir}.`);
if (broken.length > 0) process.exitCode = 1;
