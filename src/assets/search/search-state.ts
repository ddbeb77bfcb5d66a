/**
 * A search as it lives in the URL: `/search/?q=tariffs&section=world&tag=coasts&sort=date`.
 * Filter parameters carry ids and slugs (repeatable); the index holds display
 * names, so conversion goes through the vocabulary.
 */
import { FILTER_KEYS, filterValueFor, type FilterKey, type SearchVocabulary } from "./filter-vocabulary.ts";
import type { ValueFilters } from "./filter-membership.ts";

export type SortOrder = "relevance" | "date";

export interface SearchState {
  q: string;
  /** Selected ids per filter. */
  filters: Record<FilterKey, string[]>;
  sort: SortOrder;
}

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

/** The state's filters as indexed values (display names): any of the values within a filter, all filters together. */
export function valueFilters(state: SearchState, vocabulary: SearchVocabulary): ValueFilters {
  const out: ValueFilters = {};
  for (const key of FILTER_KEYS) {
    const values = state.filters[key].map((id) => filterValueFor(vocabulary[key], id)).filter((v): v is string => v !== undefined);
    if (values.length) out[key] = { any: values };
  }
  return out;
}
