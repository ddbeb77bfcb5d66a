/** Template filters for search markup: the filter vocabulary the search page embeds. */
import type { UserConfig } from "@11ty/eleventy";
import { searchVocabulary } from "../search/search-vocabulary.ts";

export function registerSearchFilters(eleventyConfig: UserConfig): void {
  eleventyConfig.addFilter("searchVocabulary", searchVocabulary as (...args: never[]) => unknown);
}
