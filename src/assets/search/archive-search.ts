/**
 * One search over the whole archive, part by part, as the search page,
 * offline search and `npm run search` all run it. For each part it asks
 * Pagefind about every scored word of the query on its own (which pages,
 * how well, at which positions), which pages hold the word itself rather
 * than a longer word starting like it, and which hold each quoted phrase;
 * ranking.ts turns that into one order over every part searched so far, and
 * the first page of it is refined by the words as typed (typed-words.ts).
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
import { BODY_ANCHOR, PAGE_SIZE } from "./index-format.ts";
import { PART_FILTER, type PartedIndex } from "./index-parts.ts";
import type { FilterCounts, PagefindResult, PagefindResultData, PagefindSearchOptions } from "./pagefind-types.ts";
import { aroundOf, quoted, type ParsedQuery } from "./query.ts";
import { suggestSpelling } from "./spelling.ts";
import { documentFrequency, heldItself, rank, type PartEvidence, type RankedPage, type TermEvidence, type TermHit } from "./ranking.ts";
import { completesTypedWord, matchesTypedWord, typedMatch } from "./typed-words.ts";

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
  /** The query's words, as typed, the article does not hold: when no article holds them all (ranking.ts `partial`). */
  missing: string[];
}

/** Parts opened and searched together after the first: their files are fetched at once. */
const PARTS_PER_BATCH = 8;

/**
 * The most results whose text is read to find one holding the query as
 * typed: each costs its page's text, which only the results shown need
 * otherwise, so a query whose every result is another word of its stem stops here.
 */
const REFINE_REACH = 5 * PAGE_SIZE;

const hasFilters = (filters: ValueFilters): boolean => Object.values(filters).some((f) => (f?.any.length ?? 0) > 0);
const inParts = (parts: readonly number[]): PagefindSearchOptions["filters"] => ({ [PART_FILTER]: { any: parts.map(String) } });

/**
 * The index as one archive: which part each page is in and the pages of each
 * part by date (one search per batch of parts, kept for every search after),
 * and which pages hold the filter values in use (every value, once counts are
 * shown), kept up to date as parts open.
 */
export class Archive {
  readonly membership = new FilterMembership();
  /** Whether every filter value is wanted (for counts), or only those in use. */
  #counting = false;
  readonly #inUse = new Map<string, Set<string>>();
  readonly #partOf = new Map<string, number>();
  /** Per part: its pages, newest first. */
  readonly #dated = new Map<number, string[]>();

  readonly index: PartedIndex;

  constructor(index: PartedIndex) {
    this.index = index;
  }

  /** Loads every filter value and which pages hold it, for the parts open; from then on, for every part searched. */
  async loadFilters(): Promise<void> {
    this.#counting = true;
    await this.#lookUp(Array.from({ length: this.index.opened }, (_, i) => i + 1));
  }

