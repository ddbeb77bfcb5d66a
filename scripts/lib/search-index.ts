/**
 * Indexes a built site's article pages with Pagefind's Node API: article
 * bodies only, as marked by the templates. Pagefind holds a whole index in
 * memory until it is written (3–4 GB for 10,000 articles), so a site with more
 * articles than the partition size is indexed in parts of that many, newest
 * first: each part is created, filled, written and closed (stopping Pagefind's
 * process, which frees its memory) before the next. Part 1 is the bundle at
 * /pagefind/; older parts go to /pagefind/parts/2/, … and are merged at search
 * time (src/assets/search-parts.ts).
 */
import { readFile, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";
import { PARTS_URL, partPath, type SearchPartsFile } from "../../src/assets/search-parts.ts";

export interface IndexReport {
  pagesIndexed: number;
  /** How many indexes the pages were split into (1 for a site within the partition size). */
  parts: number;
}

/** Pages sent to Pagefind at once: enough to keep it busy, few enough to hold little in memory. */
const BATCH = 32;

/** Splits `pages` (newest first) into runs of `size`; never an empty part, always at least one. */
export function partition<T>(pages: readonly T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let start = 0; start < pages.length; start += size) parts.push(pages.slice(start, start + size));
  return parts.length ? parts : [[]];
}

/** Pages actually indexed in one Pagefind bundle (those with a `data-pagefind-body`), as its entry file counts them. */
export async function pagesInBundle(bundleDir: string): Promise<number> {
  const entry = JSON.parse(await readFile(path.join(bundleDir, "pagefind-entry.json"), "utf8")) as { languages: Record<string, { page_count: number }> };
  return Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
}

async function indexPart(siteDir: string, urls: readonly string[], outputPath: string): Promise<number> {
  const { index, errors } = await pagefind.createIndex({});
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    for (let start = 0; start < urls.length; start += BATCH) {
      await Promise.all(
        urls.slice(start, start + BATCH).map(async (url) => {
          const content = await readFile(path.join(siteDir, url, "index.html"), "utf8");
          const added = await index.addHTMLFile({ url, content });
          if (added.errors.length) throw new Error(`Pagefind could not index ${url}: ${added.errors.join("; ")}`);
        }),
      );
    }
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
    return await pagesInBundle(outputPath);
  } finally {
    await pagefind.close();
  }
}

/** What a merged part is read for; its copies of the runtime, the wasm and the ready-made UIs are part 1's and never loaded. */
const PART_FILES = /^(pagefind-entry\.json|[^/]+\.pf_meta|index|fragment|filter)$/;

async function dropRuntimeCopies(partDir: string): Promise<void> {
  const names = await readdir(partDir);
  await Promise.all(names.filter((n) => !PART_FILES.test(n)).map((n) => rm(path.join(partDir, n), { recursive: true })));
}

/** Indexes the pages at `articleUrls` (site paths such as /2025/03/12/slug/, newest first) in parts of `partitionSize`. */
export async function indexSite(siteDir: string, articleUrls: readonly string[], partitionSize: number): Promise<IndexReport> {
  const parts = partition(articleUrls, partitionSize);
  let pagesIndexed = 0;
  // Part 1 first: Pagefind empties its output folder, which holds the older parts.
  for (const [i, urls] of parts.entries()) {
    const folder = path.join(siteDir, i === 0 ? "/pagefind/" : partPath(i + 1));
    pagesIndexed += await indexPart(siteDir, urls, folder);
    if (i > 0) await dropRuntimeCopies(folder);
  }
  const list: SearchPartsFile = { parts: parts.slice(1).map((_, i) => partPath(i + 2)) };
  await writeFile(path.join(siteDir, PARTS_URL), JSON.stringify(list));
  return { pagesIndexed, parts: parts.length };
}
