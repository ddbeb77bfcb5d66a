/**
 * What a built site costs its readers and its host, measured on the files:
 * pages, search index size, the bytes a first search fetches (by running a
 * real query with the site's own Pagefind runtime and recording every file
 * it reads), and the weight of an article page.
 */
import { execFile } from "node:child_process";
import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import type { FirstQuery } from "./first-query-bytes.ts";
import { readParts } from "../search/node-search.ts";
import { PROJECT_ROOT } from "../util/project-root.ts";
import { pagesInBundle } from "../search/search-index.ts";

export type { FirstQuery };

const run = promisify(execFile);
const FIRST_QUERY_SCRIPT = path.join(PROJECT_ROOT, "scripts/lib/bench/first-query-bytes.ts");

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

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

const gzSize = (data: Buffer | string) => gzipSync(data, { level: 9 }).byteLength;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Runs `word` as the search page's first query does (first-query-bytes.ts), in a
 * fresh Node process: like a browser's first visit, it starts with nothing
 * loaded (a runtime imported again in the same process is the same module,
 * with its index files already read).
 */
export async function measureFirstQuery(
  siteDir: string,
  word: string,
  { filtersOpen = false }: { filtersOpen?: boolean } = {},
): Promise<FirstQuery> {
  const { stdout } = await run(process.execPath, [FIRST_QUERY_SCRIPT, path.resolve(siteDir), word, filtersOpen ? "open" : "closed"], {
    cwd: PROJECT_ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as FirstQuery;
}

/** Median over (up to `sample`, evenly spread) article pages of gzip(HTML) + gzip(its stylesheets). */
async function articlePageWeight(siteDir: string, articlePages: readonly string[], sample = 200): Promise<number> {
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
  // An index in parts (scripts/lib/search/search-index.ts) counts the pages of every part.
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
