/**
 * The session of a run of Eleventy that no build handed one to: the dev
 * server (`npm start`) and the Eleventy CLI. Content is loaded afresh on every
 * rebuild, through a cache that re-parses only the article files that
 * changed; drafts and scheduled articles are shown in watch and serve mode.
 * After a rebuild caused by content edits alone, only the article and list
 * pages whose data changed are rendered again, and those that changed only
 * in showing a new "Latest" rail get it spliced in. The dev server also keeps a
 * search index of what it shows, rebuilt in the background after each build
 * (search/dev-index.ts).
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { ARTICLES_DIR, buildCacheFolder, buildCacheProblems, contentRootProblems, DATA_DIR } from "../content/content-files.ts";
import { ContentError, formatProblem } from "../content/content-error.ts";
import { ArticleCache } from "../content/file-cache.ts";
import { DevSearchIndex } from "../search/dev-index.ts";
import { loadContent } from "../content/load-content.ts";
import { parseCacheDir } from "../content/parse-cache.ts";
import type { Site } from "../content/site-model.ts";
import { buildAssets } from "./assets.ts";
import { PreviewProblems, previewProblems, problemsMiddleware } from "./dev-problems.ts";
import { showsSiteRail } from "./page-keys.ts";
import { spliceSiteRail } from "./rail-splice.ts";
import { changedPages, pagesGone, renderAll, type DevPages } from "./render-set.ts";
import { deriveFrom, type Derived, type SiteSession } from "./site-session.ts";
import { complain, say } from "../util/terminal-text.ts";

/** The dev server (and watch runs) rebuild on every save, so they keep what they can between builds. */
function isDevServer(env: NodeJS.ProcessEnv): boolean {
  return env.ELEVENTY_RUN_MODE === "serve" || env.ELEVENTY_RUN_MODE === "watch";
}

/** Dev server and watch runs preview drafts and scheduled articles; `BROADSHEET_PREVIEW=1` forces it (and `0` stops it). */
function isPreview(env: NodeJS.ProcessEnv): boolean {
  if (env.BROADSHEET_PREVIEW !== undefined) return env.BROADSHEET_PREVIEW === "1";
  return isDevServer(env);
}

/** Content may live outside the project: `BROADSHEET_CONTENT` names its root (the bench's dev server uses it). */
export function contentRootOf(env: NodeJS.ProcessEnv, projectRoot: string): string {
  return path.resolve(env.BROADSHEET_CONTENT ?? projectRoot);
}

