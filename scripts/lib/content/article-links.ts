/**
 * What article bodies point at on the site itself. A link to an article, by
 * path (`/2025/03/12/slug/`) or by a whole address on the site's host
 * (`https://host/2025/03/12/slug/`), must lead to an article or to an old
 * address of one (an alias): a link to no article is a problem, with the nearest slug of
 * that day's articles as a suggestion; a published article's link to a draft
 * or a scheduled article is a warning, as it leads nowhere until that one is
 * published. An image under `/images/` must be one the build publishes there,
 * an article's lead image; another is a warning, as readers would see only
 * its alt text.
 */
import { didYouMean } from "../../../src/assets/did-you-mean.ts";
import type { Draft } from "./article-parse.ts";
import { formatProblem, type Problem } from "./content-error.ts";
import { pagePath, articleUrl } from "./urls.ts";

const DAY_PREFIX = /^\/\d{4}\/\d{2}\/\d{2}\//;

type Linking = Pick<Draft, "file" | "fileDate" | "slug" | "articleLinks" | "siteImages"> & { fm: Pick<Draft["fm"], "aliases"> };

/** Whether a link's `origin` (`https://host`, `//host`) names the host of the site at `siteUrl`, whatever its scheme. */
function onSite(origin: string, siteUrl: string): boolean {
  try {
    const site = new URL(siteUrl);
    const link = new URL(origin.startsWith("//") ? `${site.protocol}${origin}` : origin);
    // The parser drops a scheme's default port, so http://host and https://host:443 are both the site at https://host.
    return link.hostname === site.hostname && link.port === site.port;
  } catch {
    return false;
  }
}

/**
 * Checks `drafts`' links to articles against every article and alias;
 * `published` holds the URLs this build publishes, and `siteUrl` is the
 * site's address, which tells whole addresses on the site from others. Paths compare with their
 * case (a server may not fold it; the suggestion then gives the path as it is).
 * Links and aliases are read as page addresses, with their slash, as the URL
 * claims read aliases (urls.ts `pagePath`).
 */
export function checkArticleLinks(
  drafts: readonly Linking[],
  published: ReadonlySet<string>,
  siteUrl: string,
  problems: Problem[],
  warnings: string[],
): void {
  if (!drafts.some((d) => d.articleLinks.length)) return;
  const articles = new Set(drafts.map((d) => articleUrl(d.fileDate, d.slug)));
  const aliases = new Set(drafts.flatMap((d) => d.fm.aliases.map(pagePath)));
  /** Each day's article paths, for a suggestion among the articles of the day a link names. */
  const byDay = new Map<string, string[]>();
  for (const url of articles) {
    const day = DAY_PREFIX.exec(url)?.[0] ?? "";
    const paths = byDay.get(day);
    if (paths) paths.push(url);
    else byDay.set(day, [url]);
  }
  for (const d of drafts) {
    const linking = published.has(articleUrl(d.fileDate, d.slug));
    for (const link of d.articleLinks) {
      const { line, origin = "" } = link;
      if (origin && !onSite(origin, siteUrl)) continue;
      const path = pagePath(link.path);
      if (aliases.has(path)) continue;
      if (!articles.has(path)) {
        const near = didYouMean(path, byDay.get(DAY_PREFIX.exec(path)?.[0] ?? "") ?? []);
        problems.push({
          file: d.file,
          field: "(body)",
          message: `links at line ${line} to ${origin}${path}, which no article has${near ? `; did you mean ${origin}${near}?` : ""}`,
          expected: "the path of an article of this site, or an old path of one (its aliases)",
        });
      } else if (linking && !published.has(path))
        warnings.push(
          formatProblem({
            file: d.file,
            field: "(body)",
            message: `links at line ${line} to ${origin}${path}, a draft or scheduled article: the link leads nowhere until it is published`,
          }),
        );
    }
  }
}

/** Warns of each published draft's body image under `/images/` that is no published article's lead image. */
export function checkBodyImages(
  drafts: readonly Linking[],
  articles: readonly { url: string; image?: { src: string } | undefined }[],
  warnings: string[],
): void {
  const published = new Set(articles.map((a) => a.url));
  const leadImages = new Set(articles.flatMap((a) => (a.image ? [a.image.src] : [])));
  for (const d of drafts) {
    if (!published.has(articleUrl(d.fileDate, d.slug))) continue;
    for (const { line, src } of d.siteImages)
      if (!leadImages.has(src))
        warnings.push(
          formatProblem({
            file: d.file,
            field: "(body)",
            message: `the image ${src} at line ${line} is not published: the build publishes under /images/ only articles' lead images (their \`image\` field), so readers see only its alt text`,
          }),
        );
  }
}
