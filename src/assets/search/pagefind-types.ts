/** The parts of Pagefind's browser API (pagefind.js) the search uses. */
export type FilterCounts = Record<string, Record<string, number>>;

/** Where a page's text has an element with an `id` (Pagefind's anchors), counted in words. */
export interface PagefindAnchor {
  element: string;
  id: string;
  text: string;
  location: number;
}

/** A page as Pagefind stores it (its fragment), loaded by a result's `data()`. */
export interface PagefindResultData {
  url: string;
  /** The page's indexed text, headline first; word positions count its whitespace-separated words (see `positionsBySpaces`). */
  content: string;
  /** The words Pagefind counted in it, which its positions count. */
  word_count: number;
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[]>;
  anchors: PagefindAnchor[];
}

export interface PagefindResult {
  /** The page's identifier, unique across the parts of an index. */
  id: string;
  score: number;
  /** Positions of the matched words in the page's text. */
  words: number[];
  /** Metadata fields that hold a searched word, e.g. `title`. */
  matchedMetaFields?: string[];
  data(): Promise<PagefindResultData>;
}

export interface PagefindSearch {
  results: PagefindResult[];
  /** Counts of each filter's values among the results. */
  filters: FilterCounts;
  /** Counts of each filter's values among the pages holding the words, whatever the filters. */
  totalFilters: FilterCounts;
  unfilteredResultCount: number;
}

/** Filters as Pagefind takes them: a value, all of several values, or any of them. */
export type SearchFilters = Record<string, string | string[] | { any: string[] }>;

export interface PagefindSearchOptions {
  filters?: SearchFilters;
  sort?: Record<string, "asc" | "desc">;
}

export interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  mergeIndex(basePath: string, options?: Record<string, unknown>): Promise<void>;
  filters(): Promise<FilterCounts>;
  search(query: string | null, options?: PagefindSearchOptions): Promise<PagefindSearch>;
}
