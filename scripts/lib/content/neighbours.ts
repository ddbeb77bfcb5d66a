/** Links each article to the stories shown around it: newer, older and next in the site, and related ones. */
import { relatedIndices } from "./related.ts";
import type { Article, ArticleLink } from "./site-model.ts";

function toLink(a: Article): ArticleLink {
  return {
    title: a.title,
    url: a.url,
    lead: a.lead,
    teaser: a.teaser,
    date: a.date,
    section: a.section,
    ...(a.image ? { image: a.image } : {}),
  };
}

/** `articles` newest first; each gets small links, never another article whole. */
export function linkNeighbours(articles: Article[]): void {
  const links = articles.map(toLink);
  const related = relatedIndices(articles.map((a, index) => ({ index, tags: a.tags.map((t) => t.slug), section: a.section.id })));
  articles.forEach((a, i) => {
    const newer = links[i - 1];
    const older = links[i + 1];
    if (newer) a.newer = newer;
    if (older) a.older = older;
    const next = older ?? (articles.length > 1 ? links[0] : undefined);
    if (next) a.next = next;
    a.related = (related[i] ?? []).flatMap((j) => links[j] ?? []);
  });
}
