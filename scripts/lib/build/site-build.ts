/** One production build: validate content, render pages, index them, publish atomically. */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { discard, publish, stagingDirFor } from "./publish.ts";
import { overBudget, pageWeigher, type PageToWeigh, type PageWeight } from "./page-budgets.ts";
import { PROJECT_ROOT } from "../util/project-root.ts";
import { ContentError } from "../content/content-error.ts";
import { readContent } from "../content/content-files.ts";
import { loadContent } from "../content/load-content.ts";
import { writeOfflineFiles } from "./offline-files.ts";
import { assertOutputDir, SITE_MARKER, SITE_MARKER_TEXT } from "./output-guard.ts";
import { writeBuildInfo } from "../search/search-build-info.ts";
import { searchEntries } from "../search/search-document.ts";
import { indexSite } from "../search/search-index.ts";
import { renderPages } from "./render-pages.ts";
import type { Site } from "../content/site-model.ts";
import { searchVocabulary } from "../search/search-vocabulary.ts";

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
}

export interface BuildReport {
  outDir: string;
  articles: number;
  pagesWritten: number;
  pagesIndexed: number;
  /** Search index parts (1 unless the site has more articles than `searchPartitionSize`). */
  indexParts: number;
  /** What a reader downloads to search offline. */
  searchIndexBytes: number;
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
  const outDir = path.resolve(options.outDir ?? path.join(PROJECT_ROOT, "_site"));
  const contentRoot = path.resolve(options.contentRoot ?? PROJECT_ROOT);
  await assertOutputDir(outDir, { projectRoot: PROJECT_ROOT, contentRoot });
  // Hashed from the bytes loaded, so an edit made during the build makes the index stale rather than wrongly current.
  const snapshot = await readContent(contentRoot);
  const contentHash = snapshot.hash;
  const loaded = await loadContent({ root: contentRoot, preview: options.preview ?? false, now: options.now, snapshot });
  const site = options.siteUrl ? { ...loaded, settings: { ...loaded.settings, url: options.siteUrl } } : loaded;
  const contentDone = performance.now();

  const staging = await stagingDirFor(outDir);
  // Indexing needs only the content model, so Pagefind works on its own core while Eleventy renders.
  const stopIndexing = new AbortController();
  const indexing = indexSite(staging, searchEntries(site), site.settings.searchPartitionSize, { signal: stopIndexing.signal });
  // Awaited below; until then a failure must not count as unhandled.
  indexing.catch(() => {});
  try {
    // Each run's article pages are weighed while the next run renders.
    const weigher = pageWeigher(staging);
    const pagesWritten = await renderPages(site, staging, ({ articles }) => weigher.weigh(articles.map(pageToWeigh)));
    const { weights, heaviest } = await weigher.done();
    const overweight = overBudget(weights);
    if (overweight.length > 0) throw new ContentError(overweight);
    const pagesDone = performance.now();
    const { pagesIndexed, parts: indexParts } = await indexing;
    const { buildId, manifest } = await writeOfflineFiles(staging, contentHash);
    await writeBuildInfo(staging, {
      buildId,
      builtAt: new Date().toISOString(),
      contentHash,
      preview: site.preview,
      vocabulary: searchVocabulary(site),
    });
    await writeFile(path.join(staging, SITE_MARKER), SITE_MARKER_TEXT);
    const indexDone = performance.now();
    await publish(staging, outDir);
    return {
      outDir,
      articles: site.articles.length,
      pagesWritten,
      pagesIndexed,
      indexParts,
      searchIndexBytes: manifest.bytes,
      seconds: {
        content: (contentDone - started) / 1000,
        pages: (pagesDone - contentDone) / 1000,
        index: (indexDone - contentDone) / 1000,
        total: seconds(started),
      },
      warnings: site.warnings,
      ...(heaviest ? { heaviestArticle: heaviest } : {}),
    };
  } catch (error) {
    stopIndexing.abort();
    await indexing.catch(() => {});
    await discard(staging);
    throw error;
  }
}
