/**
 * The search filters' vocabulary. The index stores display names as filter
 * values (what readers see, with counts); URLs and the terminal use ids and
 * slugs (`?section=world&author=ada&tag=coasts&year=2025`). This table maps
 * one to the other, for the search page and for `npm run search`.
 */
import type { Site } from "../content/site-model.ts";

export const FILTER_KEYS = ["section", "author", "tag", "year"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** One filter value: `id` goes in URLs and on the command line, `name` is the indexed value. */
export interface FilterTerm {
  id: string;
  name: string;
}

export type SearchVocabulary = Record<FilterKey, FilterTerm[]>;

/** Sections in navigation order, authors and tags by name, years newest first. */
export function searchVocabulary(site: Pick<Site, "sections" | "authors" | "tags" | "articles">): SearchVocabulary {
  const byName = (a: FilterTerm, b: FilterTerm) => a.name.localeCompare(b.name);
  const years = [...new Set(site.articles.map((a) => a.date.year))].sort((a, b) => b - a).map(String);
  return {
    section: site.sections.map((s) => ({ id: s.id, name: s.name })),
    author: site.authors.map((a) => ({ id: a.id, name: a.name })).sort(byName),
    tag: site.tags.map((t) => ({ id: t.slug, name: t.name })).sort(byName),
    year: years.map((y) => ({ id: y, name: y })),
  };
}

/** The indexed value for an id, or for a display name typed in any case. */
export function filterValueFor(terms: FilterTerm[], given: string): string | undefined {
  const lower = given.toLowerCase();
  return terms.find((t) => t.id === given)?.name ?? terms.find((t) => t.name.toLowerCase() === lower)?.name;
}
