/**
 * `npm run search`: argument checks, the stale-index guard and output
 * formatting, kept apart from process I/O so tests can call them directly.
 */
import { access } from "node:fs/promises";
import path from "node:path";
import { filesChangedSince, fingerprintContent } from "../content/content-files.ts";
import { didYouMean } from "../../../src/assets/did-you-mean.ts";
import type { SearchHit } from "./node-search.ts";
import { terminalSafe, terminalSafeJson } from "../util/terminal-text.ts";
import { readBuildInfo, type SearchBuildInfo } from "./search-build-info.ts";
import { excerptText, type ExcerptPart } from "../../../src/assets/search/excerpt.ts";
import { FILTER_KEYS, filterValueFor, type FilterKey, type SearchVocabulary } from "../../../src/assets/search/filter-vocabulary.ts";

export class SearchCliError extends Error {}

/** Indexed values per filter; a result needs any one of each filter's values. */
export type CliFilters = Partial<Record<FilterKey, { any: string[] }>>;

const BUILD_FIRST = "Run `npm run build` first.";

/** The build info of a current index, or an error saying why it cannot be searched. */
export async function checkIndex(siteDir: string, contentRoot: string): Promise<SearchBuildInfo> {
  const missing = await access(path.join(siteDir, "pagefind", "pagefind.js")).then(
    () => false,
    () => true,
  );
  const info = missing ? undefined : await readBuildInfo(siteDir);
  if (!info) throw new SearchCliError(`No search index in ${siteDir}. ${BUILD_FIRST}`);
  if ((await fingerprintContent(contentRoot)) !== info.contentHash) {
    const changed = await filesChangedSince(contentRoot, new Date(info.builtAt));
    const which = changed.length
      ? ` (changed since: ${changed.slice(0, 3).join(", ")}${changed.length > 3 ? ` and ${changed.length - 3} more` : ""})`
      : "";
    throw new SearchCliError(
      `The search index in ${siteDir} is stale: it was built at ${info.builtAt} from other content than ${contentRoot} holds now${which}. ${BUILD_FIRST}`,
    );
  }
  return info;
}

/** Pagefind filters from command-line ids (or display names); unknown values are errors with suggestions. */
export function filtersFromArgs(given: Partial<Record<FilterKey, string[]>>, vocabulary: SearchVocabulary): CliFilters {
  const filters: CliFilters = {};
  const problems: string[] = [];
  for (const key of FILTER_KEYS) {
    const values = given[key] ?? [];
    const names = values.map((v) => {
      const name = filterValueFor(vocabulary[key], v);
      if (name === undefined) {
        const ids = vocabulary[key].map((t) => t.id);
        const guess = didYouMean(v, ids);
        problems.push(
          `--${key} ${v}: no such ${key}${guess ? ` (did you mean ${guess}?)` : ""}; expected one of: ${ids.join(", ") || "(none)"}`,
        );
      }
      return name;
    });
    const known = names.filter((n): n is string => n !== undefined);
    if (known.length) filters[key] = { any: known };
  }
  if (problems.length) throw new SearchCliError(problems.join("\n"));
  return filters;
}

/** The excerpt with its marked words in bold on a terminal; its own text made safe first, so only our bold reaches the terminal. */
const boldExcerpt = (parts: readonly ExcerptPart[]): string =>
  parts.map((p) => (p.mark ? `\x1b[1m${terminalSafe(p.text)}\x1b[22m` : terminalSafe(p.text))).join("");

export interface CliResult {
  query: string;
  filters: CliFilters;
  sort: "relevance" | "date";
  total: number;
  hits: SearchHit[];
  /** The query to try instead, when a word of it no page holds has a spelling pages use. */
  suggestion?: string;
}

export function asJson(result: CliResult): string {
  const results = result.hits.map((h) => ({
    title: h.title,
    url: h.url,
    date: h.meta.date ?? null,
    section: h.meta.section ?? null,
    authors: h.filters.author ?? [],
    tags: h.filters.tag ?? [],
    excerpt: excerptText(h.excerpt),
    ...(h.meta.image ? { image: { src: h.meta.image, alt: h.meta.image_alt ?? "" } } : {}),
    ...(h.missing.length ? { missing: h.missing } : {}),
  }));
  const filters = Object.fromEntries(Object.entries(result.filters).map(([key, f]) => [key, f.any]));
  const { query, sort, total, suggestion } = result;
  return terminalSafeJson({ query, filters, sort, total, ...(suggestion ? { suggestion } : {}), results }, 2);
}

function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join("\n");
}

/**
 * The results as text for a terminal. What the index holds is made safe here
 * (terminal-text.ts), before the bold the table adds itself: print it as it is.
 */
export function asTable(result: CliResult, options: { bold: boolean; width: number }): string {
  const what = result.query ? `“${terminalSafe(result.query)}”` : "all articles";
  const order = result.sort === "date" ? ", newest first" : "";
  const meant = result.suggestion ? ` Did you mean “${terminalSafe(result.suggestion)}”?` : "";
  if (result.total === 0) return `No articles match ${what}.${meant}`;
  const matches = result.hits.some((h) => h.missing.length)
    ? `No article holds every word of ${what}; ${result.total} ${result.total === 1 ? "article holds" : "articles hold"} some of them`
    : `${result.total} ${result.total === 1 ? "article matches" : "articles match"} ${what}`;
  const head = `${matches}${order}; showing ${result.hits.length}.${meant}`;
  const number = (i: number) => String(i + 1).padStart(String(result.hits.length).length);
  const indent = " ".repeat(String(result.hits.length).length + 2);
  // A fold: `--limit` may ask for more results than a call takes arguments.
  const dateWidth = result.hits.reduce((n, h) => Math.max(n, (h.meta.date ?? "").length), 0);
  const rows = result.hits.map((h, i) => {
    const safeTitle = terminalSafe(h.title);
    const title = options.bold ? `\x1b[1m${safeTitle}\x1b[22m` : safeTitle;
    const excerpt = options.bold ? boldExcerpt(h.excerpt) : terminalSafe(excerptText(h.excerpt));
    return [
      `${number(i)}  ${terminalSafe(h.meta.date ?? "").padEnd(dateWidth)}  ${title}`,
      `${indent}${terminalSafe(h.url)}`,
      wrap(excerpt, Math.max(40, options.width - indent.length), indent),
      ...(h.missing.length ? [`${indent}Missing: ${terminalSafe(h.missing.join(", "))}`] : []),
    ].join("\n");
  });
  return [head, "", rows.join("\n\n")].join("\n");
}
