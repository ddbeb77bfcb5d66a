/**
 * The search page: Pagefind's JS API with the site's own markup. Results
 * follow typing (debounced); query, filters and sort live in the URL, so a
 * search can be shared and reloaded, and Back steps through committed searches.
 * A large site's index is in parts (search/index-parts.ts): searches cover the parts
 * opened so far, part 1 at first, and the reader opens older ones from the
 * end of the results. Filter values load only when their counts are shown.
 */
import { FILTER_KEYS, type FilterKey, type SearchVocabulary } from "./search/filter-vocabulary.ts";
import { setUpOfflineSave } from "./offline/offline-save.ts";
import type { FilterCounts, Pagefind, PagefindSearch, PagefindSearchOptions } from "./search/pagefind-types.ts";
import { PAGE_OPTIONS, PAGE_SIZE, PARTS_URL, PartedIndex, searchPage, type SearchPartsFile } from "./search/index-parts.ts";
import { emptyFilters, hasFilters, pagefindFilters, stateFromUrl, urlForState, type SearchState } from "./search/search-state.ts";
import { actionButton, filterChips, filterGroups, paragraph, resultItem, suggestionRow } from "./search/search-view.ts";
import { articlesInParts, describeResults, formatDay, plural, searchedSinceDay } from "./search/search-wording.ts";

const DEBOUNCE_MS = 200;
const SEARCH_PATH = "/search/";
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

let index: Promise<PartedIndex> | undefined;
function openIndex(): Promise<PartedIndex> {
  index ??= Promise.all([
    import(PAGEFIND_URL) as Promise<Pagefind>,
    fetch(PARTS_URL).then(async (r) => (await r.json()) as SearchPartsFile),
  ]).then(([pf, file]) => PartedIndex.open(pf, file, { instance: PAGE_OPTIONS }));
  return index;
}

let state: SearchState = stateFromUrl(new URL(location.href), vocabulary);
let results: PagefindSearch["results"] = [];
let shown = 0;
/** False while older parts of the index are still unopened: the button then offers them. */
let searchedAll = true;
/** Whether the filter lists show counts for the current search (they are built only when seen). */
let countsShown = false;
let generation = 0;
const expanded = new Set<FilterKey>();
let focusAfterExpand: { key: FilterKey; index: number } | undefined;
/** Typing adds one history entry, then edits it; a commit (submit, filter, sort) starts a new one. */
let typingEntry = false;

function setUrl(mode: "typing" | "commit"): void {
  const url = urlForState(state, SEARCH_PATH);
  if (url === location.pathname + location.search) return;
  if (mode === "typing" && typingEntry) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  typingEntry = mode === "typing";
}

/** Counts for each filter: for a filter in use, counted without it, so its other values show what they would add. */
async function filterCounts(
  idx: PartedIndex,
  main: PagefindSearch,
  query: string | null,
): Promise<Record<FilterKey, Record<string, number>>> {
  const counts = {} as Record<FilterKey, Record<string, number>>;
  await Promise.all(
    FILTER_KEYS.map(async (key) => {
      if (!state.filters[key].length) {
        counts[key] = main.filters[key] ?? {};
        return;
      }
      const without = await idx.search(query, { filters: pagefindFilters(state, vocabulary, key) });
      counts[key] = without.filters[key] ?? {};
    }),
  );
  return counts;
}

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
  sortLabel.hidden = !state.q.trim();
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

const byKey = (counts: FilterCounts) =>
  Object.fromEntries(FILTER_KEYS.map((k) => [k, counts[k] ?? {}])) as Record<FilterKey, Record<string, number>>;

/**
 * Something useful to do next: browse, drop filters, check spelling, try
 * single words. While older parts are unsearched, searching them is the next
 * step (the button at the end of the results), so nothing else is offered.
 */