export function devServerSession(env: NodeJS.ProcessEnv, projectRoot: string): SiteSession {
  const root = contentRootOf(env, projectRoot);
  const dev = isDevServer(env);
  // Its first load takes what the last production build of this content parsed.
  const cache = dev ? new ArticleCache(parseCacheDir(root)) : undefined;
  /** The content of the last load, whose bodies pages ask for as they render. */
  let loaded: Site | undefined;
  // A cache folder that cannot be one stops a production build; the dev server says so once and indexes without it.
  // Nothing is made under a folder that is not content: its loads say so instead.
  const isContentRoot = contentRootProblems(root).length === 0;
  const cacheProblems = dev && isContentRoot ? buildCacheProblems(root) : [];
  for (const problem of cacheProblems) complain(`[broadsheet] build cache not used: ${formatProblem(problem)}`);
  const searchCache = buildCacheFolder(root, "dev-search-index");
  const searchCacheUsable = isContentRoot && !cacheProblems.some((p) => searchCache.startsWith(path.join(root, p.file)));
  const searchIndex = dev ? new DevSearchIndex(searchCacheUsable ? searchCache : undefined) : undefined;
  let outputDir = path.join(projectRoot, "_site");
  /** This build's content and what derives from it, loaded once per build. */
  let current: Promise<{ site: Site; derived: Derived }> | undefined;
  /** The content of the last completed build, whose pages are in the output folder, and of the one under way. */
  let rendered: Site | undefined;
  let renderedNext: Site | undefined;
  /** This build's article pages that get the new Latest rail, and the rendered page it is taken from. */
  let splice: DevPages["splice"] = [];
  let railSource: string | undefined;
  let onlyContentChanged = false;

  /** What the last load found wrong, which the dev server shows in the browser; and the last content that loaded. */
  const problems = dev ? previewProblems : new PreviewProblems();
  let lastGood: { site: Site; derived: Derived } | undefined;
  const content = () =>
    (current ??= loadContent({ root, preview: isPreview(env), now: env.BUILD_NOW, cache }).then(
      (site) => {
        loaded = site;
        problems.cleared();
        for (const warning of site.warnings) complain(`[broadsheet] warning: ${warning}`);
        return (lastGood = { site, derived: deriveFrom(site, outputDir) });
      },
      (error: unknown) => {
        if (!dev || !(error instanceof ContentError)) throw error;
        problems.found(error.problems);
        // Nothing loaded yet: the build fails, and the browser is shown the problems all the same.
        if (!lastGood) throw error;
        // The build goes on with the last good content, so the dev server reloads the browser onto the problems.
        complain(`[broadsheet] ${error.message}\n[broadsheet] The preview shows these problems until a save fixes them.`);
        return lastGood;
      },
    ));
  const contentDirs = [ARTICLES_DIR, DATA_DIR].map((dir) => path.join(root, dir) + path.sep);

  return {
    site: async () => (await content()).site,
    articleBody(article) {
      if (!loaded) throw new Error("an article body was asked for before the content was loaded");
      return loaded.bodies.html(article.bodyKey);
    },
    async renderSet() {
      const { site } = await content();
      if (!dev) return renderAll(site);
      renderedNext = site;
      const pages = changedPages(onlyContentChanged ? rendered : undefined, site);
      splice = pages.splice;
      railSource = pages.render.articles.find((a) => showsSiteRail(a, site))?.url;
      return pages.render;
    },
    feeds: async () => (await content()).derived.feeds(),
    sitemaps: async () => (await content()).derived.sitemaps(),
    images: async () => (await content()).derived.images(),
    previews: async () => (await content()).derived.previews(),
    icons: async () => (await content()).derived.icons(),
    // Rebuilt every time: the stylesheet or a script may be what changed.
    assets: () => buildAssets(projectRoot),
    watchTargets: [path.join(root, ARTICLES_DIR), path.join(root, DATA_DIR), path.join(projectRoot, "src/assets")],
    // Nothing writes a service worker here, and one would serve pages from before an edit.
    offline: false,
    ...(dev ? { serverMiddleware: [problemsMiddleware(problems)] } : {}),
    beforeBuild(output) {
      outputDir = path.resolve(output);
      current = undefined;
    },
    beforeWatch(changedFiles) {
      // When every changed file is content, pages whose data did not change need not be rendered again.
      onlyContentChanged =
        changedFiles.length > 0 && changedFiles.every((file) => contentDirs.some((dir) => path.resolve(file).startsWith(dir)));
    },
    async afterBuild() {
      // What a build would not write any more goes, so the preview answers 404 for a deleted article as the site will.
      for (const url of pagesGone(rendered, renderedNext)) rmSync(path.join(outputDir, url, "index.html"), { force: true });
      rendered = renderedNext;
      onlyContentChanged = false;
      if (searchIndex && rendered) void searchIndex.update(rendered, outputDir);
      if (splice.length > 0) {
        const urls = splice.map((a) => a.url);
        splice = [];
        const missed = railSource ? await spliceSiteRail(outputDir, railSource, urls) : urls;
        say(`[broadsheet] Latest rail: spliced into ${urls.length - missed.length} article pages`);
        if (missed.length > 0) {
          // Its next build renders every page, so the preview shows each one as the site will.
          rendered = undefined;
          complain(
            `[broadsheet] ${missed.length} article page(s) in ${outputDir} had no Latest rail to replace (changed or removed since they were written, e.g. ${missed[0]}); every page is rendered on the next save`,
          );
        }
      }
    },
  };
}
