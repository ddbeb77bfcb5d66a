/** One production build: validate content, render pages, index them, publish atomically. */
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { discard, publish, stagingDirFor } from "./atomic-dir.ts";
import { overBudget, weighPages, type PageWeight } from "./budgets.ts";
import { provideContent } from "./build-context.ts";
import { PROJECT_ROOT } from "./paths.ts";
import { ContentError } from "./problems.ts";
import { loadFingerprinted } from "./content-fingerprint.ts";
import { writeOfflineFiles } from "./offline-build.ts";
import { writeBuildInfo } from "./search-build-info.ts";
import { indexSite } from "./search-index.ts";
import { searchVocabulary } from "./search-vocabulary.ts";

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
  seconds: { content: number; pages: number; index: number; total: number };
  warnings: string[];
  /** The heaviest article page (HTML + CSS, gzip), when there are articles. */
  heaviestArticle?: PageWeight;
}

const seconds = (from: number) => (performance.now() - from) / 1000;

export async function buildSite(options: BuildOptions = {}): Promise<BuildReport> {
  const started = performance.now();
  const outDir = path.resolve(options.outDir ?? path.join(PROJECT_ROOT, "_site"));
  const contentRoot = path.resolve(options.contentRoot ?? PROJECT_ROOT);
  // Hashed from the bytes loaded, so an edit made during the build makes the index stale rather than wrongly current.
  const { site: loaded, contentHash } = await loadFingerprinted({ root: contentRoot, preview: options.preview ?? false, now: options.now });
  const site = options.siteUrl ? { ...loaded, settings: { ...loaded.settings, url: options.siteUrl } } : loaded;
  const contentDone = performance.now();
  provideContent(site);

  const staging = await stagingDirFor(outDir);
  try {
    // Eleventy resolves its input folders against the working directory.
    process.chdir(PROJECT_ROOT);
    const eleventy = new Eleventy("src", staging, {
      configPath: path.join(PROJECT_ROOT, "eleventy.config.ts"),
      source: "cli",
      quietMode: true,
    });
    const [, templates] = await eleventy.write();
    const pagesWritten = templates.filter((t) => typeof t.outputPath === "string" && t.outputPath.endsWith(".html")).length;
    const weights = await weighPages(
      staging,
      site.articles.map((a) => ({ url: a.url, file: a.file, ...(a.section.pageBudgetBytes ? { budget: a.section.pageBudgetBytes } : {}) })),
    );
    const overweight = overBudget(weights);
    if (overweight.length > 0) throw new ContentError(overweight);
    const heaviest = weights.reduce<PageWeight | undefined>((a, b) => (a && a.total >= b.total ? a : b), undefined);
    const pagesDone = performance.now();
    const { pagesIndexed, parts: indexParts } = await indexSite(staging, site.articles.map((a) => a.url), site.settings.searchPartitionSize);
    const { buildId, manifest } = await writeOfflineFiles(staging, contentHash);
    await writeBuildInfo(staging, { buildId, builtAt: new Date().toISOString(), contentHash, preview: site.preview, vocabulary: searchVocabulary(site) });
    const indexDone = performance.now();
    await publish(staging, outDir);
    return {
      outDir,
      articles: site.articles.length,
      pagesWritten,
      pagesIndexed,
      indexParts,
      searchIndexBytes: manifest.bytes,
      seconds: { content: (contentDone - started) / 1000, pages: (pagesDone - contentDone) / 1000, index: (indexDone - pagesDone) / 1000, total: seconds(started) },
      warnings: site.warnings,
      ...(heaviest ? { heaviestArticle: heaviest } : {}),
    };
  } catch (error) {
    await discard(staging);
    throw error;
  }
}
