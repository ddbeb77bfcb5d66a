/**
 * Renders a validated site's pages with Eleventy, in runs: each run is one
 * Eleventy build given its pages through a site session (pages/site-session.ts).
 * Article and list pages the build cache holds (page-store.ts) are linked
 * into the site instead, or, when the site's "Latest" rail is all that
 * changed on them, written with the new rail spliced in.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Article, Site } from "../content/site-model.ts";
import { withRailSource, type RenderSet } from "../pages/render-set.ts";
import type { CardPlan } from "../pages/social-cards.ts";
import { pageKeys, railHasTeasers, renderingCode, showsSiteRail, siteRailDigest, type PageInputs } from "../pages/page-keys.ts";
import { railRange } from "../pages/rail-range.ts";
import { handOver, productionSessions, type SiteSession } from "../pages/site-session.ts";
import { partition } from "../util/partition.ts";
import { PROJECT_ROOT } from "../util/project-root.ts";
import { faultPoint } from "../util/fault-points.ts";
import { heapTrimmer } from "./heap-trimmer.ts";
import type { PageWeight } from "./page-budgets.ts";
import type { PageStore, WrittenPage } from "./page-store.ts";
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
 * template alone) and its render set. Pages within `perRun` articles and
 * lists render in one run; more render the other pages first, then the list
 * pages and the articles in runs of `perRun`.
 */
export function renderRuns({ articles, lists }: RenderSet, perRun: number): RenderRun[] {
  if (articles.length + lists.length <= perRun) return [{ input: "src", renderSet: { articles, lists } }];
  return [
    { input: "src", renderSet: { articles: [], lists: [] } },
    ...partition(lists, perRun).map((batch): RenderRun => ({ input: "src/list.njk", renderSet: { articles: [], lists: batch } })),
    ...partition(articles, perRun).map((batch): RenderRun => ({ input: "src/article.njk", renderSet: { articles: batch, lists: [] } })),
  ];
}

const isHtmlPage = <T extends { outputPath: string | false }>(t: T): t is T & { outputPath: string } =>
  typeof t.outputPath === "string" && t.outputPath.endsWith(".html");

/** Where Eleventy writes the article or list page at `url` (its permalink, a folder's URL). */
const pageFile = (outDir: string, url: string) => path.join(outDir, url, "index.html");

/**
 * The pages of `site` a store holds, those it holds with an older site rail
 * (to splice), and those to render. Splicing takes the new rail from a page
 * rendered in this build, so one of them is rendered when no other page that
 * shows it is.
 */
async function pagesToRender(site: Site, store: PageStore | undefined, inputs: () => Promise<PageInputs>) {
  const keys = store ? pageKeys(site, await inputs()) : new Map<string, string>();
  const stored = store ? store.usable(keys.values()) : new Set<string>();
  const keyOf = (page: { url: string }) => keys.get(page.url) ?? "";
  const rail = siteRailDigest(site);
  const fate = (a: Article): "place" | "splice" | "render" => {
    if (!stored.has(keyOf(a))) return "render";
    if (!showsSiteRail(a, site)) return "place";
    const shown = store?.railOf(keyOf(a));
    if (shown === rail) return "place";
    return railHasTeasers(site.rail) && shown !== undefined ? "splice" : "render";
  };
  const fates = new Map(site.articles.map((a) => [a, fate(a)]));
  const [storedLists, lists] = split(site.listings.lists, (l) => stored.has(keyOf(l)));
  const current = site.articles.filter((a) => fates.get(a) === "place");
  const { render: articles, splice } = withRailSource(
    site,
    site.articles.filter((a) => fates.get(a) === "render"),
    site.articles.filter((a) => fates.get(a) === "splice"),
  );
  const filed = (pages: readonly { url: string }[]) => pages.map((page) => [keyOf(page), page.url] as const);
  return { keys, rail, render: { articles, lists }, stored: { articles: current, lists: storedLists }, splice, filed };
}

function split<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}

/** What a build hears of the article pages as they are written. */
export interface RenderHooks {
  /** These articles' pages are on disk (to be weighed). */
  written(articles: readonly Article[]): void | Promise<void>;
  /** Weights of article pages taken from the store, recorded when they were rendered. */
  weighed(weights: readonly PageWeight[]): void;
}

/**
 * Renders every page into `outDir`; returns how many HTML pages were
 * written, how many of them came from `store` rather than being rendered
 * (pages whose key it holds), how many of those with a new site rail
 * spliced in, and each article and list page's key. The pages link the
 * social cards of `cards`, which the caller draws. The pages rendered and
 * spliced are given to `store`.
 */
