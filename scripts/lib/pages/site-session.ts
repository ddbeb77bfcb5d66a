/**
 * The one hand-off from a build to Eleventy: a session gives the templates
 * the content of the build and what is derived from it, and hears Eleventy's
 * build events. `globalData` makes it the templates' global data, which
 * eleventy.config.ts registers.
 *
 * The production build makes one session per Eleventy run and hands it over
 * with `handOver` (Eleventy runs that callback before eleventy.config.ts,
 * which takes the session with `sessionOf`); a run of Eleventy without one
 * (`npm start`, the Eleventy CLI) makes a dev-server session
 * (dev-session.ts), which loads content afresh on every rebuild.
 */
import type { UserConfig } from "@11ty/eleventy";
import type { Article, Site } from "../content/site-model.ts";
import { buildAssets, type Assets } from "./assets.ts";
import { plannedCards } from "./card-drawing.ts";
import { buildFeeds, type Feed } from "./feeds.ts";
import { previewImages, type Previews } from "./preview-images.ts";
import type { RenderSet } from "./render-set.ts";
import type { Middleware } from "./dev-problems.ts";
import { renderImages, type ResponsiveImage } from "./responsive-images.ts";
import { buildSitemaps, type Sitemaps } from "./sitemaps.ts";
import { writeSiteIcons, type SiteIcons } from "./site-icons.ts";
import { drawCards, planCards, type CardPlan } from "./social-cards.ts";
import { complain } from "../util/terminal-text.ts";

export interface SiteSession {
  /** The content model the pages show. */
  site(): Promise<Site>;
  /** The article and list pages this run renders (the other pages are always rendered). */
  renderSet(): Promise<RenderSet>;
  feeds(): Promise<Feed[]>;
  sitemaps(): Promise<Sitemaps>;
  /** Every article image, processed and copied into the output; templates look them up by `image.src`. */
  images(): Promise<Record<string, ResponsiveImage>>;
  /** The image each page's link preview shows. */
  previews(): Promise<Previews>;
  /** Favicons, app icons, the manifest and the publisher's logo, written into the output; the links every page's head carries. */
  icons(): Promise<SiteIcons>;
  /** The stylesheet and scripts, fingerprinted. */
  assets(): Promise<Assets>;
  /** An article's body as HTML (the model holds only its key); asked for by its page as it renders. */
  articleBody(article: Article): string;
  /** Folders whose changes rebuild the site in watch mode. */
  watchTargets: readonly string[];
  /** Whether the site has a service worker and an offline manifest (production builds; not the dev server). */
  offline: boolean;
  /** Eleventy's events: before each build (with its output folder), before a watch rebuild (with the changed files), after each build. */
  beforeBuild(outputDir: string): void;
  beforeWatch(changedFiles: readonly string[]): void;
  afterBuild(): void | Promise<void>;
  /**
   * Takes each HTML page as Eleventy finishes it, for a run that renders to
   * memory (the production build's page writer); Eleventy then keeps a
   * stand-in for it (`pageTaker`). Without it, Eleventy keeps or writes the
   * pages itself.
   */
  takePage?: ((outputPath: string, html: string) => void) | undefined;
  /** What the dev server runs before serving a request (the content's problems, shown in the browser). */
  serverMiddleware?: readonly Middleware[] | undefined;
}

/** What a session derives from one content model, each computed the first time a run asks. */
export interface Derived {
  feeds(): Promise<Feed[]>;
  sitemaps(): Promise<Sitemaps>;
  images(): Promise<Record<string, ResponsiveImage>>;
  previews(): Promise<Previews>;
  icons(): Promise<SiteIcons>;
}

function once<T>(make: () => Promise<T> | T): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= Promise.resolve().then(make));
}

/**
 * Feeds, sitemaps, images and link previews of `site`, computed once however
 * many Eleventy runs render it; images go to `outputDir`. Given the social
 * cards' plan, the caller draws the cards (a production build does, on a
 * worker thread); without one, the cards are planned and drawn here.
 */
