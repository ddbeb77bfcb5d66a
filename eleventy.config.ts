/**
 * Eleventy wiring. Content is data: articles under src/articles/ are read,
 * validated and enriched by scripts/lib/load-content.ts, and the page
 * templates in src/ paginate over the result.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { UserConfig } from "@11ty/eleventy";
import { buildAssets } from "./scripts/lib/pages/assets.ts";
import {
  contentOfThisBuild,
  contentRoot,
  feedsOfThisBuild,
  forgetContent,
  imagesForEleventy,
  noteBuildDone,
  noteChangedFiles,
  noteOutputDir,
  renderSetOfThisBuild,
  sitemapsOfThisBuild,
} from "./scripts/lib/pages/build-context.ts";
import { registerFilters } from "./scripts/lib/pages/template-filters.ts";
import { registerSearchFilters } from "./scripts/lib/pages/search-filters.ts";

const projectRoot = path.dirname(fileURLToPath(import.meta.url));

export default function (eleventyConfig: UserConfig): void {
  // Articles are data for the loader, never templates of their own.
  eleventyConfig.ignores.add("src/articles/**");
  eleventyConfig.ignores.add("src/assets/**");
  // Content may live outside the project (BROADSHEET_CONTENT); watch where it is.
  const content = contentRoot(process.env);
  eleventyConfig.addWatchTarget(path.join(content, "src/articles/"));
  eleventyConfig.addWatchTarget("src/assets/");
  eleventyConfig.addWatchTarget(path.join(content, "_data/"));

  eleventyConfig.on("eleventy.before", forgetContent);
  eleventyConfig.addGlobalData("site", contentOfThisBuild);
  // The dev server re-renders only the article and list pages an edit changed.
  eleventyConfig.on("eleventy.beforeWatch", noteChangedFiles);
  eleventyConfig.addGlobalData("renderSet", renderSetOfThisBuild);
  eleventyConfig.on("eleventy.after", noteBuildDone);
  eleventyConfig.addGlobalData("feeds", feedsOfThisBuild);
  eleventyConfig.addGlobalData("sitemaps", sitemapsOfThisBuild);
  eleventyConfig.addPassthroughCopy("src/publisher-logo.svg");
  eleventyConfig.on("eleventy.before", ({ directories }) => noteOutputDir(directories.output));
  eleventyConfig.addGlobalData("images", imagesForEleventy);
  eleventyConfig.addGlobalData("assets", () => buildAssets(projectRoot));
  registerFilters(eleventyConfig);
  registerSearchFilters(eleventyConfig);
}

export const config = {
  dir: { input: "src", includes: "../_includes", data: "../_data", output: "_site" },
  templateFormats: ["njk"],
  htmlTemplateEngine: "njk",
};
