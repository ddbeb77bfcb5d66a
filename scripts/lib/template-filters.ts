/** The few filters templates need; anything more is computed in the loader, not in Nunjucks. */
import type { UserConfig } from "@11ty/eleventy";
import { searchVocabulary } from "./search-vocabulary.ts";

/** JSON safe inside `<script type="application/ld+json">`: no `</script>` break-out. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

export function absoluteUrl(pathOrUrl: string, base: string): string {
  return new URL(pathOrUrl, `${base}/`).href;
}

/** An ISO 8601 time in UTC: sorts as text in time order, whatever the offsets (search's date sort key). */
export function utcIso(iso: string): string {
  return new Date(iso).toISOString();
}

export function registerFilters(eleventyConfig: UserConfig): void {
  eleventyConfig.addFilter("scriptJson", scriptJson as (...args: never[]) => unknown);
  eleventyConfig.addFilter("absoluteUrl", absoluteUrl as (...args: never[]) => unknown);
  eleventyConfig.addFilter("utcIso", utcIso as (...args: never[]) => unknown);
  eleventyConfig.addFilter("searchVocabulary", searchVocabulary as (...args: never[]) => unknown);
}
