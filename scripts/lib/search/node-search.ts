/**
 * Searches a built site's index from Node with the site's own Pagefind
 * runtime, so terminal and test results match what a browser would get.
 * The runtime fetches its files by URL; here those URLs are read from disk.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Pagefind } from "../../../src/assets/search/pagefind-types.ts";
import { PARTS_URL, PartedIndex, searchAllParts, type PartsOptions, type SearchPartsFile } from "../../../src/assets/search/index-parts.ts";

export interface SearchHit {
  url: string;
  title: string;
  excerpt: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

export interface SearchQuery {
  query: string | null;
  /** A value, all of several values, or `{ any: [...] }` for any of them. */
  filters?: Record<string, string | string[] | { any: string[] }>;
  sort?: Record<string, "asc" | "desc">;
  limit?: number;
}

export interface SiteSearch {
  search(q: SearchQuery): Promise<{ total: number; hits: SearchHit[] }>;
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

/** The parts list of a partitioned index; no older parts for an index in one part (or one built before parts existed). */
async function readPartsFile(siteDir: string): Promise<SearchPartsFile> {
  const text = await readFile(path.join(siteDir, PARTS_URL), "utf8").catch(() => undefined);
  return text === undefined ? { parts: [] } : (JSON.parse(text) as SearchPartsFile);
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
  // The query string asks for a module instance per load; the tests' loader honours it, tsx's does not
  // (hence first-query-bytes.ts measures in a fresh process).
  runtimeUrl.search = `?site=${encodeURIComponent(bundle)}&n=${++runtimes}`;
  const pf = (await import(runtimeUrl.href)) as Pagefind;
  return {
    pf,
    file: await readPartsFile(root),
    options: { root: pathToFileURL(root).href, primary: { basePath: `${pathToFileURL(bundle).href}/` }, instance },
  };
}
let runtimes = 0;

const definedOnly = (meta: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(meta).filter((e): e is [string, string] => e[1] !== undefined));

/** A local tool, where exact counts matter more than bytes: every part is opened at once. */
export async function openSiteSearch(siteDir: string): Promise<SiteSearch> {
  const { pf, file, options } = await loadRuntime(siteDir, { baseUrl: "/", excerptLength: 24 });
  const index = await PartedIndex.open(pf, file, options);
  await index.openAll();
  // Loads every filter's values now; results only count filters already loaded.
  await index.filters();
  return {
    filters: () => index.filters(),
    async search({ query, filters, sort, limit = 10 }) {
      const found = await searchAllParts(pf, index.partCount, query, { ...(filters ? { filters } : {}), ...(sort ? { sort } : {}) });
      const data = await Promise.all(found.results.slice(0, limit).map((r) => r.data()));
      return {
        total: found.results.length,
        hits: data.map((d) => ({
          url: d.url,
          title: d.meta.title ?? d.url,
          excerpt: d.excerpt,
          meta: definedOnly(d.meta),
          filters: d.filters,
        })),
      };
    },
  };
}
