/**
 * `npm run check:links`: lists every broken internal link, fragment and asset
 * in a built site (default `_site`); exits 1 when there is any.
 *   --dir DIR   the built site to check
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { parse } from "yaml";
import { checkLinks, formatBrokenLink } from "./lib/checks/link-check.ts";
import { PROJECT_ROOT } from "./lib/util/project-root.ts";

const { values } = parseArgs({ options: { dir: { type: "string", default: "_site" } } });
const dir = path.resolve(values.dir ?? "_site");
// Absolute links to the public address (canonical, og:url) are the site's own pages.
const settings = parse(await readFile(path.join(PROJECT_ROOT, "_data/site.yaml"), "utf8")) as { url?: string };
const broken = await checkLinks(dir, settings.url ? { siteUrl: settings.url } : {});
for (const b of broken) console.error(formatBrokenLink(b));
console.log(broken.length === 0 ? `No broken links in ${dir}.` : `${broken.length} broken link(s) in ${dir}.`);
if (broken.length > 0) process.exitCode = 1;
