/**
 * Renders a validated site's pages with Eleventy, in runs: each run is one
 * Eleventy build given its pages through a site session (pages/site-session.ts).
 */
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import type { Article, Site } from "../content/site-model.ts";
import type { RenderSet } from "../pages/render-set.ts";
import type { CardPlan } from "../pages/social-cards.ts";
import { handOver, productionSessions } from "../pages/site-session.ts";
import { partition } from "../util/partition.ts";
import { PROJECT_ROOT } from "../util/project-root.ts";
import { faultPoint } from "../util/fault-points.ts";
import { heapTrimmer } from "./heap-trimmer.ts";
import { pageWriter } from "./page-writer.ts";

/**
 * Paginated pages per Eleventy run. Eleventy keeps every page of a run in
 * memory until the run ends, and each run costs a little to set up: this size
 * balanced the two (docs/performance.md).
 */
const PAGES_PER_RUN = 1000;

/** `BROADSHEET_PAGES_PER_RUN` sets another run size (tests render a small site in several runs with it). */
function pagesPerRun(env: NodeJS.ProcessEnv): number {
  const given = Number(env.BROADSHEET_PAGES_PER_RUN);
  return Number.isInteger(given) && given > 0 ? given : PAGES_PER_RUN;
}

type RenderRun = { input: "src" | "src/article.njk" | "src/list.njk"; renderSet: RenderSet };

/**
 * What each Eleventy run renders: the input (all templates, or one paginated
 * template alone) and its render set. A site within `perRun` articles and
 * lists renders in one run; a larger one renders its other pages first, then
 * its list pages and its articles in runs of `perRun`.
 */
export function renderRuns(site: Pick<Site, "articles" | "listings">, perRun: number): RenderRun[] {
  const { articles, listings } = site;
  if (articles.length + listings.lists.length <= perRun) return [{ input: "src", renderSet: { articles, lists: listings.lists } }];
  return [
    { input: "src", renderSet: { articles: [], lists: [] } },
    ...partition(listings.lists, perRun).map((lists): RenderRun => ({ input: "src/list.njk", renderSet: { articles: [], lists } })),
    ...partition(articles, perRun).map((batch): RenderRun => ({ input: "src/article.njk", renderSet: { articles: batch, lists: [] } })),
  ];
}

const isHtmlPage = <T extends { outputPath: string | false }>(t: T): t is T & { outputPath: string } =>
  typeof t.outputPath === "string" && t.outputPath.endsWith(".html");

/**
 * Renders every page into `outDir`, calling `written` with each run's
 * articles once their pages are on disk; returns how many HTML pages were
 * written. A run of all templates is written by Eleventy (it copies the
 * passthrough files too); a run of one paginated template renders to memory
 * (Eleventy's JSON output) and its pages are written through the thread pool
 * while the next run renders. The pages link the social cards of `cards`,
 * which the caller draws.
 */
export async function renderPages(
  site: Site,
  outDir: string,
  cards: CardPlan,
  written: (articles: readonly Article[]) => void | Promise<void>,
): Promise<number> {
  // Eleventy resolves its input folders against the working directory.
  process.chdir(PROJECT_ROOT);
  let pages = 0;
  const trimHeap = heapTrimmer(128 * 1024 * 1024);
  const sessionFor = productionSessions(site, outDir, PROJECT_ROOT, cards);
  const writer = pageWriter();
  // The articles of the run whose pages are being written.
  let writing: readonly Article[] = [];
  for (const { input, renderSet } of renderRuns(site, pagesPerRun(process.env))) {
    trimHeap();
    const eleventy = new Eleventy(input, outDir, {
      configPath: path.join(PROJECT_ROOT, "eleventy.config.ts"),
      config: handOver(sessionFor(renderSet)),
      source: "cli",
      quietMode: true,
    });
    if (input === "src") {
      const [, templates] = await eleventy.write();
      pages += templates.filter(isHtmlPage).length;
      await written(renderSet.articles);
    } else {
      const rendered = (await eleventy.toJSON()).filter(isHtmlPage);
      pages += rendered.length;
      // The last run's pages are written (and handed on) before this run's are handed over, so at
      // most two runs' pages are in memory however far rendering gets ahead of the disk.
      await writer.done();
      await written(writing);
      writer.push(rendered);
      writing = renderSet.articles;
    }
    await faultPoint("render");
  }
  await writer.done();
  await written(writing);
  return pages;
}
