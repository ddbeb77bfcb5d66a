/** The few filters templates need; anything more is computed in the loader, not in Nunjucks. */
import type { UserConfig } from "@11ty/eleventy";
import { jsonFeed } from "./feeds.ts";
import { pageMeta } from "./page-meta.ts";
import { siteRedirects } from "./redirects.ts";
import { shareLinks } from "./share-links.ts";
import { absoluteUrl } from "../content/urls.ts";
import { searchVocabulary } from "../search/search-vocabulary.ts";

/** What must not stand as itself in a script's JSON: `<` (a `</script>`), and the line separators older parsers reject. */
const SCRIPT_UNSAFE = /[<\u2028\u2029]/g;

/** JSON safe inside `<script type="application/ld+json">`: no `</script>` break-out. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(SCRIPT_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function registerFilters(eleventyConfig: UserConfig): void {
  eleventyConfig.addFilter("scriptJson", scriptJson as (...args: never[]) => unknown);
  eleventyConfig.addFilter("absoluteUrl", absoluteUrl as (...args: never[]) => unknown);
  eleventyConfig.addFilter("pageMeta", pageMeta as (...args: never[]) => unknown);
  eleventyConfig.addFilter("jsonFeed", jsonFeed as (...args: never[]) => unknown);
  eleventyConfig.addFilter("shareLinks", shareLinks as (...args: never[]) => unknown);
  eleventyConfig.addFilter("siteRedirects", siteRedirects as (...args: never[]) => unknown);
  // The search page embeds the filter vocabulary for its script.
  eleventyConfig.addFilter("searchVocabulary", searchVocabulary as (...args: never[]) => unknown);
}
