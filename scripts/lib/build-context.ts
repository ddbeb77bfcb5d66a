/**
 * How the Eleventy config gets its content. `scripts/build.ts` validates
 * content before Eleventy starts (so a bad build fails fast, with every
 * problem listed) and hands the result over here; the dev server, which runs
 * the config on its own, loads content afresh once per rebuild.
 */
import path from "node:path";
import { renderImages, type ResponsiveImage } from "./images.ts";
import { loadContent } from "./load-content.ts";
import type { Site } from "./site-model.ts";

let provided: Site | undefined;
let loaded: Promise<Site> | undefined;
let outputDir = "_site";

export function provideContent(site: Site): void {
  provided = site;
}

/** Called as each Eleventy build starts: forget the last rebuild's content, note where pages go. */
export function beginBuild(output: string): void {
  loaded = undefined;
  outputDir = path.resolve(output);
}

/** Dev server and watch runs preview drafts and scheduled articles; `BROADSHEET_PREVIEW=1` forces it. */
export function isPreview(env: NodeJS.ProcessEnv): boolean {
  if (env.BROADSHEET_PREVIEW !== undefined) return env.BROADSHEET_PREVIEW === "1";
  return env.ELEVENTY_RUN_MODE === "serve" || env.ELEVENTY_RUN_MODE === "watch";
}

export function contentRoot(env: NodeJS.ProcessEnv): string {
  return env.BROADSHEET_CONTENT ?? process.cwd();
}

async function load(): Promise<Site> {
  const site = await loadContent({ root: contentRoot(process.env), preview: isPreview(process.env), now: process.env.BUILD_NOW });
  for (const warning of site.warnings) console.warn(`[broadsheet] warning: ${warning}`);
  return site;
}

export function contentForEleventy(): Promise<Site> {
  if (provided) return Promise.resolve(provided);
  return (loaded ??= load());
}

/** Every article image, processed once for the build; templates look them up by `image.src`. */
export async function imagesForEleventy(): Promise<Record<string, ResponsiveImage>> {
  const site = await contentForEleventy();
  return renderImages(
    site.articles.flatMap((a) => a.image ?? []),
    outputDir,
    site.imageCacheDir,
  );
}
