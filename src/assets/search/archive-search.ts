/**
 * One search over the whole archive, part by part, as the search page,
 * offline search and `npm run search` all run it. For each part it asks
 * Pagefind about every scored word of the query on its own (which pages,
 * how well, at which positions), which pages hold the word itself rather
 * than a longer word starting like it, and which hold each quoted phrase;
 * ranking.ts turns that into one order over every part searched so far.
 * Filters are applied, and their values counted, over the pages found
 * (filter-membership.ts).
 *
 * Parts can be added as they are opened: `searchArchive` searches the parts
 * open, opens the older ones in batches and searches each batch, reporting
 * after every step, so a page can show the first results from the newest
 * part and merge the rest in as it arrives.
 */
import { buildExcerpt, type ExcerptPart } from "./excerpt.ts";
import { FilterMembership, type ValueFilters } from "./filter-membership.ts";
import { BODY_ANCHOR } from "./index-format.ts";
import { PART_FILTER, type PartedIndex } from "./index-parts.ts";
import type { FilterCounts, PagefindResult, PagefindResultData, PagefindSearchOptions } from "./pagefind-types.ts";
import { quoted, type ParsedQuery } from "./query.ts";
import { rank, type PartEvidence, type RankedPage, type TermEvidence, type TermHit } from "./ranking.ts";

export type SortOrder = "relevance" | "newest" | "oldest";

export interface SearchRequest {
  query: ParsedQuery;
  /** The reader's filters, as indexed values. */
  filters: ValueFilters;
  /** Without words, results are always by date (newest first unless "oldest"). */
  sort: SortOrder;
}

export interface FoundPage {
  id: string;
  part: number;
  /** How the page matched the words; absent for a search without words. */
  ranked?: RankedPage;
  data(): Promise<PagefindResultData>;
}

/** A result as the search page and the terminal show it. */
export interface ResultView {
  id: string;
  /** The article's address. */
  url: string;
  /** The link to it from results: with the search in `?highlight=`, for a search with words, so the article marks it. */
  href: string;
  title: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[]>;
  excerpt: ExcerptPart[];
}

/** Parts opened and searched together after the first: their files are fetched at once. */
const PARTS_PER_BATCH = 8;

const hasFilters = (filters: ValueFilters): boolean => Object.values(filters).some((f) => (f?.any.length ?? 0) > 0);
const inParts = (parts: readonly number[]): PagefindSearchOptions["filters"] => ({ [PART_FILTER]: { any: parts.map(String) } });

/**
 * The index as one archive: its parts, and which pages hold each filter
 * value, loaded the first time filters are used or counted and kept up to
 * date as parts open.
 */
export class Archive {
  readonly membership = new FilterMembership();
  #membershipWanted = false;

  constructor(readonly index: PartedIndex) {}

  /** Loads filter values and which pages hold them, for the parts open; from then on, for every part searched. */
  async loadFilters(): Promise<void> {
    this.#membershipWanted = true;
    await this.#extendMembership(Array.from({ length: this.index.opened }, (_, i) => i + 1));
  }

  async #extendMembership(parts: readonly number[]): Promise<void> {
    if (!this.#membershipWanted || this.membership.has(parts)) return;
    await this.membership.addParts(this.index.pf, parts, await this.index.filters());
  }

  /** Makes sure `parts` can be filtered and counted, when filters are in use. */
  prepare(parts: readonly number[], filters: ValueFilters): Promise<void> {
    if (hasFilters(filters)) this.#membershipWanted = true;
    return this.#extendMembership(parts);
  }
}

/** One search: the evidence of every part searched so far, ranked on demand. */
export class ArchiveSearch {
  readonly #evidence: PartEvidence[] = [];
  /** Pages in date order per part, for date-sorted and word-less searches. */
  readonly #dated = new Map<number, string[]>();
  readonly #handles = new Map<string, PagefindResult>();
  readonly #searched = new Set<number>();

  constructor(
    readonly archive: Archive,
    readonly request: SearchRequest,
  ) {}

  get words(): boolean {
    return this.request.query.words.length > 0;
  }

