/**
 * Atom and JSON Feed 1.1 for the whole site and for each section. The feed
 * model is computed here once per build; `src/feed-atom.njk` only prints it
 * and `src/feed-json.njk` prints the JSON made by `jsonFeed`.
 *
 * A feed is capped by count and by size: the newest `FEED_SIZE` articles, a
 * piece of up to `FULL_TEXT_BYTES` in full and a longer one as its summary
 * and a link, and no more entries once their text reaches `FEED_BYTES`. JSON
 * Feed's authors call 100 kB ideal and 1 MB a burden for readers that poll.
 */
import { convertHtmlToAbsoluteUrls } from "@11ty/eleventy-plugin-rss";
import { latestIso } from "../content/dates.ts";
import type { Article, DateStamp, Site } from "../content/site-model.ts";
import { absoluteUrl, feedUrls, PUBLISHER_LOGO, SITE_ICONS } from "../content/urls.ts";
import { escapeHtml } from "../util/html.ts";
import type { ResponsiveImage } from "./responsive-images.ts";

/** Newest entries per feed: enough for any reader polling daily. */
export const FEED_SIZE = 50;
/** An article body up to this size (UTF-8 bytes of HTML, about 1,500 words) goes into the feed in full. */
export const FULL_TEXT_BYTES = 10_000;
/** The entries' text in one feed file, as that format writes it (escaped), at most: newer entries first, so the oldest are left out. */
export const FEED_BYTES = 150_000;
/** What stands for an empty feed's last change when the site has none: a fixed instant, so the file is the same on every build. */
const NO_CHANGE = "1970-01-01T00:00:00Z";

export interface FeedPerson {
  name: string;
  url: string;
}

export interface FeedImage {
  /** Absolute URL of the image as processed for previews (JPEG or PNG, about 1,200 pixels wide). */
  url: string;
  alt: string;
  type?: "image/jpeg" | "image/png";
  width?: number;
  height?: number;
}

