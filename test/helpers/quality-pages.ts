/**
 * The page types every quality gate checks by name, in one place. Links and
 * HTML validity cover every page of the fixture build anyway; this list is for
 * the checks that need a browser (axe, Lighthouse, CSP). Add a page type here
 * and each of those gates picks it up.
 */
import type { Page } from "playwright-core";

export interface QualityPage {
  name: string;
  /** Path (and query) on the fixture site. */
  path: string;
  /** The HTTP status the page is served with. */
  status: number;
  /** A selector that appears once the page has finished its work (e.g. search results). */
  ready?: string;
  /** What a reader does before the page is checked by axe, e.g. open the search filters. */
  prepare?: (page: Page) => Promise<void>;
  /** Also scored by Lighthouse (about 15 s a page, so only the pages that matter most). */
  lighthouse?: boolean;
}

export const QUALITY_PAGES: readonly QualityPage[] = [
  { name: "front page", path: "/", status: 200, lighthouse: true },
  { name: "article", path: "/2025/03/12/lighthouse-keepers-strike/", status: 200, lighthouse: true },
  { name: "article with an image", path: "/2025/03/18/northern-light-returns-to-full-power/", status: 200 },
  { name: "section page", path: "/section/world/page/2/", status: 200 },
  { name: "tag page", path: "/tag/coasts/page/2/", status: 200 },
  { name: "author page", path: "/author/cy/", status: 200 },
  { name: "month archive", path: "/archive/2025/03/", status: 200 },
  { name: "archive index", path: "/archive/", status: 200 },
  { name: "tag index", path: "/tag/", status: 200 },
  { name: "author index", path: "/author/", status: 200 },
  { name: "about page", path: "/about/", status: 200 },
  {
    name: "search with results and filters open",
    path: "/search/?q=harbour",
    status: 200,
    ready: "[data-search-results] li",
    // The filters start folded away; a reader opens them.
    prepare: async (page) => {
      await page.locator("[data-search-filters]").evaluate((details: HTMLDetailsElement) => (details.open = true));
      await page.waitForSelector("[data-filter-groups] input[type=checkbox]");
    },
    lighthouse: true,
  },
  { name: "404 page", path: "/no-such-page/", status: 404 },
  { name: "offline page", path: "/offline/", status: 200 },
];
