/**
 * Which article and list pages a build renders. A production build renders
 * them all. The dev server renders them all on its first build; after that,
 * when only content changed, it renders just the pages whose data changed
 * since the last build it rendered: the pages it rendered before are still in
 * its output folder and still served. An edited headline thus re-renders the
 * article, the list pages and the neighbouring articles that show it, and
 * nothing else. An edit to the "Latest" list alone changes the rail most
 * article pages show and nothing else on them: those pages get the new rail
 * spliced into their files (pages/rail-splice.ts) rather than being
 * rendered. Pages that are not paginated per article or list (front page,
 * feeds, index pages) are always rendered.
 */
import type { Article, ListPage, Site } from "../content/site-model.ts";
import { railHasTeasers, showsSiteRail } from "./page-keys.ts";

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

/** What every article and list page shows besides its own data: settings, navigation (the sections in use), preview markers; the "Latest" rail apart. */
function shared(site: Site): unknown {
  return { settings: site.settings, sections: site.sections, navSections: site.navSections.map((s) => s.id), preview: site.preview };
}

/**
 * Splicing takes the new rail from a page rendered in the same build, so
 * when no article of `render` shows the site's rail, the first of `splice`
 * is rendered instead.
 */
export function withRailSource(site: Site, render: Article[], splice: Article[]): { render: Article[]; splice: Article[] } {
  const [first, ...rest] = splice;
  if (!first || render.some((a) => showsSiteRail(a, site))) return { render, splice };
  return { render: [...render, first], splice: rest };
}

/** The article and list pages to render, and the article pages to give the site's new rail. */
export interface DevPages {
  render: RenderSet;
  splice: Article[];
}

/**
 * The articles whose pages changed: those to render, those whose page
 * differs only in showing the site's new rail (to splice), and of those to
 * render, the ones changed in more than their rail, whose list items change
 * too (list pages show no rail). A page with a rail of its own (its article
 * is in the list, or near one that is) is rendered.
 */
function changedArticles(previous: Site, next: Site, railChanged: boolean) {
  const before = new Map(previous.articles.map((a) => [a.url, a]));
  const render: Article[] = [];
  const splice: Article[] = [];
  const changed = new Set<string>();
  for (const article of next.articles) {
    const old = before.get(article.url);
    if (sameData(old, article)) continue;
    const railOnly = railChanged && old !== undefined && sameData({ ...old, rail: article.rail }, article);
    if (railOnly && showsSiteRail(old, previous) && showsSiteRail(article, next)) splice.push(article);
    else render.push(article);
    if (!railOnly) changed.add(article.url);
  }
  return { render, splice, changed };
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
 * The pages of `next` to render when `previous` was rendered last, and those
 * to splice the new rail into. Everything is rendered when there was no
 * previous build, when what all pages share changed, or when the rail was or
 * becomes empty (a page without one has nothing to replace).
 */
export function changedPages(previous: Site | undefined, next: Site): DevPages {
  const railChanged = previous !== undefined && !sameData(previous.latest, next.latest);
  const railSplices = !railChanged || (previous !== undefined && railHasTeasers(previous.rail) && railHasTeasers(next.rail));
  if (!previous || !railSplices || !sameData(shared(previous), shared(next))) return { render: renderAll(next), splice: [] };
  const { render: changed, splice: railOnly, changed: changedUrls } = changedArticles(previous, next, railChanged);
  const before = new Map(previous.listings.lists.map((list) => [list.url, list]));
  // Items are compared by URL against the changed articles: comparing every list's items in full repeats each article's comparison in all its lists.
  const lists = next.listings.lists.filter((list) => {
    const old = before.get(list.url);
    return !old || list.items.some((item) => changedUrls.has(item.url)) || !sameData(listShape(old), listShape(list));
  });
  const { render, splice } = withRailSource(next, changed, railOnly);
  return { render: { articles: render, lists }, splice };
}
