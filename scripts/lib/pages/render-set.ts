/**
 * Which article and list pages a build renders. A production build renders
 * them all. The dev server renders them all on its first build; after that,
 * when only content changed, it renders just the pages whose data changed
 * since the last build it rendered: the pages it rendered before are still in
 * its output folder and still served. An edited headline thus re-renders the
 * article, the list pages and the neighbouring articles that show it, and
 * nothing else. Pages that are not paginated per article or list (front page,
 * feeds, index pages) are always rendered.
 */
import type { ListPage } from "../content/site-model.ts";
import type { Article, Site } from "../content/site-model.ts";

export interface RenderSet {
  articles: Article[];
  lists: ListPage[];
}

export function renderAll(site: Site): RenderSet {
  return { articles: site.articles, lists: site.listings.lists };
}

/** Structural equality of plain data (what the loader produces: objects, arrays, primitives). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  // Loops rather than key arrays and callbacks: every save in the dev server compares every article.
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  const aRecord = a as Record<string, unknown>;
  const bRecord = b as Record<string, unknown>;
  let keys = 0;
  for (const key in aRecord) {
    if (!Object.hasOwn(aRecord, key)) continue;
    if (!Object.hasOwn(bRecord, key) || !sameData(aRecord[key], bRecord[key])) return false;
    keys++;
  }
  for (const key in bRecord) if (Object.hasOwn(bRecord, key)) keys--;
  return keys === 0;
}

/** What every article and list page shows besides its own data: settings, navigation, the "Latest" rail, preview markers. */
function shared(site: Site): unknown {
  return { settings: site.settings, sections: site.sections, latest: site.latest, preview: site.preview };
}

function changedArticles(previous: readonly Article[], next: readonly Article[]): Article[] {
  const before = new Map(previous.map((a) => [a.url, a]));
  return next.filter((a) => !sameData(before.get(a.url), a));
}

/** A list without its items' contents: the items are site articles, compared once as articles. */
const listShape = (list: ListPage) => ({ ...list, items: list.items.map((item) => item.url) });

/** Article and list pages `previous` had and `next` has not (a deleted article, a tag no article has now): their files are stale. */
export function pagesGone(previous: Site | undefined, next: Site | undefined): string[] {
  if (!previous || !next) return [];
  const urls = (site: Site) => [...site.articles.map((a) => a.url), ...site.listings.lists.map((l) => l.url)];
  const kept = new Set(urls(next));
  return urls(previous).filter((url) => !kept.has(url));
}

/**
 * The pages of `next` to render when `previous` was rendered last. Everything
 * when there was no previous build or what all pages share changed.
 */
export function changedPages(previous: Site | undefined, next: Site): RenderSet {
  if (!previous || !sameData(shared(previous), shared(next))) return renderAll(next);
  const articles = changedArticles(previous.articles, next.articles);
  const changedUrls = new Set(articles.map((a) => a.url));
  const before = new Map(previous.listings.lists.map((list) => [list.url, list]));
  // Items are compared by URL against the changed articles: comparing every list's items in full repeats each article's comparison in all its lists.
  const lists = next.listings.lists.filter((list) => {
    const old = before.get(list.url);
    return !old || list.items.some((item) => changedUrls.has(item.url)) || !sameData(listShape(old), listShape(list));
  });
  return { articles, lists };
}
