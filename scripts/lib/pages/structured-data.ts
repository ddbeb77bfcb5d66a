/**
 * schema.org JSON-LD for search engines: NewsArticle, BreadcrumbList and
 * WebSite. Pure functions of the site model; templates print the result with
 * `scriptJson` inside `<script type="application/ld+json">`, which browsers
 * never execute, so the CSP's script-src does not apply to it.
 */
import type { Article, Author, Site } from "../content/site-model.ts";
import { absoluteUrl, PUBLISHER_LOGO, SEARCH_URL } from "../content/urls.ts";
import type { PreviewImage } from "./preview-images.ts";

export type JsonLd = Record<string, unknown>;

const CONTEXT = "https://schema.org";

export interface Crumb {
  name: string;
  path: string;
}

export function publisher(site: Site): JsonLd {
  const base = site.settings.url;
  return {
    "@type": "Organization",
    "@id": `${absoluteUrl("/", base)}#publisher`,
    name: site.settings.title,
    url: absoluteUrl("/", base),
    logo: {
      "@type": "ImageObject",
      url: absoluteUrl(PUBLISHER_LOGO.url, base),
      width: PUBLISHER_LOGO.width,
      height: PUBLISHER_LOGO.height,
    },
  };
}

/**
 * A byline as schema.org reads it: a desk or agency is an Organization, anyone
 * else a Person. `url` is the author's page here; their own site is `sameAs`,
 * schema.org's way of saying another page is about the same person.
 */
function byline(author: Author, base: string): JsonLd {
  return {
    "@type": author.type === "organization" ? "Organization" : "Person",
    name: author.name,
    url: absoluteUrl(author.url, base),
    ...(author.homepage ? { sameAs: [author.homepage] } : {}),
  };
}

/** `image` is what the article's link preview shows: its own image, or its social card. */
export function newsArticle(site: Site, article: Article, image?: PreviewImage): JsonLd {
  const base = site.settings.url;
  const url = absoluteUrl(article.url, base);
  return {
    "@context": CONTEXT,
    "@type": "NewsArticle",
    headline: article.title,
    description: article.summary,
    url,
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    ...(image ? { image: [{ "@type": "ImageObject", url: image.url, width: image.width, height: image.height }] } : {}),
    // schema.org takes an ISO 8601 date at any precision: a date known only to the year is published as "1790".
    datePublished: article.date.datetime,
    dateModified: (article.updated ?? article.date).datetime,
    author: article.authors.map((a) => byline(a, base)),
    publisher: publisher(site),
    articleSection: article.section.name,
    ...(article.tags.length ? { keywords: article.tags.map((t) => t.name) } : {}),
    wordCount: article.wordCount,
    inLanguage: site.settings.language,
  };
}

/** The trail from the front page to a page: Home › Section › Article, or Home › Tag: Coasts on a list page. */
export function breadcrumbTrail(site: Site, page: { title: string; path: string; sectionId?: string | undefined }): Crumb[] {
  const trail: Crumb[] = [{ name: site.settings.title, path: "/" }];
  const section = page.sectionId === undefined ? undefined : site.sections.find((s) => s.id === page.sectionId);
  if (section && section.url !== page.path) trail.push({ name: section.name, path: section.url });
  if (page.path !== "/") trail.push({ name: page.title, path: page.path });
  return trail;
}

export function breadcrumbList(site: Site, trail: Crumb[]): JsonLd {
  return {
    "@context": CONTEXT,
    "@type": "BreadcrumbList",
    itemListElement: trail.map((c, i) => ({
      "@type": "ListItem",
      position: i + 1,
      name: c.name,
      item: absoluteUrl(c.path, site.settings.url),
    })),
  };
}

/** The site itself, with the search box search engines may show; the search page reads `?q=`. */
export function webSite(site: Site): JsonLd {
  const base = site.settings.url;
  return {
    "@context": CONTEXT,
    "@type": "WebSite",
    name: site.settings.title,
    ...(site.settings.tagline ? { description: site.settings.tagline } : {}),
    url: absoluteUrl("/", base),
    inLanguage: site.settings.language,
    publisher: publisher(site),
    potentialAction: {
      "@type": "SearchAction",
      target: { "@type": "EntryPoint", urlTemplate: `${absoluteUrl(SEARCH_URL, base)}?q={search_term_string}` },
      "query-input": "required name=search_term_string",
    },
  };
}
