/**
 * What article bodies and teasers point at on the site itself. A link to an
 * article, by path (`/2025/03/12/slug/`) or by a whole address on the site's
 * host (`https://host/2025/03/12/slug/`), must lead to an article or to an
 * old address of one (an alias): a link to no article is a problem, with the
 * nearest slug of that day's articles as a suggestion; a published article's
 * or a teaser's link to a draft or a scheduled article is a warning, as it
 * leads nowhere until that one is published. A link to a section's, an
 * author's or a tag's list must name one the site has. An image under
 * `/images/` must be one the build publishes there, an article's lead image;
 * another is a warning, as readers would see only its alt text.
 */
import { didYouMean } from "../../../src/assets/did-you-mean.ts";
import type { Draft } from "./article-parse.ts";
import { DATA_DIR } from "./content-files.ts";
import { formatProblem, type Problem } from "./content-error.ts";
import type { TeaserData } from "./content-schema.ts";
import { pagePath, articleUrl, siteLinkOf, type SiteLink } from "./urls.ts";

const DAY_PREFIX = /^\/\d{4}\/\d{2}\/\d{2}\//;
/** A list's kind, from its path (urls.ts `sectionUrl`, `authorUrl`, `tagUrl`). */
const LIST_KIND = /^\/(section|author|tag)\//;
const LIST_EXPECTED: Record<string, string> = {
  section: "the path of a section of _data/sections.yaml",
  author: "the path of an author of _data/authors.yaml",
  tag: "the path of a tag a published article has",
};

type Linking = Pick<Draft, "file" | "fileDate" | "slug" | "siteLinks" | "siteImages"> & { fm: Pick<Draft["fm"], "aliases"> };

/** Whether a link's `origin` (`https://host`, `//host`) names the host of the `site`, whatever its scheme. */
function onSite(origin: string, site: URL): boolean {
  try {
    const link = new URL(origin.startsWith("//") ? `${site.protocol}${origin}` : origin);
    // The parser drops a scheme's default port, so http://host and https://host:443 are both the site at https://host.
    return link.hostname === site.hostname && link.port === site.port;
  } catch {
    return false;
  }
}

/** What the site has for links to name. */
export interface LinkTargets {
  /** The URLs this build publishes. */
  published: ReadonlySet<string>;
  /** The URLs of the site's section, author and tag lists. */
  lists: ReadonlySet<string>;
  /** The site's address, which tells whole addresses on the site from others. */
  siteUrl: string;
}

/** A link and where it is written: a body's line, or a data file's field. */
interface Written {
  file: string;
  field: string;
  /** " at line N" in a body; nothing in a data file, whose field says where. */
  at: string;
  link: SiteLink;
  /** Whether a published page shows the link, so a link to an unpublished article leads nowhere. */
  shown: boolean;
}

/**
 * Checks the links of `drafts`' bodies and of the teaser list `latest` to
 * articles and lists against every article, alias and list. Paths compare
 * with their case (a server may not fold it; the suggestion then gives the
 * path as it is). Links and aliases are read as page addresses, with their
 * slash, as the URL claims read aliases (urls.ts `pagePath`).
 */
export function checkSiteLinks(
  drafts: readonly Linking[],
  latest: readonly Pick<TeaserData, "url">[],
  targets: LinkTargets,
  problems: Problem[],
  warnings: string[],
): void {
  const written: Written[] = [];
  for (const d of drafts) {
    const shown = targets.published.has(articleUrl(d.fileDate, d.slug));
    for (const { line, ...link } of d.siteLinks) written.push({ file: d.file, field: "(body)", at: ` at line ${line}`, link, shown });
  }
  latest.forEach(({ url }, i) => {
    const link = url === undefined ? undefined : siteLinkOf(url);
    if (link) written.push({ file: `${DATA_DIR}/teasers.yaml`, field: `latest.${i}.url`, at: "", link, shown: true });
  });
  const site = new URL(targets.siteUrl);
  const onThisSite = written.filter(({ link }) => !link.origin || onSite(link.origin, site));
  if (!onThisSite.length) return;
  const articles = new Set(drafts.map((d) => articleUrl(d.fileDate, d.slug)));
  const aliases = new Set(drafts.flatMap((d) => d.fm.aliases.map(pagePath)));
  /** Each day's article slugs, and each kind's list slugs, for a suggestion among the pages like the one a link names. */
  const alike = new Map<string, string[]>();
  const kindOf = (path: string) => DAY_PREFIX.exec(path)?.[0] ?? LIST_KIND.exec(path)?.[0] ?? "";
  for (const url of [...articles, ...targets.lists]) {
    const kind = kindOf(url);
    const slugs = alike.get(kind);
    if (slugs) slugs.push(url.slice(kind.length));
    else alike.set(kind, [url.slice(kind.length)]);
  }
  /** The nearest page of the kind `path` names, as near as a typo of its slug. */
  const nearest = (path: string) => {
    const kind = kindOf(path);
    const slug = didYouMean(path.slice(kind.length), alike.get(kind) ?? []);
    return slug === undefined ? undefined : kind + slug;
  };
  for (const { file, field, at, link, shown } of onThisSite) {
    const origin = link.origin ?? "";
    const path = pagePath(link.path);
    if (aliases.has(path) || targets.lists.has(path)) continue;
    const list = LIST_KIND.exec(path)?.[1];
    if (!articles.has(path)) {
      const near = nearest(path);
      problems.push({
        file,
        field,
        message: `links${at} to ${origin}${path}, which no ${list ?? "article"} has${near ? `; did you mean ${origin}${near}?` : ""}`,
        expected: list ? LIST_EXPECTED[list] : "the path of an article of this site, or an old path of one (its aliases)",
      });
    } else if (shown && !targets.published.has(path))
      warnings.push(
        formatProblem({
          file,
          field,
          message: `links${at} to ${origin}${path}, a draft or scheduled article: the link leads nowhere until it is published`,
        }),
      );
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
