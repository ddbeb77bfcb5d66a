/**
 * Builds the site's Pagefind index with its Node API from search documents
 * (search-document.ts), so it can run while Eleventy renders the pages: the
 * Pagefind binary works on one core while Node renders on the other.
 *
 * A site with more articles than the partition size is indexed in parts of
 * that many, newest first. Part 1 is the bundle at /pagefind/; older parts go
 * to /pagefind/parts/2/, … and are opened on demand at search time
 * (src/assets/search-parts.ts). Parts bound memory (Pagefind holds a part's
 * whole index until it is written; writing takes a few hundred MB per
 * thousand articles) and the bytes a first search fetches. A few parts fill at
 * once, but only one is written at a time, and a written part is freed.
 */
import { readFile, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";
import { PARTS_URL, partPath, type PartInfo, type SearchPartsFile } from "../../src/assets/search-parts.ts";

/** One article for the index: where it lives, its publication day, and its document, made when it is sent. */
export interface SearchEntry {
  url: string;
  /** Publication day in the site's time zone, YYYY-MM-DD. */
  day: string;
  document: () => string;
}

export interface IndexReport {
  pagesIndexed: number;
  /** How many indexes the pages were split into (1 for a site within the partition size). */
  parts: number;
}

/** Documents in flight per part: enough to keep Pagefind busy, few enough to hold little in memory. */
const BATCH = 32;
/** Parts filled at once: Pagefind spreads two indexes over both cores of a small build machine. */
const PARTS_AT_ONCE = Number(process.env.PF_AT_ONCE ?? 2);

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

/** What a merged part is read for; its copies of the runtime, the wasm and the ready-made UIs are part 1's and never loaded. */
const PART_FILES = /^(pagefind-entry\.json|[^/]+\.pf_meta|index|fragment|filter)$/;

async function dropRuntimeCopies(partDir: string): Promise<void> {
  const names = await readdir(partDir);
  await Promise.all(names.filter((n) => !PART_FILES.test(n)).map((n) => rm(path.join(partDir, n), { recursive: true })));
}

/** Runs `task` for each item with at most `limit` running at once, in order of the items. */
async function pool<T, R>(items: readonly T[], limit: number, task: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  let failed = false;
  const worker = async () => {
    // After a failure no new item starts: the caller is already cleaning up.
    while (next < items.length && !failed) {
      const i = next++;
      try {
        results[i] = await task(items[i] as T, i);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A one-at-a-time lock: parts fill together but are written one by one, which is where Pagefind's memory peaks. */
function serial(): <R>(task: () => Promise<R>) => Promise<R> {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task);
    tail = run.catch(() => {});
    return run;
  };
}

async function indexPart(entries: readonly SearchEntry[], outputPath: string, writing: ReturnType<typeof serial>, signal?: AbortSignal): Promise<number> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
  for (let start = 0; start < entries.length; start += BATCH) {
    signal?.throwIfAborted();
    await Promise.all(
      entries.slice(start, start + BATCH).map(async (entry) => {
        const added = await index.addHTMLFile({ url: entry.url, content: entry.document() });
        if (added.errors.length) throw new Error(`Pagefind could not index ${entry.url}: ${added.errors.join("; ")}`);
      }),
    );
  }
  await writing(async () => {
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
    await index.deleteIndex();
  });
  return await pagesInBundle(outputPath);
}

const describe = (entries: readonly SearchEntry[], i: number): PartInfo => ({
  path: i === 0 ? "/pagefind/" : partPath(i + 1),
  pages: entries.length,
  newest: entries[0]?.day ?? "",
  oldest: entries.at(-1)?.day ?? "",
});

/**
 * Indexes `entries` (newest first) into `siteDir`'s /pagefind/ in parts of
 * `partitionSize`. Aborting `signal` (the rest of the build failed) stops it
 * between batches; it settles once Pagefind is closed and nothing more is written.
 */
export async function indexSite(siteDir: string, entries: readonly SearchEntry[], partitionSize: number, signal?: AbortSignal): Promise<IndexReport> {
  const parts = partition(entries, partitionSize);
  const writing = serial();
  try {
    const counts = await pool(parts, PARTS_AT_ONCE, async (part, i) => {
      const folder = path.join(siteDir, describe(part, i).path);
      const pages = await indexPart(part, folder, writing, signal);
      if (i > 0) await dropRuntimeCopies(folder);
      return pages;
    });
    const list: SearchPartsFile = { parts: parts.slice(1).map((_, i) => partPath(i + 2)), info: parts.map(describe) };
    await writeFile(path.join(siteDir, PARTS_URL), JSON.stringify(list));
    return { pagesIndexed: counts.reduce((a, b) => a + b, 0), parts: parts.length };
  } finally {
    await pagefind.close();
  }
}
