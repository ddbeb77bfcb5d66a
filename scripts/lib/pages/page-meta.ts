/**
 * What a page's `<head>` tells machines: feed autodiscovery links, Open Graph
 * and Twitter card tags, and JSON-LD. `_includes/partials/head-meta.njk`
 * prints the result of `pageMeta` and decides nothing itself.
 */
import type { Article, Site } from "../content/site-model.ts";
import { cutTeaser } from "../content/teasers.ts";
import type { PreviewImage, Previews } from "./preview-images.ts";
import { breadcrumbList, breadcrumbTrail, newsArticle, webSite, type JsonLd } from "./structured-data.ts";
import { textDirection } from "../content/text-direction.ts";
import { absoluteUrl, feedUrls } from "../content/urls.ts";

/**
 * How much of each text the readers of metadata show, in characters: a
 * search result shows about 60 of a title and 155–160 of a description;
 * X (Twitter) cards take 70 and 200; Open Graph descriptions show about 300.
 * Longer text is cut between words, with an ellipsis.
 */
export const META_LIMITS = { title: 60, description: 160, twitterTitle: 70, twitterDescription: 200, ogDescription: 300 } as const;
const cut = (text: string, limit: number) => (text.length <= limit ? text : cutTeaser(text, limit).text);

/** What the layout knows about the page: the variables a page template sets. */
export interface PageInfo {
  title?: string | undefined;
  description?: string | undefined;
  /** The canonical path; pages without one (404) get no URL-bound metadata. */
  path?: string | undefined;
  sectionId?: string | undefined;
  /** The article of an article page; ignored unless its URL is the page's canonical path. */
  article?: Article | undefined;
  noindex?: boolean | undefined;
}

export interface FeedLink {
  type: "application/atom+xml" | "application/feed+json";
  title: string;
  href: string;
}

export interface PageMeta {
  /** The document's `<title>`: the page's title and the site's name, or the page's title alone when both do not fit. */
  title: string;
  /** `<meta name="description">`. */
  description: string;
  feeds: FeedLink[];
  /** `<meta property>`: Open Graph. */
  properties: { property: string; content: string }[];
  /** `<meta name>`: Twitter cards. */
  names: { name: string; content: string }[];
  jsonLd: JsonLd[];
  /** `<html dir>`: the way the site's language is written. */
  direction: "ltr" | "rtl";
}

function feedLinks(title: string, pagePath: string): FeedLink[] {
  const urls = feedUrls(pagePath);
  return [
    { type: "application/atom+xml", title: `${title} (Atom)`, href: urls.atom },
    { type: "application/feed+json", title: `${title} (JSON Feed)`, href: urls.json },
  ];
}

const COUNTRY = /^[A-Z]{2}$/;
const ogLocales = new Map<string, string | undefined>();

/**
 * Open Graph's locale is `language_TERRITORY` (`en_GB`), where HTML's tag may
 * also name a script or variant (`zh-Hant-TW` is `zh_TW`). A tag without a
 * country gets its language's likely one (`fr` is `fr_FR`, `es-419` is
 * `es_ES`), since a page without og:locale is taken to be `en_US`; a language
 * with no likely country (`tlh`) gets none.
 */
export function ogLocale(language: string): string | undefined {
  if (ogLocales.has(language)) return ogLocales.get(language);
  const likely = new Intl.Locale(language).maximize();
  const region = COUNTRY.test(likely.region ?? "") ? likely.region : new Intl.Locale(likely.language).maximize().region;
  const locale = region && COUNTRY.test(region) ? `${likely.language}_${region}` : undefined;
  ogLocales.set(language, locale);
  return locale;
}

/** `Page | Site` when it fits what a search result shows, else the page's title, cut if need be. */
function documentTitle(pageTitle: string | undefined, siteTitle: string): string {
  if (!pageTitle) return cut(siteTitle, META_LIMITS.title);
  const full = `${pageTitle} | ${siteTitle}`;
  return full.length <= META_LIMITS.title ? full : cut(pageTitle, META_LIMITS.title);
}

/**
 * `previews` gives the link preview's image: the article's own or its social
 * card on an article page, the site card elsewhere.
 */
export function pageMeta(site: Site, page: PageInfo, previews?: Previews): PageMeta {
  const { settings } = site;
  const base = settings.url;
  const article = page.article && page.article.url === page.path ? page.article : undefined;
  const section = page.sectionId === undefined ? undefined : site.sections.find((s) => s.id === page.sectionId);
  const title = page.title || settings.title;
  const description = page.description || settings.tagline;
  const image: PreviewImage | undefined = (article && previews?.articles.get(article.url)) || previews?.site;

  const feeds = feedLinks(settings.title, "/");
  if (section) feeds.push(...feedLinks(`${settings.title}: ${section.name}`, section.url));

  const properties: PageMeta["properties"] = [
    { property: "og:type", content: article ? "article" : "website" },
    { property: "og:site_name", content: settings.title },
    { property: "og:title", content: title },
    { property: "og:description", content: cut(description, META_LIMITS.ogDescription) },
  ];
  const locale = ogLocale(settings.language);
  if (locale) properties.push({ property: "og:locale", content: locale });
  if (page.path) properties.push({ property: "og:url", content: absoluteUrl(page.path, base) });
  if (image) {
    properties.push(
      { property: "og:image", content: image.url },
      { property: "og:image:type", content: image.type },
      { property: "og:image:width", content: String(image.width) },
      { property: "og:image:height", content: String(image.height) },
      { property: "og:image:alt", content: image.alt },
    );
  }
  if (article) {
    properties.push(
      // ISO 8601 of what is known: "1790" for a date known only to the year.
      { property: "article:published_time", content: article.date.datetime },
      { property: "article:modified_time", content: (article.updated ?? article.date).datetime },
      { property: "article:section", content: article.section.name },
      ...article.authors.map((a) => ({ property: "article:author", content: absoluteUrl(a.url, base) })),
      ...article.tags.map((t) => ({ property: "article:tag", content: t.name })),
    );
  }

  const names: PageMeta["names"] = [
    { name: "twitter:card", content: image ? "summary_large_image" : "summary" },
    { name: "twitter:title", content: cut(title, META_LIMITS.twitterTitle) },
    { name: "twitter:description", content: cut(description, META_LIMITS.twitterDescription) },
  ];
  if (image) names.push({ name: "twitter:image", content: image.url }, { name: "twitter:image:alt", content: image.alt });

  const jsonLd: JsonLd[] = [];
  if (page.path && !page.noindex) {
    if (page.path === "/") jsonLd.push(webSite(site));
    if (article) jsonLd.push(newsArticle(site, article, image));
    if (page.path !== "/") jsonLd.push(breadcrumbList(site, breadcrumbTrail(site, { title, path: page.path, sectionId: section?.id })));
  }
  return {
    title: documentTitle(page.title, settings.title),
    description: cut(description, META_LIMITS.description),
    feeds,
    properties,
    names,
    jsonLd,
    direction: textDirection(settings.language),
  };
}
