/** The search filters' vocabulary (src/assets/search/filter-vocabulary.ts) of a site. */
import type { FilterTerm, SearchVocabulary } from "../../../src/assets/search/filter-vocabulary.ts";
import type { Site } from "../content/site-model.ts";

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