export async function renderPages(
  site: Site,
  outDir: string,
  cards: CardPlan,
  hooks: RenderHooks,
  store?: PageStore,
): Promise<{ pages: number; fromStore: number; spliced: number; keys: ReadonlyMap<string, string> }> {
  // Eleventy resolves its input folders against the working directory.
  process.chdir(PROJECT_ROOT);
  const sessionFor = productionSessions(site, outDir, PROJECT_ROOT, cards);
  const plan = await pagesToRender(site, store, () => pageInputs(sessionFor({ articles: [], lists: [] })));
  const toSite = ([key, url]: readonly [string, string]) => [key, pageFile(outDir, url)] as const;
  const fromStore = plan.stored.articles.length + plan.stored.lists.length + plan.splice.length;
  // Linked while the pages that changed are rendered.
  const placing = store?.place([...plan.filed(plan.stored.articles), ...plan.filed(plan.stored.lists)].map(toSite));
  placing?.catch(() => {});
  const weights = plan.stored.articles.map((a) => store?.weightOf(plan.keys.get(a.url) ?? ""));
  hooks.weighed(weights.filter((w) => w !== undefined));
  try {
    const { count: rendered, written } = await renderInRuns(plan.render, outDir, sessionFor, hooks.written, async () => {
      await placing;
      return plan.stored.articles.filter((_, i) => weights[i] === undefined);
    });
    if (store && plan.splice.length > 0) {
      const rail = await siteRailOf(plan.render.articles, site, outDir);
      // In runs, so each run's pages are weighed while the next is spliced.
      for (const run of partition(plan.splice, pagesPerRun(process.env))) {
        store.splice(plan.filed(run).map(toSite), rail);
        await hooks.written(run);
      }
    }
    const railed = [...plan.render.articles, ...plan.splice].filter((a) => showsSiteRail(a, site));
    store?.keep(
      [...plan.filed(plan.render.articles), ...plan.filed(plan.splice), ...plan.filed(plan.render.lists)].map(toSite),
      { keys: new Set(plan.filed(railed).map(([key]) => key)), digest: plan.rail },
      written,
    );
    return { pages: rendered + fromStore, fromStore, spliced: plan.splice.length, keys: plan.keys };
  } finally {
    await placing?.catch(() => {});
  }
}

/** The site rail's HTML, from a page rendered in this build that shows it (pagesToRender sees that there is one). */
async function siteRailOf(rendered: readonly Article[], site: Site, outDir: string): Promise<Buffer> {
  const source = rendered.find((a) => showsSiteRail(a, site));
  const page = source && (await readFile(pageFile(outDir, source.url)));
  const range = page && railRange(page);
  if (!page || !range) throw new Error(`no rendered page shows the site's Latest rail${source ? ` where ${source.url} should` : ""}`);
  return page.subarray(...range);
}

/**
 * Renders `pages` and every page that is not an article or list page. A run
 * of all templates is written by Eleventy (it copies the passthrough files
 * too), and `alsoWritten`'s articles are handed to `written` with its own,
 * since it writes the stylesheet their weighing needs; a run of one
 * paginated template renders to memory (Eleventy's JSON output), each page
 * handed to the page writer as it is finished, and its articles go to
 * `written` once its pages are on disk, to be weighed while the next run
 * renders. Returns how many HTML pages were rendered, and what the page
 * writer wrote of each page it wrote (for the page store).
 */
async function renderInRuns(
  pages: RenderSet,
  outDir: string,
  sessionFor: (renderSet: RenderSet, takePage?: SiteSession["takePage"]) => SiteSession,
  written: RenderHooks["written"],
  alsoWritten: () => Promise<readonly Article[]>,
): Promise<{ count: number; written: ReadonlyMap<string, WrittenPage> }> {
  // Loaded here rather than with this module: at the start of a build, loading it held back the
  // content, which both cores parse, while the other core waited.
  const { default: Eleventy } = await import("@11ty/eleventy");
  const trimHeap = heapTrimmer(128 * 1024 * 1024);
  const writer = pageWriter();
  let count = 0;
  try {
    for (const { input, renderSet } of renderRuns(pages, pagesPerRun(process.env))) {
      trimHeap();
      const toMemory = input !== "src";
      const eleventy = new Eleventy(input, outDir, {
        configPath: path.join(PROJECT_ROOT, "eleventy.config.ts"),
        config: handOver(sessionFor(renderSet, toMemory ? writer.write : undefined)),
        source: "cli",
        quietMode: true,
      });
      if (toMemory) {
        count += (await eleventy.toJSON()).filter(isHtmlPage).length;
        // Written as they were rendered; waiting for the last few keeps at most a run's pages in memory.
        await writer.done();
        await written(renderSet.articles);
      } else {
        const [, templates] = await eleventy.write();
        count += templates.filter(isHtmlPage).length;
        await written([...renderSet.articles, ...(await alsoWritten())]);
      }
      await faultPoint("render");
    }
    return { count, written: writer.written };
  } finally {
    await writer.stop();
  }
}

/** The global data the pages are rendered with, for their keys; made once, and shared with every run. */
async function pageInputs(session: SiteSession): Promise<PageInputs> {
  const [images, previews, icons, assets] = await Promise.all([session.images(), session.previews(), session.icons(), session.assets()]);
  return { code: renderingCode(), images, previews, icons, assets, offline: session.offline };
}
