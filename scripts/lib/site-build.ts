/** One production build: validate content, render pages, index them, publish atomically. */
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { discard, publish, stagingDirFor } from "./atomic-dir.ts";
import { provideContent } from "./build-context.ts";
import { loadContent } from "./load-content.ts";
import { PROJECT_ROOT } from "./paths.ts";
import { indexSite } from "./search-index.ts";


export interface BuildOptions {
  /** Folder with `_data/` and `src/articles/`; defaults to the project. */
  contentRoot?: string;
  /** Where the finished site goes; defaults to `_site` in the project. */
  outDir?: string;
  /** Include drafts and scheduled articles. */
  preview?: boolean;
  /** The build's "now" (ISO 8601); decides which articles are scheduled. */
  now?: string | undefined;
}

export interface BuildReport {
  outDir: string;
  articles: number;
  pagesWritten: number;
  pagesIndexed: number;
  seconds: { content: number; pages: number; index: number; total: number };
  warnings: string[];
}

const seconds = (from: number) => (performance.now() - from) / 1000;

export async function buildSite(options: BuildOptions = {}): Promise<BuildReport> {
  const started = performance.now();
  const outDir = path.resolve(options.outDir ?? path.join(PROJECT_ROOT, "_site"));
  const site = await loadContent({ root: path.resolve(options.contentRoot ?? PROJECT_ROOT), preview: options.preview ?? false, now: options.now });
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
    const pagesDone = performance.now();
    const { pagesIndexed } = await indexSite(staging);
    const indexDone = performance.now();
    await publish(staging, outDir);
    return {
      outDir,
      articles: site.articles.length,
      pagesWritten,
      pagesIndexed,
      seconds: { content: (contentDone - started) / 1000, pages: (pagesDone - contentDone) / 1000, index: (indexDone - pagesDone) / 1000, total: seconds(started) },
      warnings: site.warnings,
    };
  } catch (error) {
    await discard(staging);
    throw error;
  }
}
