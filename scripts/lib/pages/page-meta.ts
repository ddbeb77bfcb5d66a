/**
 * What a page's `<head>` tells machines: feed autodiscovery links, Open Graph
 * and Twitter card tags, and JSON-LD. `_includes/partials/head-meta.njk`
 * prints the result of `pageMeta` and decides nothing itself.
 */
import type { Article, Site } from "../content/site-model.ts";
import { breadcrumbList, breadcrumbTrail, newsArticle, webSite, type JsonLd } from "./structured-data.ts";
import { absoluteUrl, feedUrls } from "../content/urls.ts";

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
  feeds: FeedLink[];
  /** `<meta property>`: Open Graph. */
  properties: { property: string; content: string }[];
  /** `<meta name>`: Twitter cards. */
  names: { name: string; content: string }[];
  jsonLd: JsonLd[];
}

function feedLinks(title: string, pagePath: string): FeedLink[] {
  const urls = feedUrls(pagePath);
  return [
    { type: "application/atom+xml", title: `${title} (Atom)`, href: urls.atom },
    { type: "application/feed+json", title: `${title} (JSON Feed)`, href: urls.json },
  ];
}

/** Open Graph wants `en_GB` where HTML says `en-GB`. */
const ogLocale = (language: string): string => language.replace("-", "_");

export function pageMeta(site: Site, page: PageInfo): PageMeta {
  const { settings } = site;
  const base = settings.url;
  const article = page.article && page.article.url === page.path ? page.article : undefined;
  const section = page.sectionId === undefined ? undefined : site.sections.find((s) => s.id === page.sectionId);
  const title = page.title || settings.title;
  const description = page.description || settings.tagline;

  const feeds = feedLinks(settings.title, "/");
  if (section) feeds.push(...feedLinks(`${settings.title}: ${section.name}`, section.url));

  const properties: PageMeta["properties"] = [
    { property: "og:type", content: article ? "article" : "website" },
    { property: "og:site_name", content: settings.title },
    { property: "og:title", content: title },
    { property: "og:description", content: description },
    { property: "og:locale", content: ogLocale(settings.language) },
  ];
  if (page.path) properties.push({ property: "og:url", content: absoluteUrl(page.path, base) });
  const image = article?.image;
  if (image) {
    properties.push({ property: "og:image", content: absoluteUrl(image.src, base) }, { property: "og:image:alt", content: image.alt });
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
    { name: "twitter:title", content: title },
    { name: "twitter:description", content: description },
  ];
  if (image)
    names.push({ name: "twitter:image", content: absoluteUrl(image.src, base) }, { name: "twitter:image:alt", content: image.alt });

  const jsonLd: JsonLd[] = [];
  if (page.path && !page.noindex) {
    if (page.path === "/") jsonLd.push(webSite(site));
    if (article) jsonLd.push(newsArticle(site, article));
    if (page.path !== "/") jsonLd.push(breadcrumbList(site, breadcrumbTrail(site, { title, path: page.path, sectionId: section?.id })));
  }
  return { feeds, properties, names, jsonLd };
}
