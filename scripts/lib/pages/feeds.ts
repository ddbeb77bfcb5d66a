/**
 * Atom and JSON Feed 1.1 for the whole site and for each section. The feed
 * model is computed here once per build; `src/feed-atom.njk` only prints it
 * and `src/feed-json.njk` prints the JSON made by `jsonFeed`.
 */
import { convertHtmlToAbsoluteUrls } from "@11ty/eleventy-plugin-rss";
import { latestIso } from "../content/dates.ts";
import type { Article, DateStamp, Site } from "../content/site-model.ts";
import { absoluteUrl, feedUrls, PUBLISHER_LOGO } from "../content/urls.ts";
import { escapeHtml } from "../util/html.ts";

/** Newest entries per feed: enough for any reader polling daily, and a bounded file size. */
export const FEED_SIZE = 50;

export interface FeedPerson {
  name: string;
  url: string;
}

export interface FeedEntry {
  /** The permanent article URL: it comes from the file name, so it never changes. */
  id: string;
  url: string;
  title: string;
  summary: string;
  /** The full body, links and images made absolute so it reads the same in any feed reader. */
  contentHtml: string;
  /** RFC 3339; left out when the date is known only to the year or month, since a full date-time would state a day nobody knows. */
  published?: string;
  /**
   * RFC 3339, which Atom requires: the last update, else the publication
   * date; for a date known only to the year or month, its first instant
   * (the precision is stated in `partialDate` and at the top of the content).
   */
  updated: string;
  /** Whether `updated` is a time someone knows (an update, or a date known to the day); JSON Feed's optional `date_modified` is left out otherwise. */
  updatedKnown: boolean;
  /** A date known only to the year or month, as ISO 8601 ("1790", "1790-12") for Atom's `dc:date`. */
  partialDate?: string;
  authors: FeedPerson[];
  /** The section first, then the tags. */
  categories: string[];
  image?: { url: string; alt: string };
}

export interface Feed {
  id: string;
  title: string;
  description: string;
  language: string;
  homeUrl: string;
  atomPath: string;
  jsonPath: string;
  atomUrl: string;
  jsonUrl: string;
  /** The wordmark, for Atom's `<logo>` (wide, unlike a square icon). */
  logoUrl: string;
  /** Newest change among the entries; the build's "now" for an empty feed. */
  updated: string;
  entries: FeedEntry[];
}

export type AbsoluteHtml = (html: string, base: string) => Promise<string>;

// XML 1.0 has no way to write these, even escaped; a stray one in Markdown would make the whole feed unreadable.
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Said at the top of an entry whose date is known only to the year or month, since feed readers show their own date. */
export function partialDateNote(date: DateStamp): string {
  const missing = date.precision === "year" ? "the month and day are" : "the day is";
  return `<p><em>Dated <time datetime="${escapeHtml(date.datetime)}">${escapeHtml(date.human)}</time>; ${missing} not known.</em></p>`;
}

const published = (articles: readonly Article[]) => articles.filter((a) => a.state === "published").slice(0, FEED_SIZE);

async function toEntry(site: Site, article: Article, absoluteHtml: AbsoluteHtml): Promise<FeedEntry> {
  const base = site.settings.url;
  const url = absoluteUrl(article.url, base);
  const html = await absoluteHtml(article.html, url);
  const partial = article.date.precision !== "day";
  return {
    id: url,
    url,
    title: article.title,
    summary: article.summary,
    contentHtml: `${partial ? partialDateNote(article.date) : ""}${html}`.replace(XML_FORBIDDEN, ""),
    ...(partial ? { partialDate: article.date.datetime } : { published: article.date.iso }),
    updated: (article.updated ?? article.date).iso,
    updatedKnown: !partial || article.updated !== undefined,
    authors: article.authors.map((a) => ({ name: a.name, url: absoluteUrl(a.url, base) })),
    categories: [...new Set([article.section.name, ...article.tags.map((t) => t.name)])],
    ...(article.image ? { image: { url: absoluteUrl(article.image.src, base), alt: article.image.alt } } : {}),
  };
}

/**
 * Every feed of the site: the whole site first, then one per section in
 * navigation order. Drafts and scheduled articles never appear, even in a
 * preview build. Each article's content is converted once and shared between
 * the site feed and its section's feed.
 */
export async function buildFeeds(site: Site, absoluteHtml: AbsoluteHtml = convertHtmlToAbsoluteUrls): Promise<Feed[]> {
  const { settings } = site;
  const base = settings.url;
  const newestArticles = published(site.articles);
  const bySection = new Map<string, Article[]>(site.sections.map((s) => [s.id, []]));
  for (const article of site.articles) bySection.get(article.section.id)?.push(article);

  const chosen = new Set<Article>(newestArticles);
  const sectionArticles = site.sections.map((s) => published(bySection.get(s.id) ?? []));
  for (const list of sectionArticles) for (const a of list) chosen.add(a);
  const entries = new Map<Article, FeedEntry>();
  await Promise.all([...chosen].map(async (a) => entries.set(a, await toEntry(site, a, absoluteHtml))));
  const entriesOf = (articles: Article[]) => articles.flatMap((a) => entries.get(a) ?? []);

  const feed = (homePath: string, title: string, description: string, articles: Article[]): Feed => {
    const paths = feedUrls(homePath);
    const list = entriesOf(articles);
    return {
      id: absoluteUrl(paths.atom, base),
      title,
      description,
      language: settings.language,
      homeUrl: absoluteUrl(homePath, base),
      atomPath: paths.atom,
      jsonPath: paths.json,
      atomUrl: absoluteUrl(paths.atom, base),
      jsonUrl: absoluteUrl(paths.json, base),
      logoUrl: absoluteUrl(PUBLISHER_LOGO.url, base),
      updated: latestIso(list.map((e) => e.updated)) ?? site.now.iso,
      entries: list,
    };
  };
  return [
    feed("/", settings.title, settings.tagline, newestArticles),
    ...site.sections.map((s, i) => feed(s.url, `${settings.title}: ${s.name}`, s.description, sectionArticles[i] ?? [])),
  ];
}

/** The feed as JSON Feed 1.1 (https://jsonfeed.org/version/1.1). */
export function jsonFeed(feed: Feed): string {
  return JSON.stringify({
    version: "https://jsonfeed.org/version/1.1",
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.jsonUrl,
    ...(feed.description ? { description: feed.description } : {}),
    language: feed.language,
    items: feed.entries.map((e) => ({
      id: e.id,
      url: e.url,
      title: e.title,
      content_html: e.contentHtml,
      summary: e.summary,
      ...(e.image ? { image: e.image.url } : {}),
      // Both optional, and RFC 3339: left out rather than state a day nobody knows.
      ...(e.published ? { date_published: e.published } : {}),
      ...(e.updatedKnown ? { date_modified: e.updated } : {}),
      authors: e.authors,
      tags: e.categories,
    })),
  });
}