  /** Parts searched so far. */
  get parts(): number[] {
    return [...this.#searched].sort((a, b) => a - b);
  }

  /** Searches the open parts not searched yet, one after another until `stop` says a newer search has started. */
  async searchOpenParts(stop: () => boolean = () => false): Promise<void> {
    const parts = Array.from({ length: this.archive.index.opened }, (_, i) => i + 1).filter((n) => !this.#searched.has(n));
    if (!parts.length) return;
    await this.archive.prepare(parts, this.request.filters);
    const exact = this.words ? await this.#exactWords(parts) : [];
    const phrase = this.words ? await this.#innerPhrase(parts) : undefined;
    for (const part of parts) {
      if (stop()) return;
      if (this.words) await this.#gatherEvidence(part, exact, phrase);
      else await this.#browse(part);
      this.#searched.add(part);
    }
  }

  #dateSort(): PagefindSearchOptions {
    const { sort } = this.request;
    return sort === "relevance" && this.words ? {} : { sort: { date: sort === "oldest" ? "asc" : "desc" } };
  }

  /** A search without words: every page of the part, by date. */
  async #browse(part: number): Promise<void> {
    const found = await this.archive.index.pf.search(null, { filters: inParts([part]), ...this.#dateSort() });
    this.#keep(found.results);
    this.#dated.set(
      part,
      found.results.map((r) => r.id),
    );
  }

  /** Which pages of `parts` hold each scored word itself: one search per word. */
  async #exactWords(parts: readonly number[]): Promise<Set<string>[]> {
    const { pf } = this.archive.index;
    return Promise.all(
      this.request.query.terms.map(
        async (term) => new Set((await pf.search(quoted([term]), { filters: inParts(parts) })).results.map((r) => r.id)),
      ),
    );
  }

  /**
   * When function words stand between the query's scored words, which pages
   * of `parts` hold the query as typed from its first scored word to its last.
   */
  async #innerPhrase(parts: readonly number[]): Promise<Set<string> | undefined> {
    const { words } = this.request.query;
    const first = words.findIndex((w) => w.scored);
    const last = words.findLastIndex((w) => w.scored);
    const inner = words.slice(first, last + 1);
    if (first < 0 || inner.every((w) => w.scored)) return undefined;
    const found = await this.archive.index.pf.search(quoted(inner.map((w) => w.text)), { filters: inParts(parts) });
    return new Set(found.results.map((r) => r.id));
  }

  #keep(results: readonly PagefindResult[]): void {
    for (const result of results) if (!this.#handles.has(result.id)) this.#handles.set(result.id, result);
  }

  async #gatherEvidence(part: number, exact: readonly Set<string>[], phrase: Set<string> | undefined): Promise<void> {
    const { pf } = this.archive.index;
    const { query } = this.request;
    const options = { filters: inParts([part]), ...this.#dateSort() };
    const terms = await Promise.all(
      query.terms.map(async (term, t): Promise<TermEvidence> => {
        const found = await pf.search(term, options);
        this.#keep(found.results);
        const hits = new Map<string, TermHit>();
        for (const result of found.results)
          hits.set(result.id, {
            score: result.score,
            positions: result.words,
            headline: result.matchedMetaFields?.includes("title") ?? false,
          });
        const itself = exact[t] ?? new Set<string>();
        return {
          df: found.totalFilters[PART_FILTER]?.[String(part)] ?? found.results.length,
          exact: new Set([...hits.keys()].filter((id) => itself.has(id))),
          hits,
        };
      }),
    );
    const phrases = await Promise.all(
      query.phrases.map(async (words) => {
        const found = await pf.search(quoted(words), options);
        this.#keep(found.results);
        return found.results.map((r) => r.id);
      }),
    );
    if (this.request.sort !== "relevance") this.#dated.set(part, [...(terms.find((t) => t.hits.size)?.hits.keys() ?? phrases[0] ?? [])]);
    this.#evidence.push({
      part,
      pages: this.archive.index.pagesIn(part),
      terms,
      quoted: phrases.map((ids) => new Set(ids)),
      ...(phrase ? { phrase } : {}),
    });
    this.#evidence.sort((a, b) => a.part - b.part);
  }

  /** The results over the parts searched so far, in order, with the weight of each scored word. */
  results(): { pages: FoundPage[]; weights: number[] } {
    return this.#results(this.request.filters);
  }

  #results(filters: ValueFilters): { pages: FoundPage[]; weights: number[] } {
    const passes = (id: string) => !hasFilters(filters) || this.archive.membership.passes(id, filters);
    const page = (id: string, part: number, ranked?: RankedPage): FoundPage => {
      const handle = this.#handles.get(id);
      return {
        id,
        part,
        ...(ranked ? { ranked } : {}),
        data: () => (handle ? handle.data() : Promise.reject(new Error(`no result ${id}`))),
      };
    };
    if (!this.words) {
      const pages = this.#partsInDateOrder().flatMap((part) => (this.#dated.get(part) ?? []).filter(passes).map((id) => page(id, part)));
      return { pages, weights: [] };
    }
    const ranking = rank(this.request.query, this.#evidence);
    let ranked = ranking.pages.filter((r) => passes(r.id));
    if (this.request.sort !== "relevance") {
      const position = new Map(
        this.#partsInDateOrder()
          .flatMap((part) => this.#dated.get(part) ?? [])
          .map((id, i) => [id, i]),
      );
      ranked = [...ranked].sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
    }
    return { pages: ranked.map((r) => page(r.id, r.part, r)), weights: ranking.weights };
  }

  /** Parts hold consecutive date ranges, newest first: laid end to end they are in date order. */
  #partsInDateOrder(): number[] {
    return this.request.sort === "oldest" ? this.parts.reverse() : this.parts;
  }

  /**
   * Counts of each filter's values among the pages found (filters must be
   * loaded: `Archive.loadFilters`); a filter in use is counted as if it were
   * not, so its other values show what they would add.
   */
  filterCounts(): FilterCounts {
    const ids = this.#results({}).pages.map((p) => p.id);
    const { membership } = this.archive;
    return Object.fromEntries(membership.keys().map((key) => [key, membership.counts(ids, this.request.filters, key)]));
  }

  /** How many pages match the words with no filters at all. */
  unfilteredCount(): number {
    return this.#results({}).pages.length;
  }
}

