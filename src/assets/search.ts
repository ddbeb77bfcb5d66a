/**
 * The search page: Pagefind's JS API with the site's own markup. Results
 * follow typing (debounced); query, filters and sort live in the URL, so a
 * search can be shared and reloaded, and Back steps through committed searches.
 */
import { FILTER_KEYS, type FilterKey, type SearchVocabulary } from "../../scripts/lib/search-vocabulary.ts";
import { setUpOfflineSave } from "./offline-save.ts";
import type { FilterCounts, Pagefind, PagefindSearch } from "./pagefind-types.ts";
import { PARTS_URL, openParts, searchAllParts, type SearchPartsFile } from "./search-parts.ts";
import { emptyFilters, hasFilters, pagefindFilters, stateFromUrl, urlForState, type SearchState } from "./search-state.ts";
import { actionButton, filterChips, filterGroups, paragraph, resultItem, suggestionRow } from "./search-view.ts";

const PAGE_SIZE = 10;
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

let pagefind: Promise<Pagefind> | undefined;
/** Index parts, 1 unless the site is large (see search-parts.ts). */
let partCount = 1;
function loadPagefind(): Promise<Pagefind> {
  pagefind ??= Promise.all([import(PAGEFIND_URL) as Promise<Pagefind>, fetch(PARTS_URL).then(async (r) => ((await r.json()) as SearchPartsFile).parts)]).then(async ([pf, older]) => {
    partCount = older.length + 1;
    await openParts(pf, older, { instance: { excerptLength: 30, highlightParam: "highlight" } });
    // Loads every filter's values now; results only count filters already loaded.
    await pf.filters();
    return pf;
  });
  return pagefind;
}

let state: SearchState = stateFromUrl(new URL(location.href), vocabulary);
let results: PagefindSearch["results"] = [];
let shown = 0;
let generation = 0;
const expanded = new Set<FilterKey>();
let focusAfterExpand: { key: FilterKey; index: number } | undefined;
/** Typing adds one history entry, then edits it; a commit (submit, filter, sort) starts a new one. */
let typingEntry = false;

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

function setUrl(mode: "typing" | "commit"): void {
  const url = urlForState(state, SEARCH_PATH);
  if (url === location.pathname + location.search) return;
  if (mode === "typing" && typingEntry) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  typingEntry = mode === "typing";
}

/** Counts for each filter: for a filter in use, counted without it, so its other values show what they would add. */
async function filterCounts(pf: Pagefind, main: PagefindSearch, query: string | null): Promise<Record<FilterKey, Record<string, number>>> {
  const counts = {} as Record<FilterKey, Record<string, number>>;
  await Promise.all(
    FILTER_KEYS.map(async (key) => {
      if (!state.filters[key].length) {
        counts[key] = main.filters[key] ?? {};
        return;
      }
      const without = await searchAllParts(pf, partCount, query, { filters: pagefindFilters(state, vocabulary, key) });
      counts[key] = without.filters[key] ?? {};
    }),
  );
  return counts;
}

function renderFilters(counts: Record<FilterKey, Record<string, number>>): void {
  // Rebuilt on every search; focus returns to the same control if it had it.
  const focused = document.activeElement;
  const focusKey = focused instanceof HTMLInputElement && groups.contains(focused) ? `${focused.name}=${focused.value}` : undefined;
  groups.replaceChildren(...filterGroups({ vocabulary, selected: state.filters, counts, expanded }));
  if (focusKey) groups.querySelector<HTMLInputElement>(`input[name="${focusKey.split("=")[0]}"][value="${CSS.escape(focusKey.slice(focusKey.indexOf("=") + 1))}"]`)?.focus();
  if (focusAfterExpand) {
    groups.querySelectorAll<HTMLInputElement>(`input[name="${focusAfterExpand.key}"]`)[focusAfterExpand.index]?.focus();
    focusAfterExpand = undefined;
  }
  const active = FILTER_KEYS.reduce((n, k) => n + state.filters[k].length, 0);
  filtersCount.textContent = active ? ` (${active})` : "";
  chips.replaceChildren(...filterChips(vocabulary, state.filters));
  chips.hidden = active === 0;
  sortSelect.value = state.sort;
  // Without words there is nothing to rank: results are always newest first.
  sortLabel.hidden = !state.q.trim();
}

function topValues(totals: FilterCounts, key: FilterKey, n: number): { text: string; apply: [FilterKey, string] }[] {
  const counts = totals[key] ?? {};
  return vocabulary[key]
    .filter((t) => (counts[t.name] ?? 0) > 0)
    .sort((a, b) => (key === "section" ? 0 : (counts[b.name] ?? 0) - (counts[a.name] ?? 0)))
    .slice(0, n)
    .map((t) => ({ text: `${t.name} (${counts[t.name] ?? 0})`, apply: [key, t.id] }));
}

