/**
 * What a built site costs its readers and its host, measured on the files:
 * pages, search index size, the bytes a first search fetches (by running a
 * real query with the site's own Pagefind runtime and recording every file
 * it reads), and the weight of an article page.
 */
import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { PAGE_OPTIONS, PARTS_URL, PartedIndex, searchPage } from "../../src/assets/search-parts.ts";
import { loadRuntime, readParts, watchIndexReads } from "./node-search.ts";
import { pagesInBundle } from "./search-index.ts";

export interface SiteMetrics {
  pagesWritten: number;
  articlesIndexed: number;
  indexBytes: number;
  indexFiles: number;
  firstQuery: FirstQuery;
  /** The same query once the reader has opened the filters panel, which loads part 1's filter values. */
  firstQueryFiltersOpen: FirstQuery;
  articlePageBytesGz: number;
}

export interface FirstQuery {
  word: string;
  /** Whether the filters panel was open (filter values loaded for its counts); it starts closed until the reader opens it. */
  filtersOpen: boolean;
  /** Results in the parts a first search opens (part 1 of an index in parts). */
  results: number;
  bytes: number;
  /** Each file gzip-compressed where that makes it smaller (Pagefind's own index files already are). */
  bytesGz: number;
  files: { file: string; bytes: number; bytesGz: number }[];
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

const gzSize = (data: Buffer | string) => gzipSync(data, { level: 9 }).byteLength;
const transferSize = (data: Buffer) => Math.min(data.byteLength, gzSize(data));

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Runs `word` as the search page's first query does, with the page's own
 * steps (`PartedIndex.open`, `searchPage`): load the runtime (and in a
 * browser its worker), read the parts list, open part 1, load filter values
 * if the filters panel is open, search, and read the first page of results.
 */
export async function measureFirstQuery(siteDir: string, word: string, { filtersOpen = false }: { filtersOpen?: boolean } = {}): Promise<FirstQuery> {
  const root = path.resolve(siteDir);
  const bundle = path.join(root, "pagefind");
  // Node's runtime has no worker; a browser fetches it beside the runtime (when the build has one).
  const worker = path.join(bundle, "pagefind-worker.js");
  const exists = async (file: string) => (await stat(file).catch(() => undefined)) !== undefined;
  const read: string[] = [path.join(bundle, "pagefind.js")];
  for (const file of [worker, path.join(root, PARTS_URL)]) if (await exists(file)) read.push(file);
  const stop = watchIndexReads((url) => read.push(fileURLToPath(url)));
  let results: number;
  try {
    const { pf, file, options } = await loadRuntime(siteDir, PAGE_OPTIONS);
    const index = await PartedIndex.open(pf, file, options);
    results = (await searchPage(index, word, {}, { counts: filtersOpen })).found.results.length;
  } finally {
    stop();
  }
  const files = await Promise.all(
    read.map(async (file) => {
      const data = await readFile(file);
      return { file: path.relative(bundle, file), bytes: data.byteLength, bytesGz: transferSize(data) };
    }),
  );
  return { word, filtersOpen, results, files, bytes: files.reduce((n, f) => n + f.bytes, 0), bytesGz: files.reduce((n, f) => n + f.bytesGz, 0) };
}

/** Median over (up to `sample`, evenly spread) article pages of gzip(HTML) + gzip(its stylesheets). */
export async function articlePageWeight(siteDir: string, articlePages: readonly string[], sample = 200): Promise<number> {
  const step = Math.max(1, Math.floor(articlePages.length / sample));
  const chosen = articlePages.filter((_, i) => i % step === 0).slice(0, sample);
  const cssCache = new Map<string, number>();
  const weights = await Promise.all(
    chosen.map(async (page) => {
      const html = await readFile(page, "utf8");
      let css = 0;
      for (const [, href] of html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)) {
        if (!href) continue;
        const size = cssCache.get(href) ?? gzSize(await readFile(path.join(siteDir, href)));
        cssCache.set(href, size);
        css += size;
      }
      return gzSize(html) + css;
    }),
  );
  return median(weights);
}

/** Everything above for one built site; `isArticle` tells article pages (relative paths) from the rest. */
export async function measureSite(siteDir: string, isArticle: (relativePath: string) => boolean, word: string): Promise<SiteMetrics> {
  const files = await filesUnder(siteDir);
  const bundle = path.join(siteDir, "pagefind");
  const index = files.filter((f) => f.startsWith(bundle + path.sep));
  const pages = files.filter((f) => f.endsWith(".html") && !f.startsWith(bundle + path.sep));
  const sizes = await Promise.all(index.map(async (f) => (await stat(f)).size));
  // An index in parts (scripts/lib/search-index.ts) counts the pages of every part.
  const bundles = [bundle, ...(await readParts(siteDir)).map((part) => path.join(siteDir, part))];
  const indexed = await Promise.all(bundles.map(pagesInBundle));
  const articles = pages.filter((p) => isArticle(path.relative(siteDir, p).split(path.sep).join("/"))).sort();
  return {
    pagesWritten: pages.length,
    articlesIndexed: indexed.reduce((a, b) => a + b, 0),
    indexBytes: sizes.reduce((a, b) => a + b, 0),
    indexFiles: index.length,
    firstQuery: await measureFirstQuery(siteDir, word),
    firstQueryFiltersOpen: await measureFirstQuery(siteDir, word, { filtersOpen: true }),
    articlePageBytesGz: await articlePageWeight(siteDir, articles),
  };
}
