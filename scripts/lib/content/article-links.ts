/**
 * What article bodies point at on the site itself. A link to an article, by
 * path (`/2025/03/12/slug/`), must lead to an article or to an old address of
 * one (an alias): a link to no article is a problem, with the nearest slug of
 * that day's articles as a suggestion; a published article's link to a draft
 * or a scheduled article is a warning, as it leads nowhere until that one is
 * published. An image under `/images/` must be one the build publishes there,
 * an article's lead image; another is a warning, as readers would see only
 * its alt text.
 */
import { didYouMean } from "../../../src/assets/did-you-mean.ts";
import type { Draft } from "./article-parse.ts";
import { formatProblem, type Problem } from "./content-error.ts";
import { articleUrl } from "./urls.ts";

/** Paths compare with their slash, and with their case: a server may not fold it (the suggestion then gives the path as it is). */
const keyOf = (path: string) => (path.endsWith("/") ? path : `${path}/`);
const DAY_PREFIX = /^\/\d{4}\/\d{2}\/\d{2}\//;

export function checkArticleLinks(
  drafts: readonly (Pick<Draft, "file" | "fileDate" | "slug" | "articleLinks"> & { fm: Pick<Draft["fm"], "aliases"> })[],
  published: ReadonlySet<string>,
  problems: Problem[],
  warnings: string[],
): void {
  if (!drafts.some((d) => d.articleLinks.length)) return;
  const articles = new Set(drafts.map((d) => keyOf(articleUrl(d.fileDate, d.slug))));
  const aliases = new Set(drafts.flatMap((d) => d.fm.aliases.map(keyOf)));
  const publishedKeys = new Set([...published].map(keyOf));
  /** Each day's article paths, for a suggestion among the articles of the day a link names. */
  const byDay = new Map<string, string[]>();
  for (const d of drafts) {
    const url = articleUrl(d.fileDate, d.slug);
    const day = DAY_PREFIX.exec(url)?.[0] ?? "";
    const paths = byDay.get(day);
    if (paths) paths.push(url);
    else byDay.set(day, [url]);
  }
  for (const d of drafts) {
    const linking = publishedKeys.has(keyOf(articleUrl(d.fileDate, d.slug)));
    for (const { line, path } of d.articleLinks) {
      const key = keyOf(path);
      if (aliases.has(key)) continue;
      if (!articles.has(key)) {
        const near = didYouMean(path, byDay.get(DAY_PREFIX.exec(path)?.[0] ?? "") ?? []);
        problems.push({
          file: d.file,
          field: "(body)",
          message: `links at line ${line} to ${path}, which no article has${near ? `; did you mean ${near}?` : ""}`,
          expected: "the path of an article of this site, or an old path of one (its aliases)",
        });
      } else if (linking && !publishedKeys.has(key))
        warnings.push(
          formatProblem({
            file: d.file,
            field: "(body)",
            message: `links at line ${line} to ${path}, a draft or scheduled article: the link leads nowhere until it is published`,
          }),
        );
    }
  }
}

/** Warns of each published body image under `/images/` that is no published article's lead image. */
export function checkBodyImages(
  articles: readonly { file: string; image?: { src: string } | undefined }[],
  imagesOf: (file: string) => Draft["siteImages"],
  warnings: string[],
): void {
  const published = new Set(articles.flatMap((a) => (a.image ? [a.image.src] : [])));
  for (const a of articles)
    for (const { line, src } of imagesOf(a.file))
      if (!published.has(src))
        warnings.push(
          formatProblem({
            file: a.file,
            field: "(body)",
            message: `the image ${src} at line ${line} is not published: the build publishes under /images/ only articles' lead images (their \`image\` field), so readers see only its alt text`,
          }),
        );
}
