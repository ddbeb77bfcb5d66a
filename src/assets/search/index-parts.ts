/**
 * A large site's search index is built in parts (scripts/lib/search/search-index.ts):
 * part 1, the newest articles, is the bundle at /pagefind/; older parts follow
 * at /pagefind/parts/2/, … . The search page opens part 1 and merges older
 * parts (Pagefind's `mergeIndex`) only when the reader asks for older articles,
 * so a first search costs what one part costs (`PartedIndex`, `searchPage`).
 * The Node search opens every part and puts date-sorted results back in
 * order (`searchAllParts`). A site in one part has an empty list.
 */
import type { FilterCounts, Pagefind, PagefindResultData, PagefindSearch, PagefindSearchOptions } from "./pagefind-types.ts";

/** One part as the build describes it: dates are publication days (YYYY-MM-DD) in the site's time zone. */
export interface PartInfo {
  path: string;
  pages: number;
  newest: string;
  oldest: string;
}

/** Written by the build beside Pagefind's files. */
export interface SearchPartsFile {
  /** The older parts, newest first. */
  parts: string[];
  /** Every part, part 1 first; absent from builds made before it existed. */
  info?: PartInfo[];
}

export const PARTS_URL = "/pagefind/parts.json";
/** The folder of part `n` (2, 3, …) relative to the site root. */
export const partPath = (key: string): string => `/pagefind/parts/${key}/`;
/** Results the search page shows at once, and so the results whose text a first search reads. */
export const PAGE_SIZE = 10;
/** Pagefind options of the search page, for every part. */
export const PAGE_OPTIONS: Record<string, unknown> = { excerptLength: 30, highlightParam: "highlight" };
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

/**
 * An index in parts, opened newest first: part 1 at once, each older part
 * when asked. Filter values are loaded only once asked for too, and from then
 * on for every part merged later (a search counts only loaded filters).
 */
export class PartedIndex {
  /** Parts merged so far, part 1 included. */
  #opened = 1;
  #opening: Promise<void> | undefined;
  #filters: Promise<FilterCounts> | undefined;

  private constructor(
    readonly pf: Pagefind,
    readonly file: SearchPartsFile,
    private readonly root: string,
    private readonly instance: Record<string, unknown>,
  ) {}

  /** Opens part 1 (`pf` must not be initialised yet). */
  static async open(pf: Pagefind, file: SearchPartsFile, { root = "", primary = {}, instance }: PartsOptions): Promise<PartedIndex> {
    // Before init, `options` replaces earlier options: everything goes in one call.
    await pf.options({ ...primary, ...instance, ...(file.parts.length ? { mergeFilter: partTag(1) } : {}) });
    await pf.init();
    return new PartedIndex(pf, file, root, instance);
  }

  get partCount(): number {
    return this.file.parts.length + 1;
  }

  get opened(): number {
    return this.#opened;
  }

  get complete(): boolean {
    return this.#opened >= this.partCount;
  }

  get filtersLoaded(): boolean {
    return this.#filters !== undefined;
  }

  /** Merges the next older part, if any; calls made while one is merging wait for it instead of merging another. */
  openNext(): Promise<void> {
    this.#opening ??= this.#merge().finally(() => (this.#opening = undefined));
    return this.#opening;
  }

