/** One production build: validate content, render pages, index them, publish atomically. */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { removeInBackground } from "./background-removal.ts";
import {
  createStaging,
  discard,
  discardSync,
  publish,
  publishFormFor,
  resolveOutput,
  sweepLeftovers,
  type PublishForm,
} from "./publish.ts";
import { layoutOf } from "./output-layout.ts";
import { lockOutput, onAnotherMachine } from "./output-lock.ts";
import { overBudget, type PageToWeigh, type PageWeight } from "./page-budgets.ts";
import { pageWeigher } from "./page-weigher.ts";
import { openPageStore } from "./page-store.ts";
import { PROJECT_ROOT } from "../util/project-root.ts";
import { ContentError } from "../content/content-error.ts";
import { openParseCache, parseCacheDir, type ParseCache } from "../content/parse-cache.ts";
import { buildCacheFolder, buildCacheProblems, contentRootProblems } from "../content/content-files.ts";
import { loadContent } from "../content/load-content.ts";
import { writeOfflineFiles } from "./offline-files.ts";
import { assertOutputDir, SITE_MARKER, SITE_MARKER_TEXT } from "./output-guard.ts";
import { writeBuildInfo } from "../search/search-build-info.ts";
import { searchEntries } from "../search/search-document.ts";
import { indexSite, removeDeadScratch } from "../search/search-index.ts";
import { splitsWithDictionary } from "../../../src/assets/search/query.ts";
import { renderPages } from "./render-pages.ts";
import { aliasesShadowingFiles } from "./alias-shadows.ts";
import { startCardDrawing } from "../pages/card-drawing.ts";
import { planCards } from "../pages/social-cards.ts";
import type { Site } from "../content/site-model.ts";
import { searchVocabulary } from "../search/search-vocabulary.ts";
import { faultPoint } from "../util/fault-points.ts";
import { onInterrupt } from "../util/interrupts.ts";

export interface BuildOptions {
  /** Folder with `_data/` and `src/articles/`; defaults to the project. */
  contentRoot?: string;
  /** Where the finished site goes; defaults to `_site` in the project. */
  outDir?: string;
  /** Include drafts and scheduled articles. */
  preview?: boolean;
  /** The build's "now" (ISO 8601); decides which articles are scheduled. */
  now?: string | undefined;
  /**
   * Replaces `url` from site.yaml, for a build audited where it is served
   * (e.g. Lighthouse on localhost, whose SEO audit rejects a canonical link to
   * another domain). Never for deploys.
   */
  siteUrl?: string | undefined;
  /** `link` (the output path is a link swapped in one rename) or `folder`; by default a link, a folder on Netlify (publish.ts). */
  publishAs?: PublishForm | undefined;
  /** Told what the build waits for or clears up: another build's lock, what killed builds left. */
  notice?: (message: string) => void;
}

export interface BuildReport {
  outDir: string;
  articles: number;
  pagesWritten: number;
  /** Of those, article and list pages unchanged since the last build, taken from the build cache rather than rendered. */
  pagesFromCache: number;
  /** Of those, article pages whose only change was the site's Latest rail, spliced into them. */
  pagesSpliced: number;
  pagesIndexed: number;
  /** Search index parts (1 unless the site has more articles than `searchPartitionSize`). */
  indexParts: number;
  /** Parts whose documents were unchanged since a build the cache remembers, so Pagefind did not run for them. */
  indexPartsFromCache: number;
  /** What a reader downloads to search offline. */
  searchIndexBytes: number;
  /** Article files parsed by this build, and taken from the cache of earlier builds. */
  parses: { parsed: number; fromCache: number };
  /** Social cards drawn by this build, and taken from the cache of earlier builds. */
  cards: { drawn: number; reused: number };
  /** `index` runs alongside `pages`: from the content being loaded to the index being written. */
  seconds: { content: number; pages: number; index: number; total: number };
  warnings: string[];
  /** The heaviest article page (HTML + CSS, gzip), when there are articles. */
  heaviestArticle?: PageWeight;
}

const seconds = (from: number) => (performance.now() - from) / 1000;

const pageToWeigh = (a: Site["articles"][number]): PageToWeigh => ({
  url: a.url,
  file: a.file,
  ...(a.section.pageBudgetBytes ? { budget: a.section.pageBudgetBytes } : {}),
});

export async function buildSite(options: BuildOptions = {}): Promise<BuildReport> {
  const started = performance.now();
  const requested = path.resolve(options.outDir ?? path.join(PROJECT_ROOT, "_site"));
  const contentRoot = path.resolve(options.contentRoot ?? PROJECT_ROOT);
  // Before anything is written: the output's lock, the build cache under the content root.
  const rootProblems = contentRootProblems(contentRoot);
  if (rootProblems.length) throw new ContentError(rootProblems);
  await assertOutputDir(requested, { projectRoot: PROJECT_ROOT, contentRoot });
  const outDir = await resolveOutput(requested);
  const notice = options.notice ?? (() => {});
  // The lock lives beside the output.
  await mkdir(path.dirname(outDir), { recursive: true });
  const lockFile = layoutOf(outDir).lock;
  const lock = await lockOutput(lockFile, {
    onWait: (holder) =>
      notice(
        onAnotherMachine(holder)
          ? `A build on ${holder.host} (PID ${holder.pid}, started ${holder.since}) is publishing to ${outDir}; waiting for it to finish. If no build is running there, delete ${lockFile}.`
          : `Another build (PID ${holder.pid}, started ${holder.since}) is publishing to ${outDir}; waiting for it to finish…`,
      ),
    onTakeOver: (holder) =>
      notice(`A build that is no longer running${holder ? ` (PID ${holder.pid})` : ""} left its lock on ${outDir}; taking it over.`),
  });
  const forgetLock = onInterrupt(() => lock.releaseSync());
  try {
    const removed = [...(await sweepLeftovers(outDir)), ...(await removeDeadScratch())];
    if (removed.length) notice(`Cleared away what stopped builds left: ${removed.join(", ")}`);
    return await buildLocked(options, contentRoot, outDir, started);
  } finally {
    forgetLock();
    await lock.release();
  }
}

