/**
 * A search as it lives in the URL: `/search/?q=tariffs&section=world&tag=coasts&sort=date`.
 * Filter parameters carry ids and slugs (repeatable); the index holds display
 * names, so conversion goes through the vocabulary.
 */
import { FILTER_KEYS, filterValueFor, type FilterKey, type SearchVocabulary } from "./filter-vocabulary.ts";

export type SortOrder = "relevance" | "date";

export interface SearchState {
  q: string;
  /** Selected ids per filter. */
  filters: Record<FilterKey, string[]>;
  sort: SortOrder;
}

/** Pagefind's filter argument: any of the values within a filter, all filters together. */
export type PagefindFilters = Partial<Record<FilterKey, { any: string[] }>>;

export const emptyFilters = (): Record<FilterKey, string[]> => ({ section: [], author: [], tag: [], year: [] });

/** Reads a search from a URL; ids the vocabulary does not know are dropped. */
export function stateFromUrl(url: URL, vocabulary: SearchVocabulary): SearchState {
  const filters = emptyFilters();
  for (const key of FILTER_KEYS) {
    const known = new Set(vocabulary[key].map((t) => t.id));
    filters[key] = [...new Set(url.searchParams.getAll(key))].filter((id) => known.has(id));
  }
  return { q: url.searchParams.get("q") ?? "", filters, sort: url.searchParams.get("sort") === "date" ? "date" : "relevance" };
}

/** The search page URL for a state: only what differs from the defaults. */
export function urlForState(state: SearchState, base: string): string {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set("q", state.q.trim());
  for (const key of FILTER_KEYS) for (const id of state.filters[key]) params.append(key, id);
  if (state.sort === "date") params.set("sort", "date");
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}

export function hasFilters(state: SearchState): boolean {
  return FILTER_KEYS.some((k) => state.filters[k].length > 0);
}

/** Pagefind filters for the state, optionally leaving one filter out (to count that filter's other values). */
export function pagefindFilters(state: SearchState, vocabulary: SearchVocabulary, except?: FilterKey): PagefindFilters {
  const out: PagefindFilters = {};
  for (const key of FILTER_KEYS) {
    if (key === except) continue;
    const values = state.filters[key].map((id) => filterValueFor(vocabulary[key], id)).filter((v): v is string => v !== undefined);
    if (values.length) out[key] = { any: values };
  }
  return out;
}