/**
 * Searches the parts open, then opens older parts in batches and searches
 * each, calling `progress` after every step with the parts searched so far.
 * Stops early when `stop` says so (a newer search started).
 */
export async function searchArchive(
  search: ArchiveSearch,
  progress: (parts: number[]) => void | Promise<void>,
  stop: () => boolean = () => false,
): Promise<void> {
  const { index } = search.archive;
  await search.searchOpenParts(stop);
  if (stop()) return;
  await progress(search.parts);
  while (!stop() && (!index.complete || search.parts.length < index.opened)) {
    if (search.parts.length >= index.opened) await index.openNext(PARTS_PER_BATCH);
    if (stop()) return;
    await search.searchOpenParts(stop);
    if (stop()) return;
    await progress(search.parts);
  }
}

/**
 * The order to show once more parts are in: the results the reader has seen
 * (`kept`) stay first, in their places, and the new ranking follows.
 */
export function mergeOrder(kept: readonly string[], ranked: readonly string[]): string[] {
  const first = new Set(kept);
  return [...kept, ...ranked.filter((id) => !first.has(id))];
}

/** What a result shows: its address (with the words to highlight), headline, metadata and the passage that matched. */
export async function viewResult(found: FoundPage, query: ParsedQuery, weights: readonly number[], length: number): Promise<ResultView> {
  const data = await found.data();
  const bodyStart = data.anchors.find((a) => a.id === BODY_ANCHOR)?.location ?? 0;
  const excerpt = buildExcerpt({
    content: data.content,
    bodyStart,
    query,
    positions: found.ranked?.positions ?? [],
    weights,
    runs: found.ranked?.runs ?? [],
    length,
  });
  const href = query.words.length
    ? `${data.url}${data.url.includes("?") ? "&" : "?"}highlight=${encodeURIComponent(query.text)}`
    : data.url;
  return { id: found.id, url: data.url, href, title: data.meta.title ?? data.url, meta: data.meta, filters: data.filters, excerpt };
}