async function suggestions(idx: PartedIndex, found: number, query: string): Promise<Node[]> {
  const empty = !query && !hasFilters(state);
  if (!empty && (found > 0 || !idx.complete)) return [];
  const totals = await idx.filters();
  const nodes: Node[] = [];
  if (empty) {
    const articles = idx.complete ? Object.values(totals.section ?? {}).reduce((n, c) => n + c, 0) : articlesInParts(idx.file.info);
    nodes.push(
      paragraph(
        `Search ${articles === undefined ? "every article" : plural(articles, "article", "articles")} by headline, summary or text, or start from a section or tag.`,
      ),
    );
  } else {
    if (hasFilters(state)) {
      const unfiltered = query ? (await idx.search(query)).results.length : 0;
      const p = paragraph(
        unfiltered ? `${plural(unfiltered, "article matches", "articles match")} without the filters. ` : "Fewer filters may find more. ",
      );
      p.append(actionButton("Remove all filters", "clear-filters"));
      nodes.push(p);
    }
    if (query) nodes.push(paragraph("Check the spelling, or try fewer or more general words."));
    const words = query.split(/\s+/).filter(Boolean);
    if (words.length > 1)
      nodes.push(
        suggestionRow(
          "Try one word:",
          words.map((w) => ({ text: w, query: w })),
        ),
      );
  }
  // Counts from the newest part alone would understate the site: names only until every part is open.
  nodes.push(suggestionRow("Sections:", topValues(totals, "section", 12, idx.complete)));
  const tags = topValues(totals, "tag", 10, idx.complete);
  if (tags.length) nodes.push(suggestionRow("Popular tags:", tags));
  return nodes;
}

function showSuggestions(nodes: Node[]): void {
  suggest.replaceChildren(...nodes);
  suggest.hidden = nodes.length === 0;
}

async function resultItems(from: PagefindSearch["results"], start: number): Promise<HTMLLIElement[]> {
  return (await Promise.all(from.slice(start, start + PAGE_SIZE).map((r) => r.data()))).map(resultItem);
}

/** The button under the results: the next page of them, or else older articles while parts of the index are unsearched. */
function showing(count: number): void {
  shown = count;
  const moreResults = shown < results.length;
  more.hidden = !moreResults && searchedAll;
  more.textContent = moreResults ? "Load more results" : "Search older articles";
}

/** "Load more": the next page, with focus on its first result so keyboard users carry on from there. */
async function showMore(): Promise<void> {
  if (shown >= results.length) return searchOlder();
  const items = await resultItems(results, shown);
  list.append(...items);
  showing(shown + items.length);
  items[0]?.querySelector("a")?.focus();
}

const searchOptions = (query: string): PagefindSearchOptions => ({
  filters: pagefindFilters(state, vocabulary),
  ...(state.sort === "date" || !query ? { sort: { date: "desc" as const } } : {}),
});
const countsWanted = () => filtersBox.open || hasFilters(state);

let olderSearch: Promise<void> | undefined;
function searchOlder(): Promise<void> {
  olderSearch ??= openOlderParts().finally(() => (olderSearch = undefined));
  return olderSearch;
}

/**
 * Opens older parts one at a time until one adds results or none is left.
 * Parts are searched newest first, each on its own, so the new results follow
 * those shown. Only when the older part holds a word that no part searched
 * before did (which then no longer counts as unknown) does the list start over.
 */
async function openOlderParts(): Promise<void> {
  const mine = generation;
  const query = state.q.trim();
  const idx = await openIndex();
  let found: PagefindSearch;
  do {
    await idx.openNext();
    found = await idx.search(query || null, searchOptions(query));
  } while (found.results.length <= results.length && !idx.complete && mine === generation);
  const counts = idx.filtersLoaded ? await filterCounts(idx, found, query || null) : undefined;
  const kept = results.every((r, i) => found.results[i]?.id === r.id);
  const items = await resultItems(found.results, kept ? shown : 0);
  const nodes = await suggestions(idx, found.results.length, query);
  if (mine !== generation) return;
  results = found.results;
  searchedAll = idx.complete;
  if (kept) list.append(...items);
  else list.replaceChildren(...items);
  showing((kept ? shown : 0) + items.length);
  renderFilters(counts);
  say(describe(idx, query, results.length));
  showSuggestions(nodes);
  const next = items[0] ?? list.lastElementChild;
  if (next) next.querySelector("a")?.focus();
  else input.focus();
}

