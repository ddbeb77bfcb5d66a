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
import type { ListPage } from "./listings.ts";
import type { Article, Site } from "./site-model.ts";

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
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  const aRecord = a as Record<string, unknown>;
  const bRecord = b as Record<string, unknown>;
  return aKeys.every((key) => Object.hasOwn(bRecord, key) && sameData(aRecord[key], bRecord[key]));
}

/** What every article and list page shows besides its own data: settings, navigation, the "Latest" rail, preview markers. */
function shared(site: Site): unknown {
  return { settings: site.settings, sections: site.sections, latest: site.latest, preview: site.preview };
}

function changed<T extends { url: string }>(previous: readonly T[], next: readonly T[]): T[] {
  const before = new Map(previous.map((item) => [item.url, item]));
  return next.filter((item) => !sameData(before.get(item.url), item));
}

/**
 * The pages of `next` to render when `previous` was rendered last. Everything
 * when there was no previous build or what all pages share changed.
 */
export function changedPages(previous: Site | undefined, next: Site): RenderSet {
  if (!previous || !sameData(shared(previous), shared(next))) return renderAll(next);
  return { articles: changed(previous.articles, next.articles), lists: changed(previous.listings.lists, next.listings.lists) };
}
