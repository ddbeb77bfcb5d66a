/**
 * The search page: Pagefind's JS API with the site's own markup. The query
 * lives in the URL so searches can be shared, bookmarked and reloaded.
 */
interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[]>;
}
interface PagefindResult {
  id: string;
  data(): Promise<PagefindResultData>;
}
interface PagefindSearch {
  results: PagefindResult[];
  unfilteredResultCount: number;
}
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  debouncedSearch(query: string, options?: Record<string, unknown>, debounceMs?: number): Promise<PagefindSearch | null>;
}

const PAGE_SIZE = 10;
// A variable keeps bundlers from resolving the runtime Pagefind writes after the build.
const PAGEFIND_URL = "/pagefind/pagefind.js";

const form = document.querySelector<HTMLFormElement>("[data-search-form]");
const input = form?.querySelector<HTMLInputElement>("input[name=q]");
const status = document.querySelector<HTMLElement>("[data-search-status]");
const list = document.querySelector<HTMLOListElement>("[data-search-results]");

let pagefind: Promise<Pagefind> | undefined;
function loadPagefind(): Promise<Pagefind> {
  pagefind ??= (import(PAGEFIND_URL) as Promise<Pagefind>).then(async (pf) => {
    await pf.options({ excerptLength: 30 });
    await pf.init();
    return pf;
  });
  return pagefind;
}

function say(message: string): void {
  if (status) status.textContent = message;
}

function resultItem(data: PagefindResultData): HTMLLIElement {
  const item = document.createElement("li");
  item.className = "search-result";
  const heading = document.createElement("h2");
  heading.className = "search-result__title";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title ?? data.url;
  heading.append(link);
  const meta = document.createElement("p");
  meta.className = "search-result__meta";
  meta.textContent = [data.filters.section?.[0], data.meta.date].filter(Boolean).join(" · ");
  const excerpt = document.createElement("p");
  excerpt.className = "search-result__excerpt";
  // Pagefind's excerpt is escaped text with <mark> around matches.
  excerpt.innerHTML = data.excerpt;
  item.append(heading, meta, excerpt);
  return item;
}

async function run(query: string): Promise<void> {
  if (!list) return;
  const trimmed = query.trim();
  if (!trimmed) {
    list.replaceChildren();
    say("Type a word or phrase to search all articles.");
    return;
  }
  say("Searching…");
  const pf = await loadPagefind();
  const search = await pf.debouncedSearch(trimmed, {}, 250);
  if (search === null) return;
  const data = await Promise.all(search.results.slice(0, PAGE_SIZE).map((r) => r.data()));
  list.replaceChildren(...data.map(resultItem));
  const n = search.results.length;
  say(n === 0 ? `No articles match “${trimmed}”. Try fewer or different words.` : `${n} ${n === 1 ? "article matches" : "articles match"} “${trimmed}”.`);
}

function syncUrl(query: string): void {
  const url = new URL(location.href);
  if (query) url.searchParams.set("q", query);
  else url.searchParams.delete("q");
  history.replaceState(null, "", url);
}

if (form && input) {
  const initial = new URL(location.href).searchParams.get("q") ?? "";
  input.value = initial;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    syncUrl(input.value.trim());
    void run(input.value);
  });
  input.addEventListener("input", () => {
    syncUrl(input.value.trim());
    void run(input.value);
  });
  run(initial).catch((error: unknown) => {
    say("Search could not start. Reload the page to try again.");
    console.error(error);
  });
}