  /** Which pages of `parts` hold the values wanted: every value when counting, else the values in use. */
  async #lookUp(parts: readonly number[]): Promise<void> {
    const values = this.#counting
      ? Object.fromEntries(
          Object.entries(await this.index.filters()).map(([key, counts]) => [key, Object.keys(counts).filter((v) => (counts[v] ?? 0) > 0)]),
        )
      : Object.fromEntries([...this.#inUse].map(([key, set]) => [key, [...set]]));
    await this.membership.add(this.index.pf, parts, values);
  }

  /** Makes `parts` ready to search: which part each of their pages is in, their pages by date, and the filters in use. */
  async prepare(parts: readonly number[], filters: ValueFilters): Promise<void> {
    for (const [key, wanted] of Object.entries(filters)) {
      const set = this.#inUse.get(key) ?? new Set<string>();
      for (const value of wanted?.any ?? []) set.add(value);
      this.#inUse.set(key, set);
    }
    await this.#catalogue(parts.filter((n) => !this.#dated.has(n)));
    await this.#lookUp(parts);
  }

  /**
   * Every page of `parts`, newest first, in one search: Pagefind lays its
   * parts' results end to end in the order they were opened and keeps that
   * order among equal scores, as a search without words has; each part's
   * share is its count. The first part is checked on its own, and should that
   * order not hold, every part is searched on its own.
   */
  async #catalogue(parts: readonly number[]): Promise<void> {
    if (!parts.length) return;
    const { pf } = this.index;
    const found = await pf.search(null, { filters: inParts(parts), sort: { date: "desc" } });
    const ids = found.results.map((r) => r.id);
    const slices = new Map<number, string[]>();
    let at = 0;
    for (const n of parts) {
      const count = found.filters[PART_FILTER]?.[String(n)] ?? 0;
      slices.set(n, ids.slice(at, at + count));
      at += count;
    }
    const first = (await pf.search(null, { filters: inParts([parts[0] as number]), sort: { date: "desc" } })).results.map((r) => r.id);
    const laidOut =
      first.length === slices.get(parts[0] as number)?.length && first.every((id, i) => slices.get(parts[0] as number)?.[i] === id);
    for (const n of parts) {
      const pages = laidOut
        ? (slices.get(n) ?? [])
        : (await pf.search(null, { filters: inParts([n]), sort: { date: "desc" } })).results.map((r) => r.id);
      this.#dated.set(n, pages);
      for (const id of pages) this.#partOf.set(id, n);
    }
  }

  /** The part a page of a searched part is in. */
  partOf(id: string): number | undefined {
    return this.#partOf.get(id);
  }

  /** A part's pages, newest first. */
  dated(part: number): readonly string[] {
    return this.#dated.get(part) ?? [];
  }
}

/** What a part says of a word it does not hold. */
const UNHELD: TermEvidence = { df: 0, exact: new Set(), hits: new Map() };

/** One search: the evidence of every part searched so far, ranked on demand. */
export class ArchiveSearch {
  readonly #evidence: PartEvidence[] = [];
  /** Scored words (indexes into the query's terms) whose every match read was a word unlike them: they count as held nowhere. */
  #unlike = new Set<number>();
  /** Scored words no part holds that a matched word goes on from: not finished yet, so not misspelt (typed-words.ts). */
  #unfinished = new Set<number>();
  /** Pages of the parts searched holding a word the query leaves out (`-word`). */
  readonly #excluded = new Set<string>();
  readonly #handles = new Map<string, PagefindResult>();
  /** Each page's text and metadata, loaded once however often the results are ranked and shown. */
  readonly #data = new Map<string, Promise<PagefindResultData>>();
  readonly #searched = new Set<number>();

  readonly archive: Archive;
  readonly request: SearchRequest;

  constructor(archive: Archive, request: SearchRequest) {
    this.archive = archive;
    this.request = request;
  }

  get words(): boolean {
    return this.request.query.words.length > 0;
  }

  /** Parts searched so far. */
  get parts(): number[] {
    return [...this.#searched].sort((a, b) => a - b);
  }

  /** Whether every part of the archive has been searched. */
  get searchedAll(): boolean {
    return this.archive.index.complete && this.#searched.size === this.archive.index.partCount;
  }

  /**
   * Searches the open parts not searched yet, all in one go: a handful of
   * Pagefind searches, however many parts (each searches every part open, so
   * one a part would cost parts² of them). Stops between searches when `stop`
   * says a newer search has started.
   */
  async searchOpenParts(stop: () => boolean = () => false): Promise<void> {
    const parts = Array.from({ length: this.archive.index.opened }, (_, i) => i + 1).filter((n) => !this.#searched.has(n));
    if (!parts.length) return;
    await this.archive.prepare(parts, this.request.filters);
    if (stop()) return;
    if (this.words) await this.#gatherEvidence(parts);
    else await this.#browse(parts);
    if (stop()) return;
    for (const part of parts) this.#searched.add(part);
  }

  /** A search without words: every page of the parts (results are laid out by date from the archive's lists). */
  async #browse(parts: readonly number[]): Promise<void> {
    this.#keep((await this.archive.index.pf.search(null, { filters: inParts(parts) })).results);
  }

  /** Pagefind's results of one search over several parts, by part. */
  #byPart(results: readonly PagefindResult[]): Map<number, PagefindResult[]> {
    const byPart = new Map<number, PagefindResult[]>();
    for (const result of results) {
      const part = this.archive.partOf(result.id);
      if (part === undefined) continue;
      const list = byPart.get(part) ?? [];
      list.push(result);
      byPart.set(part, list);
    }
    return byPart;
  }