/** Something useful to do next: browse, drop filters, check spelling, try single words. */
async function suggestions(pf: Pagefind, found: number, query: string): Promise<Node[]> {
  const totals = await pf.filters();
  const nodes: Node[] = [];
  if (!query && !hasFilters(state)) {
    const articles = Object.values(totals.section ?? {}).reduce((n, c) => n + c, 0);
    nodes.push(paragraph(`Search ${plural(articles, "article", "articles")} by headline, summary or text, or start from a section or tag.`));
  } else if (found === 0) {
    if (hasFilters(state)) {
      const unfiltered = query ? (await searchAllParts(pf, partCount, query)).results.length : 0;
      const p = paragraph(unfiltered ? `${plural(unfiltered, "article matches", "articles match")} without the filters. ` : "Fewer filters may find more. ");
      p.append(actionButton("Remove all filters", "clear-filters"));
      nodes.push(p);
    }
    if (query) nodes.push(paragraph("Check the spelling, or try fewer or more general words."));
    const words = query.split(/\s+/).filter(Boolean);
    if (words.length > 1) nodes.push(suggestionRow("Try one word:", words.map((w) => ({ text: w, query: w }))));
  }
  if (!query && !hasFilters(state) || found === 0) {
    nodes.push(suggestionRow("Sections:", topValues(totals, "section", 12)));
    const tags = topValues(totals, "tag", 10);
    if (tags.length) nodes.push(suggestionRow("Popular tags:", tags));
  }
  return nodes;
}

function showSuggestions(nodes: Node[]): void {
  suggest.replaceChildren(...nodes);
  suggest.hidden = nodes.length === 0;
}

async function resultItems(from: PagefindSearch["results"], start: number): Promise<HTMLLIElement[]> {
  return (await Promise.all(from.slice(start, start + PAGE_SIZE).map((r) => r.data()))).map(resultItem);
}

function showing(count: number): void {
  shown = count;
  more.hidden = shown >= results.length;
}

/** "Load more": the next page, with focus on its first result so keyboard users carry on from there. */
async function showMore(): Promise<void> {
  const items = await resultItems(results, shown);
  list.append(...items);
  showing(shown + items.length);
  items[0]?.querySelector("a")?.focus();
}

function describe(query: string, total: number): string {
  const what = query ? ` for “${query}”` : "";
  const filtered = hasFilters(state) ? " with the chosen filters" : "";
  if (total === 0) return `No articles found${what}${filtered}.`;
  const order = state.sort === "date" || !query ? ", newest first" : "";
  return `${plural(total, "article", "articles")} found${what}${filtered}${order}.`;
}

async function run(): Promise<void> {
  const mine = ++generation;
  const query = state.q.trim();
  const pf = await loadPagefind();
  if (mine !== generation) return;
  if (!query && !hasFilters(state)) {
    const totals = await pf.filters();
    const nodes = await suggestions(pf, 0, "");
    if (mine !== generation) return;
    results = [];
    list.replaceChildren();
    showing(0);
    renderFilters(Object.fromEntries(FILTER_KEYS.map((k) => [k, totals[k] ?? {}])) as Record<FilterKey, Record<string, number>>);
    say("Type to search all articles.");
    showSuggestions(nodes);
    return;
  }
  const options = { filters: pagefindFilters(state, vocabulary), ...(state.sort === "date" || !query ? { sort: { date: "desc" as const } } : {}) };
  const main = await searchAllParts(pf, partCount, query || null, options);
  const counts = await filterCounts(pf, main, query || null);
  if (mine !== generation) return;
  // Built before anything changes, so the list never flashes empty while typing.
  const [items, nodes] = await Promise.all([resultItems(main.results, 0), suggestions(pf, main.results.length, query)]);
  if (mine !== generation) return;
  results = main.results;
  list.replaceChildren(...items);
  showing(items.length);
  renderFilters(counts);
  say(describe(query, results.length));
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
// Wide screens have room for the filters beside the results.
filtersBox.open = matchMedia("(min-width: 60rem)").matches;

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
more.addEventListener("click", () => {
  showMore().catch(fail);
});
addEventListener("popstate", () => {
  state = stateFromUrl(new URL(location.href), vocabulary);
  input.value = state.q;
  typingEntry = false;
  schedule(0);
});

schedule(0);
setUpOfflineSave();