export interface FeedEntry {
  /** The permanent article URL: it comes from the file name, so it never changes. */
  id: string;
  url: string;
  title: string;
  summary: string;
  /** The body, links and images made absolute so it reads the same in any feed reader; for a long piece, its summary and a link. */
  contentHtml: string;
  /** Whether `contentHtml` is the whole article. */
  fullText: boolean;
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
  /** The article's lead image. */
  image?: FeedImage;
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
  /** Square icons: Atom's `<icon>` and JSON Feed's `favicon` (192 pixels), JSON Feed's `icon` (512). */
  iconUrl: string;
  largeIconUrl: string;
  /**
   * Newest change among the entries; for an empty feed, the newest change on
   * the whole site, so it stays the same from build to build.
   */
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

/** A long piece's entry: its summary and a link to the whole of it. */
function summaryHtml(article: Article, url: string): string {
  const minutes = `${article.readingMinutes} minute${article.readingMinutes === 1 ? "" : "s"}`;
  return `<p>${escapeHtml(article.summary)}</p><p><a href="${escapeHtml(url)}">Read the whole article</a> (${minutes}).</p>`;
}

function feedImage(article: Article, images: Record<string, ResponsiveImage>, base: string): FeedImage | undefined {
  if (!article.image) return undefined;
  const preview = images[article.image.src]?.preview;
  if (!preview) return { url: absoluteUrl(article.image.src, base), alt: article.image.alt };
  return { url: absoluteUrl(preview.url, base), alt: article.image.alt, type: preview.type, width: preview.width, height: preview.height };
}

async function toEntry(
  site: Site,
  article: Article,
  images: Record<string, ResponsiveImage>,
  absoluteHtml: AbsoluteHtml,
): Promise<FeedEntry> {
  const base = site.settings.url;
  const url = absoluteUrl(article.url, base);
  const html = (await absoluteHtml(site.bodies.html(article.bodyKey), url)).replace(XML_FORBIDDEN, "");
  const fullText = Buffer.byteLength(html) <= FULL_TEXT_BYTES;
  const image = feedImage(article, images, base);
  const partial = article.date.precision !== "day";
  const note = partial ? partialDateNote(article.date) : "";
  return {
    id: url,
    url,
    title: article.title,
    summary: article.summary,
    contentHtml: `${note}${fullText ? html : summaryHtml(article, url)}`.replace(XML_FORBIDDEN, ""),
    fullText,
    ...(partial ? { partialDate: article.date.datetime } : { published: article.date.iso }),
    updated: (article.updated ?? article.date).iso,
    updatedKnown: !partial || article.updated !== undefined,
    authors: article.authors.map((a) => ({ name: a.name, url: absoluteUrl(a.url, base) })),
    categories: [...new Set([article.section.name, ...article.tags.map((t) => t.name)])],
    ...(image ? { image } : {}),
  };
}

/** What Nunjucks' autoescape adds to each character it escapes in `src/feed-atom.njk`: `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`, and `&#92;` for a backslash. */
const ATOM_ESCAPE_EXTRA: Record<string, number> = { "&": 4, "<": 3, ">": 3, '"': 5, "'": 4, "\\": 4 };

/** The UTF-8 bytes of `text` as the Atom feed writes it, escaped. */
export function atomTextBytes(text: string): number {
  let extra = 0;
  for (const [c] of text.matchAll(/[&<>"'\\]/g)) extra += ATOM_ESCAPE_EXTRA[c] ?? 0;
  return Buffer.byteLength(text) + extra;
}

/** The UTF-8 bytes of `text` as the JSON feed writes it, a JSON string. */
export const jsonTextBytes = (text: string): number => Buffer.byteLength(JSON.stringify(text));

/** An entry's text in whichever format writes it larger, so one list of entries keeps both files within budget. */
const entryBytes = (entry: FeedEntry): number =>
  Math.max(
    atomTextBytes(entry.contentHtml) + atomTextBytes(entry.summary),
    jsonTextBytes(entry.contentHtml) + jsonTextBytes(entry.summary),
  );

/** The newest entries whose text, as written, fits `FEED_BYTES` together; the first always goes in. */
function withinBudget(entries: readonly FeedEntry[]): FeedEntry[] {
  const kept: FeedEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    bytes += entryBytes(entry);
    if (kept.length > 0 && bytes > FEED_BYTES) break;
    kept.push(entry);
  }
  return kept;
}

export interface FeedOptions {
  /** Processed article images by `image.src`, for each entry's lead image. */
  images?: Record<string, ResponsiveImage>;
  absoluteHtml?: AbsoluteHtml;
}

/**
 * Every feed of the site: the whole site first, then one per section in
 * navigation order. Drafts and scheduled articles never appear, even in a
 * preview build. Each article's content is converted once and shared between
 * the site feed and its section's feed.
 */
export async function buildFeeds(site: Site, options: FeedOptions = {}): Promise<Feed[]> {
  const { images = {}, absoluteHtml = convertHtmlToAbsoluteUrls } = options;
  const { settings } = site;
  const base = settings.url;
  const newestArticles = published(site.articles);
  const bySection = new Map<string, Article[]>(site.sections.map((s) => [s.id, []]));
  for (const article of site.articles) bySection.get(article.section.id)?.push(article);

  const chosen = new Set<Article>(newestArticles);
  const sectionArticles = site.sections.map((s) => published(bySection.get(s.id) ?? []));
  for (const list of sectionArticles) for (const a of list) chosen.add(a);
  const entries = new Map<Article, FeedEntry>();
  await Promise.all([...chosen].map(async (a) => entries.set(a, await toEntry(site, a, images, absoluteHtml))));
  const entriesOf = (articles: Article[]) => withinBudget(articles.flatMap((a) => entries.get(a) ?? []));
  const siteUpdated = latestIso(site.articles.filter((a) => a.state === "published").map((a) => (a.updated ?? a.date).iso)) ?? NO_CHANGE;

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
      iconUrl: absoluteUrl(SITE_ICONS.icon192, base),
      largeIconUrl: absoluteUrl(SITE_ICONS.icon512, base),
      updated: latestIso(list.map((e) => e.updated)) ?? siteUpdated,
      entries: list,
    };
  };
  return [
    feed("/", settings.title, settings.tagline, newestArticles),
    ...site.sections.map((s, i) => feed(s.url, `${settings.title}: ${s.name}`, s.description, sectionArticles[i] ?? [])),
  ];
}

/**
 * JSON Feed 1.0 has one `author`; 1.1 a list, `authors`. Readers of 1.0 see
 * every name in one, linked to the first author's page.
 */
function jsonFeed10Author(authors: readonly FeedPerson[]): FeedPerson | undefined {
  const [first] = authors;
  return first && { name: authors.map((a) => a.name).join(", "), url: first.url };
}

/** The feed as JSON Feed 1.1 (https://jsonfeed.org/version/1.1), with 1.0's `author` beside `authors`. */
export function jsonFeed(feed: Feed): string {
  return JSON.stringify({
    version: "https://jsonfeed.org/version/1.1",
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.jsonUrl,
    ...(feed.description ? { description: feed.description } : {}),
    icon: feed.largeIconUrl,
    favicon: feed.iconUrl,
    language: feed.language,
    items: feed.entries.map((e) => {
      const author = jsonFeed10Author(e.authors);
      return {
        id: e.id,
        url: e.url,
        title: e.title,
        content_html: e.contentHtml,
        summary: e.summary,
        ...(e.image ? { image: e.image.url } : {}),
        // Both optional, and RFC 3339: left out rather than state a day nobody knows.
        ...(e.published ? { date_published: e.published } : {}),
        ...(e.updatedKnown ? { date_modified: e.updated } : {}),
        ...(author ? { author } : {}),
        authors: e.authors,
        tags: e.categories,
      };
    }),
  });
}