/** Counts for the filter lists when the reader opens them, loading filter values the first time. */
async function showCounts(): Promise<void> {
  const mine = generation;
  const query = state.q.trim();
  const idx = await openIndex();
  if (mine !== generation) return;
  const totals = await idx.filters();
  const counts =
    !query && !hasFilters(state)
      ? byKey(totals)
      : await filterCounts(idx, await idx.search(query || null, searchOptions(query)), query || null);
  if (mine === generation) renderFilters(counts);
}

function describe(idx: PartedIndex, query: string, total: number): string {
  const day = idx.complete ? undefined : searchedSinceDay(idx.file.info, idx.opened);
  return describeResults({
    query,
    total,
    filtered: hasFilters(state),
    newestFirst: state.sort === "date" || !query,
    ...(idx.complete ? {} : { searched: { since: day && formatDay(day, document.documentElement.lang || "en") } }),
  });
}

async function run(): Promise<void> {
  const mine = ++generation;
  const query = state.q.trim();
  const idx = await openIndex();
  if (mine !== generation) return;
  if (!query && !hasFilters(state)) {
    const totals = await idx.filters();
    const nodes = await suggestions(idx, 0, "");
    if (mine !== generation) return;
    results = [];
    searchedAll = true;
    list.replaceChildren();
    showing(0);
    renderFilters(byKey(totals));
    say("Type to search all articles.");
    showSuggestions(nodes);
    return;
  }
  const { found, page } = await searchPage(idx, query || null, searchOptions(query), { counts: countsWanted() });
  const counts = idx.filtersLoaded ? await filterCounts(idx, found, query || null) : undefined;
  const nodes = await suggestions(idx, found.results.length, query);
  if (mine !== generation) return;
  // Built before anything changes, so the list never flashes empty while typing.
  results = found.results;
  searchedAll = idx.complete;
  list.replaceChildren(...page.map(resultItem));
  showing(page.length);
  renderFilters(counts);
  say(describe(idx, query, results.length));
  showSuggestions(nodes);
}

function say(message: string): void {
  if (status.textContent !== message) status.textContent = message;
}

let timer: ReturnType<typeof setTimeout> | undefined;
function schedule(delay: number): void {
  clearTimeout(timer);
  timer = setTimeout(() => {
    run().catch(fail);
  }, delay);
}

function fail(error: unknown): void {
  say("Search could not start. Check your connection and reload the page to try again.");
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
  const button = event.target instanceof Element ? event.target.closest<HTMLButtonElement>("button") : null;
  if (!button) return;
  const { more: moreKey, remove, apply, id, query, action } = button.dataset;
  if (isFilterKey(moreKey)) {
    expanded.add(moreKey);
    // The button goes away; focus moves on to the first value it revealed.
    focusAfterExpand = { key: moreKey, index: groups.querySelectorAll(`input[name="${moreKey}"]`).length };
    schedule(0);
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
filtersBox.addEventListener("toggle", () => {
  if (filtersBox.open && !countsShown) showCounts().catch(fail);
});
more.addEventListener("click", () => {
  showMore().catch(fail);
});
addEventListener("popstate", () => {
  state = stateFromUrl(new URL(location.href), vocabulary);
  input.value = state.q;
  typingEntry = false;
  schedule(0);
});

// The first search starts after the first paint: the page shows before the index loads.
requestAnimationFrame(() => schedule(0));
setUpOfflineSave();
