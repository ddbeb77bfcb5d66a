/**
 * The search filters' vocabulary. The index stores display names as filter
 * values (what readers see, with counts); URLs and the terminal use ids and
 * slugs (`?section=world&author=ada&tag=coasts&year=2025`). The build writes
 * the table (scripts/lib/search/search-vocabulary.ts); the search page and
 * `npm run search` read it.
 */
export const FILTER_KEYS = ["section", "author", "tag", "year"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** One filter value: `id` goes in URLs and on the command line, `name` is the indexed value. */
export interface FilterTerm {
  id: string;
  name: string;
}

export type SearchVocabulary = Record<FilterKey, FilterTerm[]>;

/** The indexed value for an id, or for a display name typed in any case. */
export function filterValueFor(terms: FilterTerm[], given: string): string | undefined {
  const lower = given.toLowerCase();
  return terms.find((t) => t.id === given)?.name ?? terms.find((t) => t.name.toLowerCase() === lower)?.name;
}