  async #merge(): Promise<void> {
    const path = this.file.parts[this.#opened - 1];
    if (path === undefined) return;
    const n = this.#opened + 1;
    await this.pf.mergeIndex(this.root + path, { ...this.instance, mergeFilter: partTag(n) });
    if (this.#filters) await (this.#filters = this.pf.filters());
    this.#opened = n;
  }

  async openAll(): Promise<void> {
    while (!this.complete) await this.openNext();
  }

  /** Every filter's values with counts over the parts opened so far (loading them the first time). */
  async filters(): Promise<FilterCounts> {
    this.#filters ??= this.pf.filters();
    return readerFilters(await this.#filters);
  }

  /** A search over the parts opened so far: each part ranked or sorted on its own, laid end to end newest first. */
  search(query: string | null, options: PagefindSearchOptions = {}): Promise<PagefindSearch> {
    // A site in one part has no part filter; in several, even part 1 alone is searched through it, as a part being merged is already in `pf`.
    return this.partCount === 1 ? this.pf.search(query, options) : searchEachPart(this.pf, this.#opened, query, options);
  }
}

/**
 * One search as the search page runs it, the first one included: filter
 * values only when their counts are to be shown, then the results over the
 * parts opened so far and the text of the first page of them.
 */
export async function searchPage(
  index: PartedIndex,
  query: string | null,
  options: PagefindSearchOptions,
  { counts }: { counts: boolean },
): Promise<{ found: PagefindSearch; page: PagefindResultData[] }> {
  if (counts) await index.filters();
  const found = await index.search(query, options);
  return { found, page: await Promise.all(found.results.slice(0, PAGE_SIZE).map((r) => r.data())) };
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

/** Options limiting a search to some parts; no part 0 exists, so none matches nothing. */
const within = (options: PagefindSearchOptions, parts: string[]): PagefindSearchOptions => ({
  ...options,
  filters: { ...options.filters, [PART_FILTER]: { any: parts.length ? parts : ["0"] } },
});

function sumCounts(all: FilterCounts[]): FilterCounts {
  const sum: FilterCounts = {};
  for (const counts of all) {
    for (const [key, values] of Object.entries(counts)) {
      const into = (sum[key] ??= {});
      for (const [value, n] of Object.entries(values)) into[value] = (into[value] ?? 0) + n;
    }
  }
  return sum;
}

/**
 * A search over parts 1 to `partCount`, run once per part: each part's
 * results in its own order (relevance, or the requested sort), parts newest
 * first, so opening an older part only ever adds results after those shown.
 * For the `date` sort that is exactly one index's order, as parts hold
 * consecutive date ranges. Counts are summed over the parts.
 */
async function searchEachPart(
  pf: Pagefind,
  partCount: number,
  query: string | null,
  options: PagefindSearchOptions,
): Promise<PagefindSearch> {
  const allowed = (await partsWithEveryWord(pf, partCount, query)) ?? partNumbers(partCount).map(String);
  const each = await Promise.all(allowed.map((n) => pf.search(query, within(options, [n]))));
  return {
    results: each.flatMap((s) => s.results),
    filters: sumCounts(each.map((s) => s.filters)),
    totalFilters: sumCounts(each.map((s) => s.totalFilters)),
    unfilteredResultCount: each.reduce((n, s) => n + s.unfilteredResultCount, 0),
  };
}

/**
 * One search over every part, with the results, count and filter counts one
 * index would give; only relevance differs (each part scores words by their
 * rarity in that part). Pagefind orders merged results by score even when
 * asked to sort, so a sorted search is run once per part and the parts are
 * laid end to end: parts hold consecutive date ranges, newest first, so for
 * the `date` sort that is the order of the whole index.
 */
export async function searchAllParts(
  pf: Pagefind,
  partCount: number,
  query: string | null,
  options: PagefindSearchOptions = {},
): Promise<PagefindSearch> {
  const allowed = await partsWithEveryWord(pf, partCount, query);
  const merged = await pf.search(query, allowed ? within(options, allowed) : options);
  const direction = options.sort ? Object.values(options.sort)[0] : undefined;
  if (partCount <= 1 || !direction) return merged;
  const each = await Promise.all((allowed ?? partNumbers(partCount).map(String)).map((n) => pf.search(query, within(options, [n]))));
  const ordered = direction === "asc" ? each.reverse() : each;
  return { ...merged, results: ordered.flatMap((s) => s.results) };
}

/** Filter counts without the part tag, which is not a reader's filter. */
const readerFilters = (counts: FilterCounts): FilterCounts =>
  Object.fromEntries(Object.entries(counts).filter(([key]) => key !== PART_FILTER));
