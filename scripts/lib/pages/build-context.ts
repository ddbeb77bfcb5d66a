/**
 * How the Eleventy config gets its content. `scripts/build.ts` validates
 * content before Eleventy starts (so a bad build fails fast, with every
 * problem listed) and hands the result over here; the dev server, which runs
 * the config on its own, loads content afresh on each rebuild.
 */
import path from "node:path";
import { buildFeeds } from "./feeds.ts";
import { renderImages, type ResponsiveImage } from "./responsive-images.ts";
import { ARTICLES_DIR, DATA_DIR } from "../content/content-files.ts";
import { ArticleCache } from "../content/file-cache.ts";
import { loadContent } from "../content/load-content.ts";
import { changedPages, renderAll, type RenderSet } from "./render-set.ts";
import type { Site } from "../content/site-model.ts";
import { buildSitemaps } from "./sitemaps.ts";

let provided: Site | undefined;
let providedRenderSet: RenderSet | undefined;

/** The production build's content, and the pages the next Eleventy run renders (all, when not given). */
export function provideContent(site: Site, renderSet?: RenderSet): void {
  provided = site;
  providedRenderSet = renderSet;
}

/** Dev server and watch runs preview drafts and scheduled articles; `BROADSHEET_PREVIEW=1` forces it. */
export function isPreview(env: NodeJS.ProcessEnv): boolean {
  if (env.BROADSHEET_PREVIEW !== undefined) return env.BROADSHEET_PREVIEW === "1";
  return env.ELEVENTY_RUN_MODE === "serve" || env.ELEVENTY_RUN_MODE === "watch";
}

export function contentRoot(env: NodeJS.ProcessEnv): string {
  return env.BROADSHEET_CONTENT ?? process.cwd();
}

/** The dev server (and watch runs) rebuild on every save, so they keep what they can between builds. */
function isDevServer(env: NodeJS.ProcessEnv): boolean {
  return env.ELEVENTY_RUN_MODE === "serve" || env.ELEVENTY_RUN_MODE === "watch";
}

const articleCache = isDevServer(process.env) ? new ArticleCache() : undefined;

export async function contentForEleventy(): Promise<Site> {
  if (provided) return provided;
  const site = await loadContent({
    root: contentRoot(process.env),
    preview: isPreview(process.env),
    now: process.env.BUILD_NOW,
    cache: articleCache,
  });
  for (const warning of site.warnings) console.warn(`[broadsheet] warning: ${warning}`);
  return site;
}

let current: Promise<Site> | undefined;

/** One content load per Eleventy build, shared by the global data derived from it (feeds, sitemaps). */
export function contentOfThisBuild(): Promise<Site> {
  return (current ??= contentForEleventy());
}

/** Called before each build, so the dev server reloads content when it rebuilds. */
export function forgetContent(): void {
  current = undefined;
}

/** The content of the dev server's last completed build, whose pages are in its output folder. */
let rendered: Site | undefined;
let renderedNext: Site | undefined;
let onlyContentChanged = false;

/**
 * Called with the files that changed before a dev server rebuild: when they
 * are all articles or `_data/` files, unchanged pages need not be rendered again.
 */
export function noteChangedFiles(files: readonly string[]): void {
  const root = path.resolve(contentRoot(process.env));
  const contentDirs = [ARTICLES_DIR, DATA_DIR].map((dir) => path.join(root, dir) + path.sep);
  onlyContentChanged = files.length > 0 && files.every((file) => contentDirs.some((dir) => path.resolve(file).startsWith(dir)));
}

/** The article and list pages this build renders: all, except in a dev server rebuild after a content edit. */
export async function renderSetOfThisBuild(): Promise<RenderSet> {
  const site = await contentOfThisBuild();
  if (provided) return providedRenderSet ?? renderAll(site);
  if (!isDevServer(process.env)) return renderAll(site);
  renderedNext = site;
  return changedPages(onlyContentChanged ? rendered : undefined, site);
}

/** Called after each build: its pages are now what the output folder holds. */
export function noteBuildDone(): void {
  rendered = renderedNext;
  onlyContentChanged = false;
}

/**
 * Global data derived from the content, computed once per content load: a
 * large production build renders one content model in several Eleventy runs,
 * and each run asks for its global data again.
 */
function oncePerContent<T>(derive: (site: Site) => T | Promise<T>): () => Promise<T> {
  const derived = new WeakMap<Site, Promise<T>>();
  return async () => {
    const site = await contentOfThisBuild();
    let value = derived.get(site);
    if (!value) {
      value = Promise.resolve(derive(site));
      derived.set(site, value);
    }
    return value;
  };
}

export const feedsOfThisBuild = oncePerContent((site) => buildFeeds(site));
export const sitemapsOfThisBuild = oncePerContent(buildSitemaps);

let imageOutputDir = "_site";

/** Called before each build with Eleventy's output folder, where processed images go. */
export function noteOutputDir(output: string): void {
  imageOutputDir = path.resolve(output);
}

/** Every article image, processed once for the build; templates look them up by `image.src`. */
export const imagesForEleventy: () => Promise<Record<string, ResponsiveImage>> = oncePerContent((site) =>
  renderImages(
    site.articles.flatMap((a) => a.image ?? []),
    imageOutputDir,
    site.imageCacheDir,
  ),
);
