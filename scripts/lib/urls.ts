/** The site's URL scheme in one place. Article URLs come from the file name, so editing a headline or date never moves a page. */
export const articleUrl = (fileDate: string, slug: string): string => `/${fileDate.replaceAll("-", "/")}/${slug}/`;
export const sectionUrl = (slug: string): string => `/section/${slug}/`;
export const authorUrl = (slug: string): string => `/author/${slug}/`;
export const tagUrl = (slug: string): string => `/tag/${slug}/`;
export const SEARCH_URL = "/search/";
/** A site path (or an already absolute URL) as an absolute URL under the site's public address. */
export function absoluteUrl(pathOrUrl: string, base: string): string {
  return new URL(pathOrUrl, `${base}/`).href;
}
export const FIXED_PAGES = ["/", SEARCH_URL, "/404.html"] as const;
/** Date archives: the article URL scheme cut short, so `/2025/03/` holds everything under `/2025/03/DD/`. */
export const yearArchiveUrl = (year: number): string => `/${year}/`;
export const monthArchiveUrl = (year: number, month: number): string => `/${year}/${String(month).padStart(2, "0")}/`;
export const TAGS_INDEX_URL = "/tags/";
export const AUTHORS_INDEX_URL = "/authors/";
/** Machine-readable outputs: feeds sit beside the page they follow. */
export const feedUrls = (pagePath: string): { atom: string; json: string } => ({ atom: `${pagePath}feed.xml`, json: `${pagePath}feed.json` });
export const SITEMAP_URL = "/sitemap.xml";
export const NEWS_SITEMAP_URL = "/news-sitemap.xml";
export const PUBLISHER_LOGO = { url: "/publisher-logo.svg", width: 600, height: 60 } as const;
