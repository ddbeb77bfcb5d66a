/** The parts of Pagefind's browser API (pagefind.js) the search page uses. */
import type { PagefindFilters } from "./search-state.ts";

export type FilterCounts = Record<string, Record<string, number>>;

export interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[]>;
}

export interface PagefindSearch {
  results: { id: string; data(): Promise<PagefindResultData> }[];
  filters: FilterCounts;
  totalFilters: FilterCounts;
  unfilteredResultCount: number;
}

/** Filters as Pagefind takes them: a value, all of several values, or any of them. */
export type SearchFilters = PagefindFilters | Record<string, string | string[] | { any: string[] }>;

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
