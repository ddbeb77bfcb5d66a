/**
 * sitemap.xml (every public page), the Google News sitemap and robots.txt,
 * computed from the site model. Drafts and scheduled articles never appear,
 * even in a preview build.
 */
import { latestIso } from "../content/dates.ts";
import type { Article, Site } from "../content/site-model.ts";
import {
  ABOUT_URL,
  absoluteUrl,
  ARCHIVE_URL,
  AUTHORS_INDEX_URL,
  monthArchiveUrl,
  NEWS_SITEMAP_URL,
  SITEMAP_URL,
  TAGS_INDEX_URL,
  yearArchiveUrl,
} from "../content/urls.ts";

/** The sitemap protocol's limit per file; more URLs go into numbered files behind a sitemap index. */
const SITEMAP_LIMIT = 50_000;
/** Google News reads articles of the last two days, at most 1,000 of them. */
const NEWS_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;
export const NEWS_LIMIT = 1000;

export interface SitemapUrl {
  loc: string;
  /** W3C date-time with offset; absent for a list page with nothing published in it. */
  lastmod?: string;
}

interface UrlSet {
  path: string;
  kind: "urlset";
  urls: SitemapUrl[];
}
export type SitemapFile = UrlSet | { path: string; kind: "index"; sitemaps: SitemapUrl[] };

export interface NewsEntry {
  loc: string;
  title: string;
  published: string;
}

export interface NewsSitemap {
  path: string;
  publication: string;
  language: string;
  entries: NewsEntry[];
}

export interface Sitemaps {
  files: SitemapFile[];
  /** The news sitemap, or nothing: its schema needs at least one `<url>`, so a news sitemap with no recent articles is not published. */
  news: NewsSitemap[];
  robots: string;
}

const modified = (a: Article) => (a.updated ?? a.date).iso;

/** Keeps the latest date-time per key; ISO strings with different offsets do not sort as text. */
class Latest {
  readonly #times = new Map<string, { iso: string; time: number }>();
  note(key: string, iso: string, time = Date.parse(iso)): void {
    const seen = this.#times.get(key);
    if (!seen || time > seen.time) this.#times.set(key, { iso, time });
  }
  get(key: string): string | undefined {
    return this.#times.get(key)?.iso;
  }
  keys(): string[] {
    return [...this.#times.keys()];
  }
}

/**
 * Every public page with its last change, front page first. List pages are
 * listed by their first page; their later pages are reached from there.
 * One pass over the articles: O(articles × tags).
 */
export function sitemapUrls(site: Site): SitemapUrl[] {
  const base = site.settings.url;
  const articles = site.articles.filter((a) => a.state === "published");
  const latest = new Latest();
  const tagNames = new Set<string>();
  for (const a of articles) {
    const iso = modified(a);
    const time = Date.parse(iso);
    const note = (key: string) => latest.note(key, iso, time);
    note("/");
    note(a.section.url);
    note(AUTHORS_INDEX_URL);
    note(ARCHIVE_URL);
    note(yearArchiveUrl(a.date.year));
    // A date known only to the year is in no month's archive.
    if (a.date.month !== undefined) note(monthArchiveUrl(a.date.year, a.date.month));
    for (const author of a.authors) note(author.url);
    for (const tag of a.tags) {
      note(tag.url);
      note(TAGS_INDEX_URL);
      tagNames.add(tag.url);
    }
  }
  const entry = (path: string, lastmod = latest.get(path)): SitemapUrl => ({
    loc: absoluteUrl(path, base),
    ...(lastmod ? { lastmod } : {}),
  });
  const archives = latest
    .keys()
    .filter((k) => k.startsWith(ARCHIVE_URL) && k !== ARCHIVE_URL)
    .sort()
    .reverse();
  return [
    entry("/"),
    ...articles.map((a) => entry(a.url, modified(a))),
    ...site.sections.map((s) => entry(s.url)),
    entry(AUTHORS_INDEX_URL),
    ...site.authors.map((a) => entry(a.url)),
    ...(tagNames.size ? [entry(TAGS_INDEX_URL)] : []),
    ...site.tags.filter((t) => tagNames.has(t.url)).map((t) => entry(t.url)),
    entry(ARCHIVE_URL),
    ...archives.map((path) => entry(path)),
    entry(ABOUT_URL),
  ];
}

/** One sitemap file, or an index and numbered parts when there are more URLs than one file may hold. */
export function sitemapFiles(urls: SitemapUrl[], base: string, limit = SITEMAP_LIMIT): SitemapFile[] {
  if (urls.length <= limit) return [{ path: SITEMAP_URL, kind: "urlset", urls }];
  const parts: UrlSet[] = [];
  for (let start = 0; start < urls.length; start += limit) {
    parts.push({ path: `/sitemap-${parts.length + 1}.xml`, kind: "urlset", urls: urls.slice(start, start + limit) });
  }
  const sitemaps = parts.map((part): SitemapUrl => {
    const lastmod = latestIso(part.urls.flatMap((u) => u.lastmod ?? []));
    return { loc: absoluteUrl(part.path, base), ...(lastmod ? { lastmod } : {}) };
  });
  return [{ path: SITEMAP_URL, kind: "index", sitemaps }, ...parts];
}

/** Google News wants an ISO 639 code, except zh-cn and zh-tw for the two Chinese scripts. */
export function newsLanguage(tag: string): string {
  const lower = tag.toLowerCase();
  const [language = lower] = lower.split("-");
  if (language !== "zh") return language;
  return /-(hant|tw|hk|mo)\b/.test(lower) ? "zh-tw" : "zh-cn";
}

/**
 * Articles published in the two days up to the build's "now", newest first.
 * One dated only by its year or month is left out: Google News wants a
 * publication date-time, and its first instant would be a day nobody knows.
 */
export function newsSitemap(site: Site): NewsSitemap {
  const now = Date.parse(site.now.iso);
  const entries: NewsEntry[] = [];
  for (const a of site.articles) {
    if (entries.length === NEWS_LIMIT) break;
    const time = Date.parse(a.date.iso);
    if (a.state !== "published" || a.date.precision !== "day" || time > now || now - time > NEWS_WINDOW_MS) continue;
    entries.push({ loc: absoluteUrl(a.url, site.settings.url), title: a.title, published: a.date.iso });
  }
  return { path: NEWS_SITEMAP_URL, publication: site.settings.title, language: newsLanguage(site.settings.language), entries };
}

/** Points crawlers at the sitemaps published; a preview build, which shows drafts, asks them to stay out. */
export function robotsTxt(site: Site, sitemapPaths: readonly string[] = [SITEMAP_URL]): string {
  const base = site.settings.url;
  return [
    "User-agent: *",
    site.preview ? "Disallow: /" : "Disallow:",
    "",
    ...sitemapPaths.map((p) => `Sitemap: ${absoluteUrl(p, base)}`),
    "",
  ].join("\n");
}

export function buildSitemaps(site: Site): Sitemaps {
  const latestNews = newsSitemap(site);
  const news = latestNews.entries.length > 0 ? [latestNews] : [];
  return {
    files: sitemapFiles(sitemapUrls(site), site.settings.url),
    news,
    robots: robotsTxt(site, [SITEMAP_URL, ...news.map((n) => n.path)]),
  };
}
