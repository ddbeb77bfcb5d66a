/**
 * What the search page's status line says. On a site whose index is in parts,
 * a search covers the parts opened so far; until it covers them all, the
 * status names how far back it reached, so a count is never mistaken for the
 * whole site's.
 */
import type { PartInfo } from "./index-parts.ts";

export const plural = (n: number, one: string, many: string): string => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** The oldest day every one of whose articles the first `opened` parts hold, or undefined without (usable) part dates. */
export function searchedSinceDay(info: readonly PartInfo[] | undefined, opened: number): string | undefined {
  const last = info?.[opened - 1];
  if (!last || !/^\d{4}-\d{2}-\d{2}$/.test(last.oldest)) return undefined;
  // A day split between two parts is only partly searched: the day after it is the honest bound.
  if (info?.[opened]?.newest !== last.oldest) return last.oldest;
  const next = new Date(`${last.oldest}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const day = next.toISOString().slice(0, 10);
  return day <= last.newest ? day : undefined;
}

/** "4 March 2024" for "2024-03-04" in the page's language; the date is a calendar day, so no time zone shifts it. */
export function formatDay(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

export interface ResultsSummary {
  query: string;
  total: number;
  filtered: boolean;
  newestFirst: boolean;
  /** Undefined once every article was searched; otherwise how far back the search reached (a formatted day, if known). */
  searched?: { since: string | undefined };
}

export function describeResults({ query, total, filtered, newestFirst, searched }: ResultsSummary): string {
  const what = query ? ` for “${query}”` : "";
  const withFilters = filtered ? " with the chosen filters" : "";
  const among = searched ? (searched.since ? ` among articles since ${searched.since}` : " among the most recent articles") : "";
  if (total === 0) return `No articles found${what}${withFilters}${among}.`;
  return `${plural(total, "article", "articles")} found${what}${withFilters}${among}${newestFirst ? ", newest first" : ""}.`;
}

/** Articles in the whole index, if the build described its parts. */
export const articlesInParts = (info: readonly PartInfo[] | undefined): number | undefined => info?.reduce((n, part) => n + part.pages, 0);
