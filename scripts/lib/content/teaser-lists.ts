/** The teaser lists of `_data/teasers.yaml` made into rail items: an article's own teaser and URL, or text cut to the teaser length. */
import type { Problem } from "./content-error.ts";
import { ARTICLES_DIR, DATA_DIR } from "./content-files.ts";
import type { TeaserData } from "./content-schema.ts";
import type { Article, Rail, TeaserItem } from "./site-model.ts";
import { cutTeaser } from "./teasers.ts";

export interface TeaserLookup {
  /** Articles this build publishes, by id. */
  published: ReadonlyMap<string, Article>;
  /** Every article id that exists, published or not. */
  exists: (id: string) => boolean;
  teaserLength: number;
}

/**
 * Teasers the rail shows at most. It is on every page: ten thousand entries
 * would put every article over its page weight budget, blamed on the articles.
 */
export const RAIL_SIZE = 12;

/** What makes two entries the same story on the rail: where they link (a trailing slash aside), the article named, or the text of one that links nowhere. */
function storyOf(t: TeaserData, published: ReadonlyMap<string, Article>): string {
  const url = t.article !== undefined ? published.get(t.article)?.url : t.url;
  if (url !== undefined) return `url ${url.replace(/\/$/, "")}`;
  return t.article !== undefined ? `article ${t.article}` : `text ${t.text ?? ""}`;
}

/**
 * The "latest" rail: the first RAIL_SIZE teasers that can be shown. An entry
 * naming an article that exists but is not published yet is left out with a
 * warning (it appears once published); one naming no article at all is a
 * problem, wherever it is in the list, and so is one repeating an earlier
 * entry's story (the same article or link, or the same text linking
 * nowhere), which the rail on every page would show twice. Entries beyond
 * the rail's size are left out with a warning naming the file.
 */
export function latestTeasers(entries: readonly TeaserData[], lookup: TeaserLookup, problems: Problem[], warnings: string[]): TeaserItem[] {
  const file = `${DATA_DIR}/teasers.yaml`;
  const latest: TeaserItem[] = [];
  const stories = new Map<string, number>();
  let overflow = 0;
  entries.forEach((t, i) => {
    const story = storyOf(t, lookup.published);
    const earlier = stories.get(story);
    if (earlier !== undefined) {
      const field = t.article !== undefined ? "article" : t.url !== undefined ? "url" : "text";
      problems.push({
        file,
        field: `latest.${i}.${field}`,
        message: `repeats latest.${earlier}, so the rail on every page would show the story twice`,
        got: JSON.stringify(t.article ?? t.url ?? t.text),
        expected: "each article, link and text once in the list",
      });
      return;
    }
    stories.set(story, i);
    if (t.article !== undefined) {
      const article = lookup.published.get(t.article);
      if (article && latest.length >= RAIL_SIZE) overflow++;
      else if (article) latest.push({ ...article.teaser, url: article.url });
      else if (lookup.exists(t.article))
        warnings.push(`${file}: latest.${i}.article: ${t.article} is not published yet, so its teaser is left out`);
      else
        problems.push({
          file,
          field: `latest.${i}.article`,
          message: "names an article that does not exist",
          got: JSON.stringify(t.article),
          expected: `a file name (without .md) under ${ARTICLES_DIR}/`,
        });
    } else if (t.text !== undefined) {
      if (latest.length >= RAIL_SIZE) overflow++;
      else latest.push({ ...cutTeaser(t.text, lookup.teaserLength), ...(t.url ? { url: t.url } : {}) });
    }
  });
  if (overflow > 0)
    warnings.push(
      `${file}: latest: has ${(latest.length + overflow).toLocaleString("en")} teasers to show; the rail shows the first ${RAIL_SIZE} and leaves out ${overflow.toLocaleString("en")}`,
    );
  return latest;
}

/** A "Latest" rail from the teaser list: teasers that link somewhere, in their order, then the text-only ones, shown apart as "Also in the news". */
export function railOf(items: readonly TeaserItem[]): Rail {
  return {
    links: items.filter((item) => item.url !== undefined),
    notes: items.filter((item) => item.url === undefined),
  };
}

/** The rail of an article's page: `siteRail` less the article and its further reading; `siteRail` itself when none of them is in it. */
export function articleRail(siteRail: Rail, article: { url: string; further: readonly { url: string }[] }): Rail {
  const leaveOut = new Set([article.url, ...article.further.map((f) => f.url)]);
  if (!siteRail.links.some((item) => leaveOut.has(item.url ?? ""))) return siteRail;
  return { links: siteRail.links.filter((item) => !leaveOut.has(item.url ?? "")), notes: siteRail.notes };
}
