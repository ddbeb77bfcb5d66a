/**
 * The site's redirects (`/_redirects`, which Netlify and `npm run serve`
 * apply): each article's old addresses (front matter `aliases`), then its
 * address cut back to its date. A reader who shortens
 * `/2025/03/12/harbour-tariffs/` to `/2025/03/12/`, `/2025/03/` or `/2025/`
 * lands on the archive page listing that day, that month or that year instead
 * of "Page not found".
 */
import type { ListPage, Site } from "../content/site-model.ts";

export interface Redirect {
  from: string;
  to: string;
  status: 301;
}

type Level = "year" | "month" | "day";

/**
 * Days listed one line each, at most: Netlify advises placeholders past
 * 10,000 rules. A larger archive (a century of daily news) sends each
 * month's days with one line, `/2025/03/:day`, to the month's first page.
 */
export const MOST_DAY_LINES = 8_000;

/**
 * Where each date an article's address starts with leads, as its archive
 * lists it: a year to its archive's first page; a month to its archive's
 * first page, or, for articles dated only to the year, to the year's page
 * listing its newest; a day to the archive page listing its newest article.
 * Lists run newest first, so the first page found for a date is the one.
 */
export function dateRedirects(lists: readonly ListPage[], mostDayLines = MOST_DAY_LINES): Redirect[] {
  const targets: Record<Level, Map<string, string>> = { year: new Map(), month: new Map(), day: new Map() };
  const take = (pages: readonly ListPage[], level: Level, target: (page: ListPage) => string) => {
    for (const page of pages)
      for (const { url } of page.items) {
        const [year, month, day] = url.split("/").slice(1, 4);
        const from = level === "year" ? `/${year}/` : level === "month" ? `/${year}/${month}/` : `/${year}/${month}/${day}/`;
        if (!targets[level].has(from)) targets[level].set(from, target(page));
      }
  };
  const months = lists.filter((page) => page.kind === "month");
  const years = lists.filter((page) => page.kind === "year");
  take(years, "year", (page) => page.firstUrl);
  take(months, "month", (page) => page.firstUrl);
  take(years, "month", (page) => page.url);
  take(months, "day", (page) => page.url);
  take(years, "day", (page) => page.url);
  const days = targets.day.size <= mostDayLines ? targets.day : new Map([...targets.month].map(([from, to]) => [`${from}:day`, to]));
  return [...targets.year, ...targets.month, ...days].map(([from, to]) => ({ from, to, status: 301 }));
}

/** Every redirect, aliases first: an alias that claims a date's address keeps it. */
export function siteRedirects(site: Pick<Site, "articles" | "listings">): Redirect[] {
  const aliases = site.articles.flatMap((a) => a.aliases.map((from): Redirect => ({ from, to: a.url, status: 301 })));
  const aliased = new Set(aliases.map((r) => (r.from.endsWith("/") ? r.from : `${r.from}/`)));
  return [...aliases, ...dateRedirects(site.listings.lists).filter((r) => !aliased.has(r.from))];
}
