// @11ty/eleventy-plugin-rss 3 ships no declarations; this covers the part the project uses.
declare module "@11ty/eleventy-plugin-rss" {
  /** Rewrites every URL attribute in `html` (href, src, srcset, …) against `base`. */
  export function convertHtmlToAbsoluteUrls(html: string, base: string, options?: Record<string, unknown>): Promise<string>;
}
