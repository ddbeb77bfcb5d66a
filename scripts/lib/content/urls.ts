/** The site's URL scheme in one place. Article URLs come from the file name, so editing a headline or date never moves a page. */
export const articleUrl = (fileDate: string, slug: string): string => `/${fileDate.replaceAll("-", "/")}/${slug}/`;
export const sectionUrl = (slug: string): string => `/section/${slug}/`;
export const authorUrl = (slug: string): string => `/author/${slug}/`;
export const tagUrl = (slug: string): string => `/tag/${slug}/`;
export const SEARCH_URL = "/search/";

/** A link the loader checks against the site: the page it names, and the start of the whole address it was written as, if it was (`https://host`, `//host`). */
export interface SiteLink {
  path: string;
  origin?: string;
}

/** An article's path, with or without its slash, a query or a fragment. */
const ARTICLE_PATH = /^(\/\d{4}\/\d{2}\/\d{2}\/[^/?#]+)\/?(?:[?#].*)?$/s;
/** A section's, author's or tag's list, any page of it or its feed, with or without its slash, a query or a fragment. */
const LIST_PATH = /^(\/(?:section|author|tag)\/[^/?#]+)(?:\/(?:page\/\d+\/?|feed\.xml|feed\.json)?)?(?:[?#].*)?$/s;
/** A whole address on the web, by scheme or from `//`: its start (scheme and host) and the rest. */
const WHOLE_ADDRESS = /^((?:https?:)?\/\/[^/?#]*)(.*)$/is;

/**
 * The page of the site a link names, when it names one the loader can check:
 * an article, or a section's, author's or tag's list, by path or by a whole
 * address (on any host: the loader compares it with the site's own).
 */
export function siteLinkOf(href: string): SiteLink | undefined {
  const whole = WHOLE_ADDRESS.exec(href);
  const rest = whole ? (whole[2] ?? "") : href;
  const path = ARTICLE_PATH.exec(rest)?.[1] ?? LIST_PATH.exec(rest)?.[1];
  if (!path) return undefined;
  return whole ? { path: `${path}/`, origin: whole[1] ?? "" } : { path: `${path}/` };
}
/**
 * A path that resolves to itself: segments of unreserved characters, none of
 * them `.` or `..`, one slash between each. Read in one pass: with the slash
 * optional between segments, a long run of letters ending in another
 * character was split every possible way first (a 40-character path took
 * minutes).
 */
const PLAIN_PATH = /^\/(?:[\w~-][\w.~-]*(?:\/[\w~-][\w.~-]*)*\/?)?$/;
/** Each base's origin, when it is an http(s) URL: every page asks for several absolute URLs under the same one. */
const origins = new Map<string, string | null>();
function httpOrigin(base: string): string | null {
  let origin = origins.get(base);
  if (origin === undefined) {
    const url = new URL(`${base}/`);
    const plain = (url.protocol === "http:" || url.protocol === "https:") && !url.username && !url.password;
    origin = plain ? url.origin : null;
    origins.set(base, origin);
  }
  return origin;
}

/** A site path (or an already absolute URL) as an absolute URL under the site's public address. */
export function absoluteUrl(pathOrUrl: string, base: string): string {
  // A plain path is what the URL parser would give back unchanged: joined to the origin without parsing it again.
  const origin = PLAIN_PATH.test(pathOrUrl) ? httpOrigin(base) : null;
  return origin === null ? new URL(pathOrUrl, `${base}/`).href : origin + pathOrUrl;
}
export const ABOUT_URL = "/about/";
export const TAGS_INDEX_URL = "/tag/";
export const AUTHORS_INDEX_URL = "/author/";
export const ARCHIVE_URL = "/archive/";
export const yearArchiveUrl = (year: number): string => `${ARCHIVE_URL}${year}/`;
export const monthArchiveUrl = (year: number, month: number): string => `${ARCHIVE_URL}${year}/${String(month).padStart(2, "0")}/`;
/** Page 1 of a list lives at the list's own URL; later pages below it: `/tag/coasts/page/2/`. */
export const listPageUrl = (base: string, pageNumber: number): string => (pageNumber <= 1 ? base : `${base}page/${pageNumber}/`);
/** An article image's original, published as is (for feeds and social cards); `path` is relative to `src/images/`. */
export const imageUrl = (path: string): string => `/images/${path}`;
/** The page address a site path (an alias, a link) stands for: with its slash, unless it names a file (`/news/dock-shifts.html`). */
export const pagePath = (alias: string): string => (alias.endsWith("/") || alias.includes(".") ? alias : `${alias}/`);
export const OFFLINE_URL = "/offline/";
export const FIXED_PAGES = ["/", SEARCH_URL, "/404.html", ABOUT_URL, TAGS_INDEX_URL, AUTHORS_INDEX_URL, ARCHIVE_URL, OFFLINE_URL] as const;
/** Machine-readable outputs: feeds sit beside the page they follow. */
export const feedUrls = (pagePath: string): { atom: string; json: string } => ({
  atom: `${pagePath}feed.xml`,
  json: `${pagePath}feed.json`,
});
export const SITEMAP_URL = "/sitemap.xml";
export const NEWS_SITEMAP_URL = "/news-sitemap.xml";
/** Social cards, named by a hash of what they show: `/cards/<hash>.png`. */
export const CARDS_URL = "/cards/";
/** The publisher's wordmark, a PNG within the 600 × 60 box Google asks of a logo. */
export const PUBLISHER_LOGO = { url: "/publisher-logo.png", width: 600, height: 60 } as const;
/** Favicons, touch and app icons and the web app manifest, at the addresses browsers look for. */
export const SITE_ICONS = {
  ico: "/favicon.ico",
  appleTouch: "/apple-touch-icon.png",
  icon192: "/icons/icon-192.png",
  icon512: "/icons/icon-512.png",
  maskable512: "/icons/maskable-512.png",
  manifest: "/site.webmanifest",
} as const;
/**
 * Folders the build fills with files of its own (scripts and styles, the
 * search index, images, cards, icons): no alias may point into them.
 * `/.well-known/` is kept for the host's own files.
 */
export const RESERVED_FOLDERS = ["/assets/", "/pagefind/", "/images/", "/img/", CARDS_URL, "/icons/", "/.well-known/"] as const;
/** Files at fixed addresses, besides pages; section feeds are checked against the built files (build/alias-shadows.ts). */
export const RESERVED_FILES = [
  "/sw.js",
  "/robots.txt",
  "/_redirects",
  "/_headers",
  SITEMAP_URL,
  NEWS_SITEMAP_URL,
  feedUrls("/").atom,
  feedUrls("/").json,
  PUBLISHER_LOGO.url,
  ...Object.values(SITE_ICONS),
] as const;