  #keep(results: readonly PagefindResult[]): void {
    for (const result of results) if (!this.#handles.has(result.id)) this.#handles.set(result.id, result);
  }

  /**
   * The query as typed, searched as a phrase when function words stand in it:
   * from its first scored word to its last when they stand between them; the
   * whole query when it has a single scored word and no quotes ("will of the
   * people", "military might"), whose words as typed are then all the phrase
   * it has.
   */
  #typedPhrase(): string[] | undefined {
    const { words, phrases } = this.request.query;
    const first = words.findIndex((w) => w.scored);
    const last = words.findLastIndex((w) => w.scored);
    if (first < 0) return undefined;
    if (first === last) return words.length > 1 && !phrases.length ? words.map((w) => w.text) : undefined;
    const inner = words.slice(first, last + 1);
    return inner.every((w) => w.scored) ? undefined : inner.map((w) => w.text);
  }

  async #gatherEvidence(parts: readonly number[]): Promise<void> {
    const { pf } = this.archive.index;
    const { query } = this.request;
    const options = { filters: inParts(parts) };
    const ids = async (q: string) => new Set((await pf.search(q, options)).results.map((r) => r.id));
    const typed = this.#typedPhrase();
    // Which pages hold each word itself, the phrase with its function words, and each word left out.
    const [exact, phrase, excluded] = await Promise.all([
      Promise.all(query.terms.map((term) => ids(quoted([term])))),
      typed && ids(quoted(typed)),
      Promise.all(query.excluded.map((e) => ids(quoted([e.text])))),
    ]);
    for (const pages of excluded) for (const id of pages) this.#excluded.add(id);
    const terms = await Promise.all(
      query.terms.map(async (term) => {
        const found = await pf.search(term, options);
        this.#keep(found.results);
        return { byPart: this.#byPart(found.results), df: found.totalFilters[PART_FILTER] ?? {} };
      }),
    );
    const phrases = await Promise.all(
      query.phrases.map(async (words) => {
        const found = await pf.search(quoted(words), options);
        this.#keep(found.results);
        return this.#byPart(found.results);
      }),
    );
    for (const part of parts) {
      const evidence = terms.map(({ byPart, df }, t): TermEvidence => {
        const hits = new Map<string, TermHit>();
        for (const result of byPart.get(part) ?? [])
          hits.set(result.id, {
            score: result.score,
            positions: result.words,
            headline: result.matchedMetaFields?.includes("title") ?? false,
          });
        const itself = exact[t] ?? new Set<string>();
        return { df: df[String(part)] ?? hits.size, exact: new Set([...hits.keys()].filter((id) => itself.has(id))), hits };
      });
      this.#evidence.push({
        part,
        pages: this.archive.index.pagesIn(part),
        terms: evidence,
        quoted: phrases.map((byPart) => new Set((byPart.get(part) ?? []).map((r) => r.id))),
        ...(phrase ? { phrase } : {}),
      });
    }
    this.#evidence.sort((a, b) => a.part - b.part);
  }

  /** The results over the parts searched so far, in order, with the weight of each scored word. */
  results(): { pages: FoundPage[]; weights: number[] } {
    return this.#results(this.request.filters);
  }

  /** The results with `filters`, every word in `unlike` counted as held nowhere. */
  #results(filters: ValueFilters, unlike: ReadonlySet<number> = this.#unlike): { pages: FoundPage[]; weights: number[] } {
    const passes = (id: string) => !this.#excluded.has(id) && (!hasFilters(filters) || this.archive.membership.passes(id, filters));
    const page = (id: string, part: number, ranked?: RankedPage): FoundPage => ({
      id,
      part,
      ...(ranked ? { ranked } : {}),
      data: () => this.#loaded(id),
    });
    if (!this.words) {
      const pages = this.#byDate().flatMap(([part, ids]) => ids.filter(passes).map((id) => page(id, part)));
      return { pages, weights: [] };
    }
    const evidence = unlike.size
      ? this.#evidence.map((part) => ({ ...part, terms: part.terms.map((term, t) => (unlike.has(t) ? UNHELD : term)) }))
      : this.#evidence;
    // No page holds every word (and none left out): once the whole archive says so, the pages holding the most of them.
    let ranking = rank(this.request.query, evidence);
    if (!ranking.pages.some((r) => !this.#excluded.has(r.id)) && this.searchedAll)
      ranking = rank(this.request.query, evidence, { partial: true });
    let ranked = ranking.pages.filter((r) => passes(r.id));
    if (this.request.sort !== "relevance") {
      // Newest first: parts in order, each part's pages by date; the oldest first is that turned round.
      const position = new Map(this.parts.flatMap((part) => this.archive.dated(part).map((id, i) => [id, i] as const)));
      ranked = [...ranked].sort((a, b) => a.part - b.part || (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
      if (this.request.sort === "oldest") ranked.reverse();
    }
    return { pages: ranked.map((r) => page(r.id, r.part, r)), weights: ranking.weights };
  }

  #loaded(id: string): Promise<PagefindResultData> {
    let data = this.#data.get(id);
    if (!data) {
      const handle = this.#handles.get(id);
      data = handle ? handle.data() : Promise.reject(new Error(`no result ${id}`));
      // A failed load is not kept: the next showing of the result tries again.
      data.catch(() => this.#data.delete(id));
      this.#data.set(id, data);
    }
    return data;
  }

  /**
   * The results in order, the first page of them refined by the words as
   * typed: among the first `PAGE_SIZE` (ranked by relevance), the pages whose
   * text holds the query as the reader typed it come first, in their order,
   * then those holding a typed plural only as its singular, then the others
   * (typed-words.ts). While no page read holds it as typed (every one
   * matched a word of the same stem only, "detention" for "detente", or the
   * singular of a typed plural only, "strength" for "strengths"), the next
   * `PAGE_SIZE` are read too, up to `REFINE_REACH`, and refined with them.
   * The rest keep the ranking's order, so later pages of results never gain
   * or lose a result.
   */
  async ordered(): Promise<{ pages: FoundPage[]; weights: number[] }> {
    const found = this.words ? await this.#setAsideUnlikeMatches() : this.results();
    if (!this.words || this.request.sort !== "relevance") return found;
    const typed = this.request.query.words.map((w) => w.text);
    const check = (pages: readonly FoundPage[]) => Promise.all(pages.map(async (p) => typedMatch((await p.data()).content, typed)));
    let reach = PAGE_SIZE;
    const held = await check(found.pages.slice(0, reach));
    while (!held.includes(2) && found.pages.length > reach && reach < REFINE_REACH) {
      held.push(...(await check(found.pages.slice(reach, reach + PAGE_SIZE))));
      reach += PAGE_SIZE;
    }
    const read = found.pages.slice(0, reach).map((page, i) => ({ page, held: held[i] ?? 0 }));
    const refined = read.sort((a, b) => b.held - a.held).map((r) => r.page);
    return { pages: [...refined, ...found.pages.slice(reach)], weights: found.weights };
  }

  /**
   * A typed word no part holds ("gorbachov" for "Gorbachev", "zebra") is
   * matched by Pagefind with the longest word its index holds that starts
   * it, down to one letter ("go", "z"), and every page saying that would be
   * a result. Each such word is judged by the text of the first `PAGE_SIZE`
   * results matching it (the results shown, read anyway): when none holds a
   * word sharing its first letters there (typed-words.ts), it counts as held
   * nowhere, so a query of it alone finds nothing and in a longer query it is
   * left out. A word found as a longer one ("harbo" for "harbour") or by a
   * close enough start ("prosperty" by "prosperity") stands. Judged afresh
   * each time, as more parts are searched; returns the results with the
   * words judged so set aside.
   */
  async #setAsideUnlikeMatches(): Promise<{ pages: FoundPage[]; weights: number[] }> {
    const { terms } = this.request.query;
    const suspects = terms.map((_, t) => t).filter((t) => !heldItself(this.#evidence, t));
    if (!suspects.length) {
      this.#unlike = new Set();
      this.#unfinished = new Set();
      return this.results();
    }
    // Judged on every word's matches; the results stay as they were judged last until this judgement is done.
    const judging = this.#results(this.request.filters, new Set());
    const pages = judging.pages;
    const unlike = new Set<number>();
    const unfinished = new Set<number>();
    for (const t of suspects) {
      const term = terms[t] as string;
      const matched = pages.filter((p) => (p.ranked?.positions[t]?.length ?? 0) > 0).slice(0, PAGE_SIZE);
      const texts = await Promise.all(matched.map(async (p) => ({ data: await p.data(), positions: p.ranked?.positions[t] ?? [] })));
      const judged = texts.map(({ data, positions }) => matchesTypedWord(data, positions, term));
      if (judged.includes(false) && !judged.includes(true)) unlike.add(t);
      if (texts.some(({ data, positions }) => completesTypedWord(data, positions, term))) unfinished.add(t);
    }
    this.#unlike = unlike;
    this.#unfinished = unfinished;
    // With no word set aside, the results are the ones just ranked.
    return unlike.size ? this.results() : judging;
  }

  /**
   * The query to suggest instead, with the words no page holds spelt as pages
   * do (spelling.ts), whether the search found nothing or found pages only by
   * a shorter word starting the one typed ("light" for "lighthuose"); not for
   * a word that a matched word goes on from, which is being typed still.
   */
  async spellingSuggestion(): Promise<string | undefined> {
    if (!this.words) return undefined;
    const held = (t: number) => this.#unfinished.has(t) || (!this.#unlike.has(t) && heldItself(this.#evidence, t));
    const index = this.archive.index;
    return suggestSpelling(index.pf, { filters: inParts(this.parts) }, this.request.query, held, () => index.vocabulary());
  }

  /** The pages of the parts searched, by date: parts hold consecutive date ranges, newest first, so laid end to end they are in date order. */
  #byDate(): [number, string[]][] {
    const parts = this.parts.map((part): [number, string[]] => [part, [...this.archive.dated(part)]]);
    if (this.request.sort !== "oldest") return parts;
    return parts.reverse().map(([part, ids]) => [part, ids.reverse()]);
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

  /** How many pages of the parts searched each scored word finds on its own (`ParsedQuery.terms` order), as the ranking counts them. */
  termCounts(): number[] {
    return this.request.query.terms.map((_, t) => documentFrequency(this.#evidence, t));
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
    headline: data.meta.title,
    wordCount: data.word_count,
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
  const missing = (found.ranked?.missing ?? []).map((t) => typedTerm(query, t));
  return {
    id: found.id,
    url: data.url,
    href,
    title: data.meta.title ?? data.url,
    meta: data.meta,
    filters: data.filters,
    excerpt,
    missing,
  };
}

/** A scored word as the reader typed it, without the punctuation around it ("Talks," → "Talks"). */
function typedTerm(query: ParsedQuery, term: number): string {
  const text = query.terms[term] ?? "";
  const typed = query.words.find((w) => w.text === text)?.typed ?? text;
  return aroundOf(typed)[1] || text;
}
