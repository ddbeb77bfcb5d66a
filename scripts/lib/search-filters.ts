/** Template filters for search markup: the date sort key and the filter vocabulary the search page embeds. */
import type { UserConfig } from "@11ty/eleventy";
import { searchVocabulary } from "./search-vocabulary.ts";

/** An ISO 8601 time in UTC: sorts as text in time order, whatever the offsets (search's date sort key). */
export function utcIso(iso: string): string {
  return new Date(iso).toISOString();
}

export function registerSearchFilters(eleventyConfig: UserConfig): void {
  eleventyConfig.addFilter("utcIso", utcIso as (...args: never[]) => unknown);
  eleventyConfig.addFilter("searchVocabulary", searchVocabulary as (...args: never[]) => unknown);
}
