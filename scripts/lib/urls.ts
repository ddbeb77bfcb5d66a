/** The site's URL scheme in one place. Article URLs come from the file name, so editing a headline or date never moves a page. */
export const articleUrl = (fileDate: string, slug: string): string => `/${fileDate.replaceAll("-", "/")}/${slug}/`;
export const sectionUrl = (slug: string): string => `/section/${slug}/`;
export const authorUrl = (slug: string): string => `/author/${slug}/`;
export const tagUrl = (slug: string): string => `/tag/${slug}/`;
export const SEARCH_URL = "/search/";
export const FIXED_PAGES = ["/", SEARCH_URL, "/404.html"] as const;