async function buildLocked(options: BuildOptions, contentRoot: string, outDir: string, started: number): Promise<BuildReport> {
  const cacheProblems = buildCacheProblems(contentRoot);
  if (cacheProblems.length) throw new ContentError(cacheProblems);
  // The articles' bodies go to the cache's pack, which the pages read them back from.
  const parseCache = openParseCache(parseCacheDir(contentRoot));
  try {
    return await buildWithCache(options, contentRoot, outDir, started, parseCache);
  } finally {
    parseCache.close();
  }
}

async function buildWithCache(
  options: BuildOptions,
  contentRoot: string,
  outDir: string,
  started: number,
  parseCache: ParseCache,
): Promise<BuildReport> {
  const contentStarted = performance.now();
  await faultPoint("content");
  const loaded = await loadContent({
    root: contentRoot,
    preview: options.preview ?? false,
    now: options.now,
    parseCache,
  });
  // Made from the bytes parsed, so an edit made during the build makes the index stale rather than wrongly current.
  const { contentHash } = loaded;
  const site = options.siteUrl ? { ...loaded, settings: { ...loaded.settings, url: options.siteUrl } } : loaded;
  const contentDone = performance.now();

  const staging = await createStaging(outDir);
  const forgetStaging = onInterrupt(() => discardSync(staging));
  // Indexing needs only the content model, so Pagefind works on its own core while Eleventy renders.
  const stopIndexing = new AbortController();
  let markRendered = () => {};
  const rendered = new Promise<void>((resolve) => (markRendered = resolve));
  const indexing = indexSite(staging.dir, searchEntries(site), site.settings.searchPartitionSize, {
    signal: stopIndexing.signal,
    cacheDir: buildCacheFolder(contentRoot, "search-index"),
    rendered,
    vocabulary: !splitsWithDictionary(site.settings.language),
  });
  // Awaited below; until then a failure must not count as unhandled.
  indexing.catch(() => {});
  // The pages need only the cards' names; the cards are drawn beside them.
  const cardPlan = planCards(site);
  const cardDrawing = startCardDrawing(cardPlan, { cacheDir: site.cardCacheDir, outputDir: staging.dir });
  // Each run's article pages are weighed while the next run renders.
  const weigher = pageWeigher(staging.dir);
  const pageStore = await openPageStore(buildCacheFolder(contentRoot, "pages"));
  const forgetPageStore = onInterrupt(() => pageStore.release());
  try {
    const pages = await renderPages(
      site,
      staging.dir,
      cardPlan,
      { written: (articles) => weigher.weigh(articles.map(pageToWeigh)), weighed: (weights) => weigher.add(weights) },
      pageStore,
    );
    markRendered();
    const { weights, heaviest } = await weigher.done();
    pageStore.noteWeights(weights.map((w) => [pages.keys.get(w.url) ?? "", w] as const));
    const refused = [...overBudget(weights), ...(await aliasesShadowingFiles(site, staging.dir))];
    if (refused.length > 0) throw new ContentError(refused);
    const pagesDone = performance.now();
    // Saved while the search index finishes: this thread has nothing else to do then.
    parseCache.save();
    const [{ pagesIndexed, parts: indexParts, partsFromCache }, cards] = await Promise.all([indexing, cardDrawing.done]);
    const { buildId, manifest } = await writeOfflineFiles(staging.dir, contentHash);
    await writeBuildInfo(staging.dir, {
      buildId,
      builtAt: new Date().toISOString(),
      contentHash,
      preview: site.preview,
      vocabulary: searchVocabulary(site),
    });
    // Written last: a build folder with the marker is complete.
    await writeFile(path.join(staging.dir, SITE_MARKER), SITE_MARKER_TEXT);
    const indexDone = performance.now();
    // The site it replaced is removed after this process exits: the new one is already being served.
    removeInBackground(await publish(staging, outDir, publishFormFor(process.env, options.publishAs)));
    await pageStore.commit();
    return {
      outDir,
      articles: site.articles.length,
      pagesWritten: pages.pages,
      pagesFromCache: pages.fromStore,
      pagesSpliced: pages.spliced,
      pagesIndexed,
      indexParts,
      indexPartsFromCache: partsFromCache,
      parses: { ...parseCache.counts },
      searchIndexBytes: manifest.bytes,
      cards,
      seconds: {
        content: (contentDone - contentStarted) / 1000,
        pages: (pagesDone - contentDone) / 1000,
        index: (indexDone - contentDone) / 1000,
        total: seconds(started),
      },
      warnings: [...site.warnings, ...cardPlan.warnings],
      ...(heaviest ? { heaviestArticle: heaviest } : {}),
    };
  } catch (error) {
    stopIndexing.abort();
    await Promise.all([indexing.catch(() => {}), cardDrawing.stop(), weigher.stop()]);
    await discard(staging);
    throw error;
  } finally {
    pageStore.release();
    forgetPageStore();
    forgetStaging();
  }
}
