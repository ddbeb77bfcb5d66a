/**
 * How the Eleventy config gets its content. `scripts/build.ts` validates
 * content before Eleventy starts (so a bad build fails fast, with every
 * problem listed) and hands the result over here; the dev server, which runs
 * the config on its own, loads content afresh on each rebuild.
 */
import path from "node:path";
import { renderImages, type ResponsiveImage } from "./images.ts";
import { loadContent } from "./load-content.ts";
import type { Site } from "./site-model.ts";

let provided: Site | undefined;

export function provideContent(site: Site): void {
  provided = site;
}

/** Dev server and watch runs preview drafts and scheduled articles; `BROADSHEET_PREVIEW=1` forces it. */
export function isPreview(env: NodeJS.ProcessEnv): boolean {
  if (env.BROADSHEET_PREVIEW !== undefined) return env.BROADSHEET_PREVIEW === "1";
  return env.ELEVENTY_RUN_MODE === "serve" || env.ELEVENTY_RUN_MODE === "watch";
}

export function contentRoot(env: NodeJS.ProcessEnv): string {
  return env.BROADSHEET_CONTENT ?? process.cwd();
}

export async function contentForEleventy(): Promise<Site> {
  if (provided) return provided;
  const site = await loadContent({ root: contentRoot(process.env), preview: isPreview(process.env), now: process.env.BUILD_NOW });
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

let imageOutputDir = "_site";

/** Called before each build with Eleventy's output folder, where processed images go. */
export function noteOutputDir(output: string): void {
  imageOutputDir = path.resolve(output);
}

/** Every article image, processed once for the build; templates look them up by `image.src`. */
export async function imagesForEleventy(): Promise<Record<string, ResponsiveImage>> {
  const site = await contentOfThisBuild();
  return renderImages(
    site.articles.flatMap((a) => a.image ?? []),
    imageOutputDir,
    site.imageCacheDir,
  );
}
