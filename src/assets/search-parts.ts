/**
 * A large site's search index is built in parts (scripts/lib/search-index.ts):
 * part 1, the newest articles, is the bundle at /pagefind/; older parts follow
 * at /pagefind/parts/2/, … . The search page and the Node search open all of
 * them as one with Pagefind's `mergeIndex`, and put date-sorted results back
 * in order (see `searchAllParts`). A site in one part has an empty list.
 */
import type { FilterCounts, Pagefind, PagefindSearch, PagefindSearchOptions } from "./pagefind-types.ts";

/** One part of the index: its folder, how many articles it holds and their publication days (YYYY-MM-DD). */
export interface SearchPartInfo {
  path: string;
  pages: number;
  newest: string;
  oldest: string;
}

/** Written by the build beside Pagefind's files. */
export interface SearchPartsFile {
  /** The older parts' folders, newest first. */
  parts: string[];
  /** Every part, part 1 first (absent from builds before it was added). */
  info?: SearchPartInfo[];
}

export const PARTS_URL = "/pagefind/parts.json";
/** The folder of part `n` (2, 3, …) relative to the site root. */
export const partPath = (n: number): string => `/pagefind/parts/${n}/`;
/**
 * A filter Pagefind adds to every page of a part (`mergeFilter`), so a search
 * can be limited to one part. Its counts are never shown.
 */
const PART_FILTER = "part";
const partTag = (n: number): Record<string, string> => ({ [PART_FILTER]: String(n) });

export interface PartsOptions {
  /** Where part paths are fetched from; the site root in a browser, a file URL in Node. */
  root?: string;
  /** Options of the primary bundle only (its `basePath` in Node). */
  primary?: Record<string, unknown>;
  /** Options every merged part needs too (excerpt length, base URL, highlight parameter). */
  instance: Record<string, unknown>;
}

/** Opens the primary bundle (`pf` must not be initialised yet) and merges every older part into it. */
export async function openParts(pf: Pagefind, parts: readonly string[], { root = "", primary = {}, instance }: PartsOptions): Promise<void> {
  // Before init, `options` replaces earlier options: everything goes in one call.
  await pf.options({ ...primary, ...instance, ...(parts.length ? { mergeFilter: partTag(1) } : {}) });
  await pf.init();
  await Promise.all(parts.map((part, i) => pf.mergeIndex(root + part, { ...instance, mergeFilter: partTag(i + 2) })));
}

/**
 * The parts a query can match in. Pagefind ignores a word its index does not
 * hold, so a part without one of the words would return pages with only the
 * others. As in one index, a word no part holds is ignored; otherwise a part
 * counts only if it holds every word. Undefined: all parts.
 */
async function partsWithEveryWord(pf: Pagefind, partCount: number, query: string | null): Promise<string[] | undefined> {
  const words = (query ?? "").replace(/"/g, " ").split(/\s+/).filter(Boolean);
  if (partCount <= 1 || words.length < 2) return undefined;
  const perWord = await Promise.all(words.map(async (word) => (await pf.search(word)).filters[PART_FILTER] ?? {}));
  const known = perWord.filter((counts) => Object.values(counts).some((n) => n > 0));
  return partNumbers(partCount)
    .map(String)
    .filter((n) => known.every((counts) => (counts[n] ?? 0) > 0));
}

const partNumbers = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

/**
 * One search over every part, with the results, count and filter counts one
 * index would give; only relevance differs (each part scores words by their
 * rarity in that part). Pagefind orders merged results by score even when
 * asked to sort, so a sorted search is run once per part and the parts are
 * laid end to end: parts hold consecutive date ranges, newest first, so for
 * the `date` sort that is the order of the whole index.
 */
export async function searchAllParts(pf: Pagefind, partCount: number, query: string | null, options: PagefindSearchOptions = {}): Promise<PagefindSearch> {
  const allowed = await partsWithEveryWord(pf, partCount, query);
  // No part 0 exists: a query no part can answer matches nothing.
  const within = (parts: string[]): PagefindSearchOptions => ({ ...options, filters: { ...options.filters, [PART_FILTER]: { any: parts.length ? parts : ["0"] } } });
  const merged = await pf.search(query, allowed ? within(allowed) : options);
  const direction = options.sort ? Object.values(options.sort)[0] : undefined;
  if (partCount <= 1 || !direction) return merged;
  const each = await Promise.all((allowed ?? partNumbers(partCount).map(String)).map((n) => pf.search(query, within([n]))));
  const ordered = direction === "asc" ? each.reverse() : each;
  return { ...merged, results: ordered.flatMap((s) => s.results) };
}

/** Filter counts without the part tag, which is not a reader's filter. */
export const readerFilters = (counts: FilterCounts): FilterCounts => Object.fromEntries(Object.entries(counts).filter(([key]) => key !== PART_FILTER));
