/**
 * Searches a built site's index from Node with the site's own Pagefind
 * runtime, so terminal and test results match what a browser would get.
 * The runtime fetches its files by URL; here those URLs are read from disk.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Pagefind } from "../../../src/assets/search/pagefind-types.ts";
import {
  Archive,
  ArchiveSearch,
  searchArchive,
  viewResult,
  type ResultView,
  type SortOrder,
} from "../../../src/assets/search/archive-search.ts";
import type { ValueFilters } from "../../../src/assets/search/filter-membership.ts";
import { INDEX_OPTIONS } from "../../../src/assets/search/index-format.ts";
import { PARTS_URL, PartedIndex, type PartsOptions, type SearchPartsFile } from "../../../src/assets/search/index-parts.ts";
import { parseQuery } from "../../../src/assets/search/query.ts";
import { pagesInBundle } from "./search-index.ts";

export type SearchHit = ResultView;

export interface SearchQuery {
  query: string | null;
  /** Indexed values per filter: a result needs any one value of each filter given. */
  filters?: ValueFilters;
  sort?: SortOrder;
  limit?: number;
  /** Words in each excerpt. */
  excerptLength?: number;
}

export interface SiteSearch {
  /** The results, and the query to suggest instead when a word of it no page holds has a near spelling that pages do (spelling.ts). */
  search(q: SearchQuery): Promise<{ total: number; hits: SearchHit[]; suggestion?: string }>;
  filters(): Promise<Record<string, Record<string, number>>>;
}

let fetchInstalled = false;
const readListeners = new Set<(url: URL, bytes: number) => void>();

/** Calls `listener` for every index file the runtime reads until the returned function is called (benchmarks count bytes with it). */
export function watchIndexReads(listener: (url: URL, bytes: number) => void): () => void {
  readListeners.add(listener);
  return () => readListeners.delete(listener);
}

/** Serves `file:` URLs from disk and refuses anything else: searching never touches the network. */
function installFileFetch(): void {
  if (fetchInstalled) return;
  fetchInstalled = true;
  const original = globalThis.fetch;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    if (url.protocol !== "file:") return original(input, init);
    const body = await readFile(url);
    for (const listener of readListeners) listener(url, body.byteLength);
    return new Response(body, {
      headers: { "content-type": url.pathname.endsWith(".wasm") ? "application/wasm" : "application/octet-stream" },
    });
  }) as typeof fetch;
}

/** The parts list the build wrote beside the index; an index made by Pagefind alone (the bench's bare stack) is one part. */
async function readPartsFile(siteDir: string): Promise<SearchPartsFile> {
  const text = await readFile(path.join(siteDir, PARTS_URL), "utf8").catch(() => undefined);
  if (text !== undefined) return JSON.parse(text) as SearchPartsFile;
  const pages = await pagesInBundle(path.join(siteDir, "pagefind"));
  return { parts: [], info: [{ path: "/pagefind/", pages, newest: "", oldest: "" }] };
}

/** The older parts of a partitioned index. */
export const readParts = async (siteDir: string): Promise<string[]> => (await readPartsFile(siteDir)).parts;

/**
 * A site's own Pagefind runtime, loaded from disk and not yet opened, with
 * its parts list and where its files are; `instance` as for `PartedIndex.open`.
 */
export async function loadRuntime(
  siteDir: string,
  instance: Record<string, unknown>,
): Promise<{ pf: Pagefind; file: SearchPartsFile; options: PartsOptions }> {
  installFileFetch();
  const root = path.resolve(siteDir);
  const bundle = path.join(root, "pagefind");
  const runtimeUrl = pathToFileURL(path.join(bundle, "pagefind.js"));
  // The query string asks for a module instance per load, so each site searched gets its own runtime.
  runtimeUrl.search = `?site=${encodeURIComponent(bundle)}&n=${++runtimes}`;
  const pf = (await import(runtimeUrl.href)) as Pagefind;
  return {
    pf,
    file: await readPartsFile(root),
    options: { root: pathToFileURL(root).href, primary: { basePath: `${pathToFileURL(bundle).href}/` }, instance },
  };
}
let runtimes = 0;

/** Words in an excerpt in the terminal. */
const EXCERPT_LENGTH = 24;

/** A local tool, where exact counts matter more than bytes: every part is opened at once. */
export async function openSiteSearch(siteDir: string): Promise<SiteSearch> {
  const { pf, file, options } = await loadRuntime(siteDir, { ...INDEX_OPTIONS, baseUrl: "/" });
  const index = await PartedIndex.open(pf, file, options);
  await index.openAll();
  const archive = new Archive(index);
  return {
    filters: () => index.filters(),
    async search({ query, filters = {}, sort = "relevance", limit = 10, excerptLength = EXCERPT_LENGTH }) {
      const parsed = parseQuery(query ?? "");
      const search = new ArchiveSearch(archive, { query: parsed, filters, sort });
      await searchArchive(search, () => {});
      const { pages, weights } = await search.ordered();
      const suggestion = await search.spellingSuggestion();
      return {
        total: pages.length,
        hits: await Promise.all(pages.slice(0, limit).map((page) => viewResult(page, parsed, weights, excerptLength))),
        ...(suggestion ? { suggestion } : {}),
      };
    },
  };
}
