/** The site's URL scheme in one place. Article URLs come from the file name, so editing a headline or date never moves a page. */
export const articleUrl = (fileDate: string, slug: string): string => `/${fileDate.replaceAll("-", "/")}/${slug}/`;
export const sectionUrl = (slug: string): string => `/section/${slug}/`;
export const authorUrl = (slug: string): string => `/author/${slug}/`;
export const tagUrl = (slug: string): string => `/tag/${slug}/`;
export const SEARCH_URL = "/search/";
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
export const FIXED_PAGES = ["/", SEARCH_URL, "/404.html", ABOUT_URL, TAGS_INDEX_URL, AUTHORS_INDEX_URL, ARCHIVE_URL] as const;
