/**
 * Eleventy wiring. The templates in src/ and _includes/ get their content from
 * a site session (scripts/lib/pages/site-session.ts): the production build
 * hands one over for each run; `npm start` and the Eleventy CLI make one that
 * loads content on every rebuild. Articles are data for the loader, never
 * templates of their own.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { UserConfig } from "@11ty/eleventy";
import type { Article } from "./scripts/lib/content/site-model.ts";
import { devServerSession } from "./scripts/lib/pages/dev-session.ts";
import { globalData, pageTaker, sessionOf } from "./scripts/lib/pages/site-session.ts";
import { registerFilters } from "./scripts/lib/pages/template-filters.ts";

const projectRoot = path.dirname(fileURLToPath(import.meta.url));

export default function (eleventyConfig: UserConfig): void {
  const session = sessionOf(eleventyConfig) ?? devServerSession(process.env, projectRoot);

  eleventyConfig.ignores.add("src/articles/**");
  eleventyConfig.ignores.add("src/assets/**");
  for (const target of session.watchTargets) eleventyConfig.addWatchTarget(target);
  eleventyConfig.on("eleventy.before", ({ directories }) => session.beforeBuild(directories.output));
  eleventyConfig.on("eleventy.beforeWatch", (changedFiles) => session.beforeWatch(changedFiles));
  eleventyConfig.on("eleventy.after", () => session.afterBuild());
  if (session.takePage) eleventyConfig.addTransform("take-page", pageTaker(session.takePage));
  if (session.serverMiddleware) eleventyConfig.setServerOptions({ middleware: [...session.serverMiddleware] });

  for (const [name, data] of Object.entries(globalData(session))) eleventyConfig.addGlobalData(name, data);
  registerFilters(eleventyConfig);
  // An article's body is read from the session as its page renders: the content model holds only its key.
  eleventyConfig.addFilter("articleBody", (article: Article) => session.articleBody(article));
}

export const config = {
  dir: { input: "src", includes: "../_includes", data: "../_data", output: "_site" },
  templateFormats: ["njk"],
  htmlTemplateEngine: "njk",
};
