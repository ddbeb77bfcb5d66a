/**
 * Builds the site's Pagefind index from search documents (search-document.ts),
 * so it can run while Eleventy renders the pages: Pagefind works on one core
 * while Node renders on the other.
 *
 * A site with more articles than the partition size is indexed in parts of
 * that many, newest first. Part 1 is the bundle at /pagefind/; older parts go
 * to /pagefind/parts/2/, … and are opened on demand at search time
 * (src/assets/search-parts.ts). Parts bound Pagefind's memory (it holds a
 * part's whole index until it writes it, ~0.4 GB per thousand articles) and
 * the bytes a first search fetches.
 *
 * Each part is one run of the Pagefind CLI over a folder of its documents.
 * Measured at 10,000 articles, that took three quarters of the time of the
 * same documents sent through Pagefind's Node API (whose service indexes and
 * writes one message at a time), and separate processes share the two cores.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PARTS_URL, partPath, type PartInfo, type SearchPartsFile } from "../../src/assets/search-parts.ts";

/** One article for the index: where it lives, its publication day, and its document, made when it is written. */
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

/** Parts indexed at once: one Pagefind process per core of a small build machine. */
const PARTS_AT_ONCE = 2;

/** The Pagefind binary the `pagefind` package installed for this platform (or PAGEFIND_BINARY_PATH, as the package honours). */
export function pagefindBinary(): string {
  const fromEnv = process.env.PAGEFIND_BINARY_PATH;
  if (fromEnv) return fromEnv;
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const name = process.platform === "win32" ? "pagefind_extended.exe" : "pagefind_extended";
  return createRequire(import.meta.url).resolve(`@pagefind/${platform}-${process.arch}/bin/${name}`);
}

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

/**
 * Runs `task` for each item, at most `limit` at once, in order of the items.
 * After a failure no new item starts, and `stop` is aborted so running ones
 * can end early; it settles when every started task has, then rethrows.
 */
async function pool<T, R>(items: readonly T[], limit: number, task: (item: T, i: number, stop: AbortSignal) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  const stop = new AbortController();
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop.signal.aborted) {
      const i = next++;
      try {
        results[i] = await task(items[i] as T, i, stop.signal);
      } catch (error) {
        stop.abort(error);
        throw error;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (stop.signal.aborted) throw stop.signal.reason;
  const failure = settled.find((s) => s.status === "rejected");
  if (failure) throw failure.reason;
  return results;
}

/** Runs the Pagefind CLI over `site`, writing the bundle to `output`; stopped (killed) when `signal` aborts. */
function runPagefind(site: string, output: string, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(pagefindBinary(), ["--site", site, "--output-path", output, "--silent"], { stdio: ["ignore", "ignore", "pipe"], signal });
    let stderr = "";
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`Pagefind could not index ${site} (exit ${code}): ${stderr.trim()}`))));
  });
}

async function writeDocuments(dir: string, entries: readonly SearchEntry[]): Promise<void> {
  const BATCH = 64;
  for (let start = 0; start < entries.length; start += BATCH) {
    await Promise.all(
      entries.slice(start, start + BATCH).map(async (entry) => {
        const folder = path.join(dir, entry.url);
        await mkdir(folder, { recursive: true });
        await writeFile(path.join(folder, "index.html"), entry.document());
      }),
    );
  }
}

const describe = (entries: readonly SearchEntry[], i: number): PartInfo => ({
  path: i === 0 ? "/pagefind/" : partPath(i + 1),
  pages: entries.length,
  newest: entries[0]?.day ?? "",
  oldest: entries.at(-1)?.day ?? "",
});

/**
 * Indexes `entries` (newest first) into `siteDir`'s /pagefind/ in parts of
 * `partitionSize`. Documents and bundles are made in a work folder inside
 * `siteDir` and moved into place once every part is done. Aborting `signal`
 * (the rest of the build failed) stops the Pagefind processes; it settles once
 * they are gone and the work folder is removed.
 */
export async function indexSite(siteDir: string, entries: readonly SearchEntry[], partitionSize: number, signal?: AbortSignal): Promise<IndexReport> {
  const parts = partition(entries, partitionSize);
  const work = path.join(siteDir, ".search-index");
  const bundle = (i: number) => path.join(work, "bundles", String(i + 1));
  try {
    const counts = await pool(parts, PARTS_AT_ONCE, async (part, i, stop) => {
      const stopped = signal ? AbortSignal.any([signal, stop]) : stop;
      stopped.throwIfAborted();
      const documents = path.join(work, "documents", String(i + 1));
      await writeDocuments(documents, part);
      await runPagefind(documents, bundle(i), stopped);
      await rm(documents, { recursive: true });
      if (i > 0) await dropRuntimeCopies(bundle(i));
      return pagesInBundle(bundle(i));
    });
    await rename(bundle(0), path.join(siteDir, "pagefind"));
    if (parts.length > 1) await mkdir(path.join(siteDir, "pagefind", "parts"));
    for (let i = 1; i < parts.length; i++) await rename(bundle(i), path.join(siteDir, partPath(i + 1)));
    const list: SearchPartsFile = { parts: parts.slice(1).map((_, i) => partPath(i + 2)), info: parts.map(describe) };
    await writeFile(path.join(siteDir, PARTS_URL), JSON.stringify(list));
    return { pagesIndexed: counts.reduce((a, b) => a + b, 0), parts: parts.length };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
