import { describe, expect, it } from "vitest";
import type { ListPage } from "../../../scripts/lib/content/site-model.ts";
import { dateRedirects, siteRedirects } from "../../../scripts/lib/pages/redirects.ts";

/** A list page holding articles at `urls`, as listings.ts paginates. */
const listPage = (kind: "year" | "month", firstUrl: string, pageNumber: number, urls: string[]): ListPage =>
  ({
    kind,
    firstUrl,
    url: pageNumber > 1 ? `${firstUrl}page/${pageNumber}/` : firstUrl,
    pageNumber,
    items: urls.map((url) => ({ url })),
  }) as unknown as ListPage;

const LISTS = [
  listPage("year", "/archive/2025/", 1, ["/2025/03/12/b/", "/2025/03/12/a/"]),
  listPage("year", "/archive/2025/", 2, ["/2025/03/01/c/", "/2025/01/01/year-only/"]),
  listPage("month", "/archive/2025/03/", 1, ["/2025/03/12/b/", "/2025/03/12/a/"]),
  listPage("month", "/archive/2025/03/", 2, ["/2025/03/01/c/"]),
];

describe("redirects from an article's address cut back to its date", () => {
  it("sends a year and a month to their archives' first pages, and a day to the page listing its newest article", () => {
    expect(Object.fromEntries(dateRedirects(LISTS).map((r) => [r.from, r.to]))).toEqual({
      "/2025/": "/archive/2025/",
      "/2025/03/": "/archive/2025/03/",
      "/2025/03/12/": "/archive/2025/03/",
      "/2025/03/01/": "/archive/2025/03/page/2/",
      // Dated only to the year: in no month's archive, so to the year's page that lists it.
      "/2025/01/": "/archive/2025/page/2/",
      "/2025/01/01/": "/archive/2025/page/2/",
    });
    expect(dateRedirects(LISTS).every((r) => r.status === 301)).toBe(true);
  });

  it("sends each month's days with one placeholder line to the month's first page when there are too many days to list", () => {
    expect(dateRedirects(LISTS, 2).map((r) => `${r.from} ${r.to}`)).toEqual([
      "/2025/ /archive/2025/",
      "/2025/03/ /archive/2025/03/",
      "/2025/01/ /archive/2025/page/2/",
      "/2025/03/:day /archive/2025/03/",
      "/2025/01/:day /archive/2025/page/2/",
    ]);
  });

  it("lists the aliases first, and leaves a date's address to an alias that claims it", () => {
    const articles = [{ url: "/2025/03/12/b/", aliases: ["/old-b", "/2025/03/"] }];
    const redirects = siteRedirects({ articles, listings: { lists: LISTS, directories: [] } } as unknown as Parameters<
      typeof siteRedirects
    >[0]);
    expect(redirects.slice(0, 2).map((r) => `${r.from} ${r.to}`)).toEqual(["/old-b /2025/03/12/b/", "/2025/03/ /2025/03/12/b/"]);
    expect(redirects.filter((r) => r.from === "/2025/03/")).toHaveLength(1);
  });
});
