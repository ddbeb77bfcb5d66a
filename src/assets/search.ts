/**
 * The search page: Pagefind's runtime with the site's own ranking
 * (search/archive-search.ts) and markup. Results follow typing (debounced);
 * query, filters and sort live in the URL, so a search can be shared and
 * reloaded, and Back steps through committed searches.
 *
 * Every search covers the whole archive. A large site's index is in parts: the
 * first results may come from the newest part alone, and older parts are
 * opened and merged in as they arrive. Results the reader has had in view keep
 * their places; better ones from older parts slot in below them. The status
 * says what is being searched until every part is in, then gives the count.
 *
 * Leaving for a result and coming Back shows the same results, as many as
 * "Load more" had shown, at the same scroll position (kept in history.state).
 */
import { FILTER_KEYS, type FilterKey, type SearchVocabulary } from "./search/filter-vocabulary.ts";
import { setUpOfflineSave } from "./offline/offline-save.ts";
import {
  Archive,
  ArchiveSearch,
  mergeOrder,
  searchArchive,
  viewResult,
  type FoundPage,
  type SearchRequest,
} from "./search/archive-search.ts";
import { INDEX_OPTIONS, PAGE_SIZE } from "./search/index-format.ts";
import { PARTS_URL, PartedIndex, type SearchPartsFile } from "./search/index-parts.ts";
import type { FilterCounts, Pagefind } from "./search/pagefind-types.ts";
import { parseQuery, type ParsedQuery } from "./search/query.ts";
import { emptyFilters, hasFilters, stateFromUrl, urlForState, valueFilters, type SearchState } from "./search/search-state.ts";
import { actionButton, filterChips, filterGroups, paragraph, resultItem, suggestionRow, unseen } from "./search/search-view.ts";
import { describeResults, plural, searchingStatus, spellingAside } from "./search/search-wording.ts";
import { yieldToMain } from "./search/yield-to-main.ts";

const DEBOUNCE_MS = 200;
const SEARCH_PATH = "/search/";
/** Words in a result's excerpt. */
const EXCERPT_WORDS = 30;
/**
 * How long a first search waits for older parts when the newest part holds
 * less than a page of results: results shown later would push what is below
 * them (the "Load more" button, the footer) while the reader looks.
 */
const FIRST_RESULTS_WAIT_MS = 1500;
// A variable keeps esbuild from resolving the runtime Pagefind writes after the build.
const PAGEFIND_URL = "/pagefind/pagefind.js";

const $ = <T extends Element>(selector: string): T => {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`search page markup is missing ${selector}`);
  return found;
};
const form = $<HTMLFormElement>("[data-search-form]");
const input = $<HTMLInputElement>("#search-query");
const app = $<HTMLElement>("[data-search-app]");
const status = $<HTMLElement>("[data-search-status]");
const filtersBox = $<HTMLDetailsElement>("[data-search-filters]");
const filtersCount = $<HTMLElement>("[data-filters-count]");
const groups = $<HTMLElement>("[data-filter-groups]");
const sortSelect = $<HTMLSelectElement>("[data-search-sort]");
const sortLabel = $<HTMLLabelElement>(".search-sort");
const chips = $<HTMLUListElement>("[data-search-active]");
const list = $<HTMLOListElement>("[data-search-results]");
const suggest = $<HTMLElement>("[data-search-suggest]");
const more = $<HTMLButtonElement>("[data-search-more]");
const vocabulary = JSON.parse($("#search-vocabulary").textContent ?? "{}") as SearchVocabulary;

const readParts = async (init?: RequestInit) => (await (await fetch(PARTS_URL, init)).json()) as SearchPartsFile;

