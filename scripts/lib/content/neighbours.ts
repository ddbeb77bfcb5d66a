/**
 * Each article's further reading: one list of the stories around it (related
 * ones, the newer and older story in its section, the next story on the
 * site) in which no story appears twice and the article itself never does.
 * One pass over the articles plus the related scoring: O(articles).
 */
import { relatedIndices } from "./related.ts";
import type { Article, ArticleLink, FurtherLink } from "./site-model.ts";

/** Why a story is offered: it shares a tag, it is the newer or older story in the section, it is near in the section, or it is the site's next story. */
export type FurtherReason = "topic" | "newer" | "older" | "section" | "next";

/** The candidate stories of one article, as indices into the site's articles (newest first). */
export interface FurtherCandidates {
  self: number;
  /** Related stories that share a tag with it, best match first. */
  topic: readonly number[];
  /** The next newer and next older article in the same section. */
  newer?: number | undefined;
  older?: number | undefined;
  /** Related stories that share only the section. */
  section: readonly number[];
  /** The site's next story: the next older article, wrapping round to the newest from the oldest. */
  next?: number | undefined;
}

export interface FurtherPick {
  index: number;
  /** Every reason it was a candidate for, strongest (the one that placed it) first. */
  reasons: FurtherReason[];
}

/**
 * Orders the candidates by what a reader most likely wants next: stories on
 * the same subject (sharing a tag, best match first), then what came after
 * and before in the section, then more from the section, then the site's
 * next story. A story that is a candidate for several reasons appears once,
 * at its first place, with all its reasons; the article itself never.
 */
export function orderFurtherReading(candidates: FurtherCandidates): FurtherPick[] {
  const picks = new Map<number, FurtherReason[]>();
  const offer = (index: number | undefined, reason: FurtherReason) => {
    if (index === undefined || index === candidates.self) return;
    const reasons = picks.get(index);
    if (!reasons) picks.set(index, [reason]);
    else if (!reasons.includes(reason)) reasons.push(reason);
  };
  for (const index of candidates.topic) offer(index, "topic");
  offer(candidates.newer, "newer");
  offer(candidates.older, "older");
  for (const index of candidates.section) offer(index, "section");
  offer(candidates.next, "next");
  return [...picks].map(([index, reasons]) => ({ index, reasons }));
}

function toLink(a: Article): ArticleLink {
  return {
    title: a.title,
    url: a.url,
    standfirst: a.standfirst,
    date: a.date,
    section: a.section,
    ...(a.image ? { image: a.image } : {}),
  };
}

/** The tag `article` and `other` share first, in `article`'s order. */
const sharedTag = (article: Article, other: Article) => article.tags.find((t) => other.tags.some((o) => o.slug === t.slug));

/** The words above a story in the list, from the reason that placed it. */
function relationOf(article: Article, other: Article, reason: FurtherReason): string {
  if (reason === "topic") return `More on ${sharedTag(article, other)?.name ?? other.section.name}`;
  if (reason === "newer") return `Newer in ${other.section.name}`;
  if (reason === "older") return `Older in ${other.section.name}`;
  if (reason === "section") return `More in ${other.section.name}`;
  return "Next story";
}

/** `articles` newest first; each gets its further reading as small links, never another article whole. */
export function linkNeighbours(articles: Article[]): void {
  const links = articles.map(toLink);
  const related = relatedIndices(articles.map((a, index) => ({ index, tags: a.tags.map((t) => t.slug), section: a.section.id })));
  const newer: (number | undefined)[] = [];
  const older: (number | undefined)[] = [];
  const lastInSection = new Map<string, number>();
  articles.forEach((a, i) => {
    const previous = lastInSection.get(a.section.id);
    newer[i] = previous;
    if (previous !== undefined) older[previous] = i;
    lastInSection.set(a.section.id, i);
  });
  articles.forEach((a, i) => {
    const near = related[i] ?? [];
    const onTopic = (j: number) => articles[j] !== undefined && sharedTag(a, articles[j]) !== undefined;
    const picks = orderFurtherReading({
      self: i,
      topic: near.filter(onTopic),
      newer: newer[i],
      older: older[i],
      section: near.filter((j) => !onTopic(j)),
      next: i + 1 < articles.length ? i + 1 : articles.length > 1 ? 0 : undefined,
    });
    a.further = picks.flatMap(({ index, reasons }): FurtherLink[] => {
      const link = links[index];
      const other = articles[index];
      return link && other ? [{ ...link, relation: relationOf(a, other, reasons[0] ?? "next") }] : [];
    });
  });
}