export function deriveFrom(site: Site, outputDir: string, cards?: CardPlan): Derived {
  const images = once(() =>
    renderImages(
      site.articles.flatMap((a) => a.image ?? []),
      outputDir,
      site.imageCacheDir,
    ),
  );
  const cardPlan = once(async () => {
    if (cards) return cards;
    const plan = planCards(site);
    for (const warning of plan.warnings) complain(`[broadsheet] warning: ${warning}`);
    drawCards(plannedCards(plan), { cacheDir: site.cardCacheDir, outputDir });
    return plan;
  });
  return {
    feeds: once(async () => buildFeeds(site, { images: await images() })),
    sitemaps: once(() => buildSitemaps(site)),
    images,
    previews: once(async () => previewImages(site, await images(), await cardPlan())),
    icons: once(() => writeSiteIcons(site, outputDir)),
  };
}

/**
 * The production build's sessions: one content model, already validated,
 * rendered in runs. Each run gets a session with its own render set; feeds,
 * sitemaps, images, previews and assets are shared by all of them. The build
 * draws the social cards of `cards` itself.
 */
export function productionSessions(
  site: Site,
  outputDir: string,
  projectRoot: string,
  cards: CardPlan,
): (renderSet: RenderSet, takePage?: SiteSession["takePage"]) => SiteSession {
  const derived = deriveFrom(site, outputDir, cards);
  const assets = once(() => buildAssets(projectRoot));
  const nothing = () => {};
  return (renderSet, takePage) => ({
    site: () => Promise.resolve(site),
    articleBody: (article) => site.bodies.html(article.bodyKey),
    renderSet: () => Promise.resolve(renderSet),
    ...derived,
    assets,
    watchTargets: [],
    offline: true,
    beforeBuild: nothing,
    beforeWatch: nothing,
    afterBuild: nothing,
    takePage,
  });
}

/**
 * What Eleventy keeps of a page once `take` has it. Eleventy holds every
 * page's final text until its run ends, so a page handed on as it is
 * finished would otherwise live as long; it warns about a transform that
 * returns an empty page, hence one space.
 */
const TAKEN = " ";

/** An Eleventy transform that hands each HTML page to `take` and leaves Eleventy a stand-in. */
export function pageTaker(take: (outputPath: string, html: string) => void): (html: string, outputPath: string | false) => string {
  return (html, outputPath) => {
    if (typeof outputPath !== "string" || !outputPath.endsWith(".html")) return html;
    take(outputPath, html);
    return TAKEN;
  };
}

/**
 * The session as the templates' global data, one name per kind of content.
 * Each object is frozen at its top, which Eleventy takes to mean shared as it
 * is: unfrozen, each template's data cascade deep-copies it, and a paginated
 * page reads it through a proxy that wraps every object it reaches, anew on
 * every read, with a debug call per property: much of what rendering
 * allocated (docs/performance.md, "Rendering").
 */
export function globalData(session: SiteSession): Record<string, () => Promise<unknown>> {
  const shared =
    <T extends object>(value: () => Promise<T>) =>
    async () =>
      Object.freeze(await value());
  return {
    site: shared(() => session.site()),
    renderSet: shared(() => session.renderSet()),
    feeds: shared(() => session.feeds()),
    sitemaps: shared(() => session.sitemaps()),
    images: shared(() => session.images()),
    previews: shared(() => session.previews()),
    icons: shared(() => session.icons()),
    assets: shared(() => session.assets()),
    offline: () => Promise.resolve(session.offline),
  };
}

const SESSION = Symbol("broadsheet site session");
type Carrier = UserConfig & { [SESSION]?: SiteSession };

/** For the Eleventy constructor's `config` option: it runs before eleventy.config.ts, which then finds `session` with `sessionOf`. */
export function handOver(session: SiteSession): (eleventyConfig: UserConfig) => void {
  return (eleventyConfig) => {
    (eleventyConfig as Carrier)[SESSION] = session;
  };
}

/** The session a build handed over to this Eleventy instance, if any. */
export function sessionOf(eleventyConfig: UserConfig): SiteSession | undefined {
  return (eleventyConfig as Carrier)[SESSION];
}