/** In the dev server, whose index is built after the pages: the parts list once the first index is in (the page says to wait). */
async function builtParts(): Promise<SearchPartsFile> {
  for (;;) {
    const file = await readParts({ cache: "no-store" });
    if (!file.building) return file;
    say("The search index is being built. Results will appear in a moment.");
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

let opening: Promise<Archive> | undefined;
function openArchive(): Promise<Archive> {
  opening ??= (async () => {
    const runtime = () => import(PAGEFIND_URL) as Promise<Pagefind>;
    let pf: Pagefind;
    let file: SearchPartsFile;
    // A built site has its index, so both load at once; the dev server's runtime is asked for once its index exists.
    if (app.dataset.devServer === undefined) [pf, file] = await Promise.all([runtime(), readParts()]);
    else {
      file = await builtParts();
      pf = await runtime();
    }
    // Evaluating Pagefind's script and starting it are two tasks, not one long one.
    await yieldToMain();
    return new Archive(await PartedIndex.open(pf, file, { instance: INDEX_OPTIONS }));
  })();
  return opening;
}

/** What Back restores: the results shown, in their order, and where the page was scrolled. */
interface Remembered {
  url: string;
  order: string[];
  scrollY: number;
}

/** The search whose results are on the page. */
interface Showing {
  search: ArchiveSearch;
  query: ParsedQuery;
  /** Every result, in the order shown and to be shown. */
  order: string[];
  pages: Map<string, FoundPage>;
  weights: number[];
  complete: boolean;
}

let state: SearchState = stateFromUrl(new URL(location.href), vocabulary);
let showing: Showing | undefined;
/** Results the reader has had in view: they keep their places as older parts come in. */
const seen = new Set<string>();
/** Whether the filter lists show counts for the current search (they are built only when seen). */
let countsShown = false;
let generation = 0;
/** The offline box sits below the results: it appears once every part is searched, so results arriving never push it. */
let offlineBox: Promise<void> | undefined;
function showOfflineBox(): Promise<void> {
  offlineBox ??= setUpOfflineSave();
  return offlineBox;
}
const expanded = new Set<FilterKey>();
let focusAfterExpand: { key: FilterKey; index: number } | undefined;
/** Typing adds one history entry, then edits it; a commit (submit, filter, sort) starts a new one. */
let typingEntry = false;

const inView = new IntersectionObserver((entries) => {
  for (const entry of entries)
    if (entry.isIntersecting && entry.target instanceof HTMLElement && entry.target.dataset.id) seen.add(entry.target.dataset.id);
});

function setUrl(mode: "typing" | "commit"): void {
  const url = urlForState(state, SEARCH_PATH);
  if (url === location.pathname + location.search) return;
  if (mode === "typing" && typingEntry) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  typingEntry = mode === "typing";
}

const shownIds = (): string[] => [...list.children].flatMap((li) => (li instanceof HTMLElement && li.dataset.id ? [li.dataset.id] : []));

/** Keeps what Back needs in this history entry. */
function remember(): void {
  if (!showing?.complete) return;
  const remembered: Remembered = { url: location.pathname + location.search, order: shownIds(), scrollY: Math.round(scrollY) };
  history.replaceState({ ...(history.state as object | null), search: remembered }, "");
}

function remembered(): Remembered | undefined {
  const saved = (history.state as { search?: Remembered } | null)?.search;
  return saved?.url === location.pathname + location.search ? saved : undefined;
}

const request = (query: ParsedQuery): SearchRequest => ({
  query,
  filters: valueFilters(state, vocabulary),
  sort: state.sort === "date" || !query.words.length ? "newest" : "relevance",
});
// Counts are shown in the filters panel only, so they are worked out only while it is open.
const countsWanted = () => filtersBox.open;
const byKey = (counts: FilterCounts) =>
  Object.fromEntries(FILTER_KEYS.map((k) => [k, counts[k] ?? {}])) as Record<FilterKey, Record<string, number>>;

/** The filter lists with counts; undefined while the panel is closed and its values not loaded. */
function renderFilters(counts: Record<FilterKey, Record<string, number>> | undefined): void {
  countsShown = counts !== undefined;
  if (counts) renderGroups(counts);
  else if (!groups.hasChildNodes()) groups.replaceChildren(paragraph("Loading filters…"));
  const active = FILTER_KEYS.reduce((n, k) => n + state.filters[k].length, 0);
  filtersCount.textContent = active ? ` (${active})` : "";
  chips.replaceChildren(...filterChips(vocabulary, state.filters));
  chips.hidden = active === 0;
  sortSelect.value = state.sort;
  // Without words there is nothing to rank: results are always newest first.
  sortLabel.hidden = !parseQuery(state.q).words.length;
}

function renderGroups(counts: Record<FilterKey, Record<string, number>>): void {
  // Rebuilt on every search; focus returns to the same control if it had it.
  const focused = document.activeElement;
  const focusKey = focused instanceof HTMLInputElement && groups.contains(focused) ? `${focused.name}=${focused.value}` : undefined;
  groups.replaceChildren(...filterGroups({ vocabulary, selected: state.filters, counts, expanded }));
  if (focusKey)
    groups
      .querySelector<HTMLInputElement>(
        `input[name="${focusKey.split("=")[0]}"][value="${CSS.escape(focusKey.slice(focusKey.indexOf("=") + 1))}"]`,
      )
      ?.focus();
  if (focusAfterExpand) {
    groups.querySelectorAll<HTMLInputElement>(`input[name="${focusAfterExpand.key}"]`)[focusAfterExpand.index]?.focus();
    focusAfterExpand = undefined;
  }
}

function topValues(totals: FilterCounts, key: FilterKey, n: number, withCounts: boolean): { text: string; apply: [FilterKey, string] }[] {
  const counts = totals[key] ?? {};
  return vocabulary[key]
    .filter((t) => (counts[t.name] ?? 0) > 0)
    .sort((a, b) => (key === "section" ? 0 : (counts[b.name] ?? 0) - (counts[a.name] ?? 0)))
    .slice(0, n)
    .map((t) => ({ text: withCounts ? `${t.name} (${counts[t.name] ?? 0})` : t.name, apply: [key, t.id] }));
}

/**
 * Spelt as the archive spells it: a word no page holds, replaced by the nearest one some page does.
 * It reads more of the index, which offline may not be saved: without it the page suggests the rest.
 */
async function spelling(search: ArchiveSearch, query: ParsedQuery): Promise<string | undefined> {
  return query.words.length ? search.spellingSuggestion().catch(() => undefined) : undefined;
}

const spellingRow = (spelt: string | undefined): Node[] => (spelt ? [suggestionRow("Did you mean:", [{ text: spelt, query: spelt }])] : []);

/** Each word that finds articles alone, as a button: a word that finds none (a typo, "Did you mean" above) is no way on. */
function oneWordRow(query: ParsedQuery, search: ArchiveSearch | undefined): Node[] {
  const counts = search?.termCounts() ?? [];
  const alone = query.terms.flatMap((term, t) => ((counts[t] ?? 0) > 0 ? [{ text: `${term} (${counts[t]})`, query: term }] : []));
  return query.terms.length > 1 && alone.length ? [suggestionRow("Try one word:", alone)] : [];
}

/**
 * Something useful to do next: browse, drop filters, check spelling (`spelt`), try single words. Below results
 * found, only the spelling, and single words when no result holds every word (`partial`): they come once every
 * part is searched, and above the results they would push them down.
 */
async function suggestions(
  archive: Archive,
  search: ArchiveSearch | undefined,
  found: number,
  { spelt, partial = false }: { spelt?: string | undefined; partial?: boolean } = {},
): Promise<Node[]> {
  const query = parseQuery(state.q);
  const empty = !query.words.length && !hasFilters(state);
  if (!empty && found > 0) return [...spellingRow(spelt), ...(partial ? oneWordRow(query, search) : [])];
  const { index } = archive;
  const totals = await index.filters();
  const nodes: Node[] = [];
  if (empty) {
    nodes.push(
      paragraph(`Search ${plural(index.pages, "article", "articles")} by headline, summary or text, or start from a section or tag.`),
    );
  } else {
    if (hasFilters(state) && search) {
      const unfiltered = query.words.length ? search.unfilteredCount() : 0;
      const p = paragraph(
        unfiltered ? `${plural(unfiltered, "article matches", "articles match")} without the filters. ` : "Fewer filters may find more. ",
      );
      p.append(actionButton("Remove all filters", "clear-filters"));
      nodes.push(p);
    }
    nodes.push(...spellingRow(spelt));
    if (query.words.length) nodes.push(paragraph("Check the spelling, or try fewer or more general words."));
    nodes.push(...oneWordRow(query, search));
  }
  // Counts from the newest parts alone would understate the site: names only until every part is open.
  nodes.push(suggestionRow("Sections:", topValues(totals, "section", 12, index.complete)));
  const tags = topValues(totals, "tag", 10, index.complete);
  if (tags.length) nodes.push(suggestionRow("Popular tags:", tags));
  return nodes;
}

function showSuggestions(nodes: Node[]): void {
  suggest.replaceChildren(...nodes);
  suggest.hidden = nodes.length === 0;
}

async function items(from: Showing, ids: readonly string[]): Promise<HTMLLIElement[]> {
  const views = await Promise.all(
    ids.flatMap((id) => {
      const page = from.pages.get(id);
      return page ? [viewResult(page, from.query, from.weights, EXCERPT_WORDS)] : [];
    }),
  );
  return views.map(resultItem);
}

function observe(nodes: readonly Element[]): void {
  for (const node of nodes) inView.observe(node);
}

/** The button under the results: shown while more results are ranked than shown. */
function updateMore(): void {
  more.hidden = !showing || list.children.length >= showing.order.length;
}

/** The results of the parts searched so far, merged into those shown: results seen keep their places. */
async function merge(mine: number, next: Showing, firstRender: boolean): Promise<void> {
  // A new search replaces the list; results of the same search that are in view now count as seen even if the observer has not said so yet.
  const current = firstRender ? [] : shownIds();
  if (firstRender) seen.clear();
  else
    for (const li of list.children) {
      const box = li.getBoundingClientRect();
      if (box.bottom > 0 && box.top < innerHeight && li instanceof HTMLElement && li.dataset.id) seen.add(li.dataset.id);
    }
  const lastSeen = current.reduce((last, id, i) => (seen.has(id) ? i : last), -1);
  const kept = current.slice(0, lastSeen + 1);
  next.order = mergeOrder(kept, next.order);
  const count = Math.min(next.order.length, Math.max(current.length, PAGE_SIZE));
  const wanted = next.order.slice(0, count);
  // Only results not yet seen are replaced: those below the last one seen.
  const from = wanted.findIndex((id, i) => i >= kept.length && id !== current[i]);
  const changed = from < 0 ? [] : wanted.slice(from);
  const fresh = await items(next, changed);
  if (mine !== generation) return;
  showing = next;
  if (from >= 0) {
    for (const li of [...list.children].slice(from)) li.remove();
    list.append(...fresh);
    observe(fresh);
  } else for (const li of [...list.children].slice(count)) li.remove();
  updateMore();
}

/** "Load more": the next page, with focus on its first result so keyboard users carry on from there. */
async function showMore(): Promise<void> {
  if (!showing) return;
  const mine = generation;
  const start = list.children.length;
  const added = await items(showing, showing.order.slice(start, start + PAGE_SIZE));
  if (mine !== generation) return;
  list.append(...added);
  observe(added);
  updateMore();
  added[0]?.querySelector("a")?.focus();
  remember();
}

/** Sets the status line; `aside` is announced with it and not shown. */
function say(message: string, aside?: string): void {
  if (status.textContent === (aside ? `${message} ${aside}` : message)) return;
  status.replaceChildren(message, ...(aside ? [" ", unseen(aside)] : []));
}

/** Counts for the filter lists when the reader opens them, loading filter values the first time. */
async function showCounts(): Promise<void> {
  const mine = generation;
  const archive = await openArchive();
  await archive.loadFilters();
  if (mine !== generation) return;
  if (showing) renderFilters(byKey(showing.search.filterCounts()));
  else {
    await archive.index.openAll();
    const totals = await archive.index.filters();
    if (mine === generation) renderFilters(byKey(totals));
  }
}

async function run(): Promise<void> {
  const mine = ++generation;
  const query = parseQuery(state.q);
  const archive = await openArchive();
  if (mine !== generation) return;
  const { index } = archive;
  if (!query.words.length && !hasFilters(state)) {
    const nodes = await suggestions(archive, undefined, 0);
    const totals = filtersBox.open ? byKey(await index.filters()) : undefined;
    if (mine !== generation) return;
    showing = undefined;
    list.replaceChildren();
    updateMore();
    renderFilters(totals);
    say("Type to search all articles.");
    showSuggestions(nodes);
    void showOfflineBox();
    return;
  }
  const back = remembered();
  if (countsWanted()) await archive.loadFilters();
  const search = new ArchiveSearch(archive, request(query));
  if (!index.complete) say(searchingStatus(index.pages));
  const stale = () => mine !== generation;
  let latest: Showing | undefined;
  let rendered = false;
  let chain = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** Shows the latest results: the first page once it is worth showing (or `now`), then merges; one step at a time. */
  const update = (now: boolean): Promise<void> =>
    (chain = chain.then(async () => {
      // Ranking (in the caller's task) and drawing the results are separate tasks.
      await yieldToMain();
      const next = latest;
      if (stale() || !next) return;
      if (!rendered) {
        // Coming Back, the results are shown as they were, which needs every part.
        const ready = back ? next.complete : now || next.complete || next.order.length >= PAGE_SIZE;
        if (!ready) return;
        clearTimeout(timer);
        if (back) await restore(mine, next);
        else await merge(mine, next, true);
        if (stale()) return;
        rendered = true;
        showSuggestions([]);
      } else await merge(mine, next, false);
      if (stale() || !next.complete) return;
      await yieldToMain();
      if (!stale()) await finish(mine, archive, next, back?.scrollY);
    }));

  await searchArchive(
    search,
    async () => {
      const { pages, weights } = await search.ordered();
      if (stale()) return;
      latest = {
        search,
        query,
        order: pages.map((p) => p.id),
        pages: new Map(pages.map((p) => [p.id, p])),
        weights,
        complete: index.complete && search.parts.length === index.partCount,
      };
      // Older parts may be slow to come: the newest part's results are shown after a while whatever their number.
      if (!rendered && !back && timer === undefined) timer = setTimeout(() => update(true).catch(fail), FIRST_RESULTS_WAIT_MS);
      await update(false);
    },
    stale,
  );
  clearTimeout(timer);
}

/** Coming Back to a search: the results shown before, in their order and number. */
async function restore(mine: number, next: Showing): Promise<void> {
  const back = remembered();
  if (!back) return merge(mine, next, true);
  next.order = mergeOrder(
    back.order.filter((id) => next.pages.has(id)),
    next.order,
  );
  const restored = await items(next, next.order.slice(0, Math.max(back.order.length, PAGE_SIZE)));
  if (mine !== generation) return;
  seen.clear();
  showing = next;
  list.replaceChildren(...restored);
  observe(restored);
  updateMore();
}

/** Once every part is in: the count, filter counts, suggestions and the offline box; coming Back, the scroll position. */
async function finish(mine: number, archive: Archive, done: Showing, scroll: number | undefined): Promise<void> {
  const counts = countsWanted() ? byKey(done.search.filterCounts()) : undefined;
  const spelt = await spelling(done.search, done.query);
  const partial = [...done.pages.values()].some((p) => (p.ranked?.missing.length ?? 0) > 0);
  const nodes = await suggestions(archive, done.search, done.order.length, { spelt, partial });
  if (mine !== generation) return;
  renderFilters(counts);
  say(
    describeResults({
      query: done.query.text,
      total: done.order.length,
      filtered: hasFilters(state),
      newestFirst: done.search.request.sort !== "relevance",
      partial,
    }),
    spelt && spellingAside(spelt, done.order.length),
  );
  showSuggestions(nodes);
  await showOfflineBox();
  // The page is as long as it was once everything below the results is in again.
  if (scroll !== undefined && mine === generation) scrollTo(0, scroll);
  remember();
}

let timer: ReturnType<typeof setTimeout> | undefined;
function schedule(delay: number): void {
  clearTimeout(timer);
  timer = setTimeout(() => {
    run().catch(fail);
  }, delay);
}

function fail(error: unknown): void {
  say(
    showing
      ? "Older articles could not be searched. Check your connection and reload the page to try again."
      : "Search could not start. Check your connection and reload the page to try again.",
  );
  console.error(error);
}

function toggleFilter(key: FilterKey, id: string, on: boolean): void {
  const current = state.filters[key].filter((x) => x !== id);
  state = { ...state, filters: { ...state.filters, [key]: on ? [...current, id] : current } };
  setUrl("commit");
  schedule(0);
}

function isFilterKey(value: string | undefined): value is FilterKey {
  return (FILTER_KEYS as readonly string[]).includes(value ?? "");
}

app.hidden = false;
input.value = state.q;
// The page puts the reader back where they were itself, once the results are in.
history.scrollRestoration = "manual";

input.addEventListener("input", () => {
  state = { ...state, q: input.value };
  setUrl("typing");
  schedule(DEBOUNCE_MS);
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  state = { ...state, q: input.value };
  typingEntry = false;
  setUrl("commit");
  schedule(0);
});
sortSelect.addEventListener("change", () => {
  state = { ...state, sort: sortSelect.value === "date" ? "date" : "relevance" };
  setUrl("commit");
  schedule(0);
});
groups.addEventListener("change", (event) => {
  const box = event.target;
  if (box instanceof HTMLInputElement && isFilterKey(box.name)) toggleFilter(box.name, box.value, box.checked);
});
app.addEventListener("click", (event) => {
  const target = event.target instanceof Element ? event.target : null;
  // Leaving for a result: what Back needs is stored first.
  if (target?.closest(".search-result a")) remember();
  const button = target?.closest<HTMLButtonElement>("button");
  if (!button) return;
  const { more: moreKey, remove, apply, id, query, action } = button.dataset;
  if (isFilterKey(moreKey)) {
    expanded.add(moreKey);
    // The button goes away; focus moves on to the first value it revealed.
    focusAfterExpand = { key: moreKey, index: groups.querySelectorAll(`input[name="${moreKey}"]`).length };
    if (showing) renderFilters(byKey(showing.search.filterCounts()));
    else showCounts().catch(fail);
  } else if (isFilterKey(remove) && id) {
    toggleFilter(remove, id, false);
    input.focus();
  } else if (isFilterKey(apply) && id) {
    toggleFilter(apply, id, true);
    input.focus();
  } else if (query !== undefined) {
    state = { ...state, q: query };
    input.value = query;
    setUrl("commit");
    schedule(0);
    input.focus();
  } else if (action === "clear-filters") {
    state = { ...state, filters: emptyFilters() };
    setUrl("commit");
    schedule(0);
    input.focus();
  }
});
/** Below the two-column layout the filters sit above the results. */
const stacked = matchMedia("(max-width: 59.99rem)");
filtersBox.addEventListener("toggle", () => {
  if (!filtersBox.open) return;
  if (!countsShown) showCounts().catch(fail);
  // On a phone the open filters would push the results down: the page moves up to the filters, so the first result stays in view.
  if (stacked.matches && filtersBox.getBoundingClientRect().top > 0) filtersBox.scrollIntoView({ block: "start" });
});
more.addEventListener("click", () => {
  showMore().catch(fail);
});
let scrollTimer: ReturnType<typeof setTimeout> | undefined;
addEventListener("scroll", () => {
  clearTimeout(scrollTimer);
  scrollTimer = setTimeout(remember, 200);
});
addEventListener("pagehide", remember);
addEventListener("popstate", () => {
  state = stateFromUrl(new URL(location.href), vocabulary);
  input.value = state.q;
  typingEntry = false;
  schedule(0);
});

// The first search starts after the first paint: the page shows before the index loads.
requestAnimationFrame(() => schedule(0));
