/**
 * The key of each article and list page: a digest of everything its HTML is
 * made from, so a page whose key a build cache holds need not be rendered
 * again (build/page-store.ts). The templates read, besides the page's own
 * article or list, the site's settings, sections and navigation, whether it is
 * a preview, the icons, the fingerprinted stylesheet and scripts, whether
 * there is a service worker, the link preview image and the processed images
 * the page shows; and they are rendered by the code in `code` (templates,
 * filters, dependencies). A key covers all of these, except the site's own
 * "Latest" rail on the article pages that show it: its digest
 * (`siteRailDigest`) is kept apart, so a change to the teaser list alone is
 * spliced into those pages rather than rendered. Anything else a template
 * starts to read must join it, or a rebuild would keep a page that changed
 * (test/unit/pages/page-keys.test.ts holds the templates under `_includes/`
 * to what is covered).
 */
import { createHash } from "node:crypto";
import type { Article, ArticleLink, Image, Rail, Site } from "../content/site-model.ts";
import type { Assets } from "./assets.ts";
import type { Previews } from "./preview-images.ts";
import type { ResponsiveImage } from "./responsive-images.ts";
import type { SiteIcons } from "./site-icons.ts";
import { codeDigest } from "../util/code-digest.ts";

/** The global data a page is rendered with, besides the content model. */
export interface PageInputs {
  /** The rendering code's digest (`renderingCode`). */
  code: string;
  images: Readonly<Record<string, ResponsiveImage>>;
  previews: Previews;
  icons: SiteIcons;
  assets: Assets;
  offline: boolean;
}

/** Templates, the code that computes what they show, Eleventy's configuration and the dependencies. */
export const renderingCode = (): string => codeDigest(["scripts/lib", "_includes", "src"], [".ts", ".njk"], ["eleventy.config.ts"]);

const digest = (parts: readonly string[]): string => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex").slice(0, 32);
};

const json = (value: unknown): string => JSON.stringify(value ?? null);

/** Article and list pages by URL, each with its key. */
export function pageKeys(
  site: Pick<Site, "settings" | "sections" | "navSections" | "preview" | "articles" | "listings" | "rail">,
  inputs: PageInputs,
): Map<string, string> {
  const { settings, sections, navSections, preview } = site;
  const { code, images, previews, icons, assets, offline } = inputs;
  const shared = digest([
    code,
    json({ settings, sections, navSections, preview, icons, offline, siteCard: previews.site }),
    json([assets.css.href, assets.siteScript.href, assets.searchScript.href]),
  ]);
  const picture = (image: Image | undefined) => json(image && images[image.src]);
  // What a story card, or an entry of further reading, shows of an article: an article is in many lists, so its card is digested once.
  const cards = new Map<ArticleLink, string>();
  const card = (item: ArticleLink | Article) => {
    let known = cards.get(item);
    if (known === undefined) {
      const { title, url, standfirst, date, section, image } = item;
      const state = "state" in item ? item.state : undefined;
      known = digest([json({ title, url, standfirst, date, section, image, state }), picture(image)]);
      cards.set(item, known);
    }
    return known;
  };
  // An article's own rail (without itself or its further reading) is digested once; the site's is left out.
  const rails = new Map<Rail, string>([[site.rail, "site rail"]]);
  const rail = (shown: Rail) => {
    let known = rails.get(shown);
    if (known === undefined) rails.set(shown, (known = digest([json(shown)])));
    return known;
  };
  const keys = new Map<string, string>();
  for (const article of site.articles) {
    const { further, rail: shown, ...own } = article;
    const parts = [shared, "article", json(own), picture(article.image), json(previews.articles.get(article.url)), rail(shown)];
    for (const link of further) parts.push(link.relation, card(link));
    keys.set(article.url, digest(parts));
  }
  for (const { items, ...list } of site.listings.lists) keys.set(list.url, digest([shared, "list", json(list), ...items.map(card)]));
  return keys;
}

/** What the site's own "Latest" rail shows, for the article pages whose keys leave it out. */
export const siteRailDigest = (site: Pick<Site, "rail">): string => digest([json(site.rail)]);

/** Whether an article's page shows the site's own rail (most do; those in it or near it show their own). */
export const showsSiteRail = (article: Pick<Article, "rail">, site: Pick<Site, "rail">): boolean => article.rail === site.rail;

/** Whether a rail lists anything: an empty one is not rendered, so a page has none to splice into. */
export const railHasTeasers = (rail: Rail): boolean => rail.links.length + rail.notes.length > 0;
