/**
 * What the search page's status line says: what is being searched while the
 * older parts of a large index are still coming in, then how many articles
 * were found. A count is only ever given once every article was searched.
 */
// One formatter for every count: `toLocaleString` makes a new one per call, and making one costs a slow phone milliseconds.
let numbers: Intl.NumberFormat | undefined;

export const plural = (n: number, one: string, many: string): string =>
  `${(numbers ??= new Intl.NumberFormat()).format(n)} ${n === 1 ? one : many}`;

/** While a search is still reaching older articles. */
export const searchingStatus = (articles: number): string => `Searching ${plural(articles, "article", "articles")}…`;

export interface ResultsSummary {
  /** The query as typed. */
  query: string;
  total: number;
  filtered: boolean;
  newestFirst: boolean;
  /** Whether no article holds every word, and the results hold some of them. */
  partial: boolean;
}

export function describeResults({ query, total, filtered, newestFirst, partial }: ResultsSummary): string {
  const what = query ? ` for “${query}”` : "";
  const withFilters = filtered ? " with the chosen filters" : "";
  if (total === 0) return `No articles found${what}${withFilters}.`;
  // The query stands in the box above: repeated here, it would take a phone a third line, and move the results down.
  if (partial)
    return `No article holds every word. ${plural(total, "article holds", "articles hold")} some of them${withFilters}${newestFirst ? ", newest first" : ""}.`;
  return `${plural(total, "article", "articles")} found${what}${withFilters}${newestFirst ? ", newest first" : ""}.`;
}

/**
 * The spelling suggested, for screen readers: the status line announces it,
 * in a part not shown, since the suggestion's button is shown below the
 * results and a longer status line would push them down.
 */
export const spellingAside = (suggestion: string, total: number): string =>
  `Did you mean “${suggestion}”? A button ${total ? "below the results" : "below"} searches for it.`;
