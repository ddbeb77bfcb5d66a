/**
 * Loads the whole site: site settings, authors, sections, teaser lists and
 * every article, validated and assembled into the model the pages are built
 * from. Every problem across all files is collected and thrown together as
 * one ContentError.
 */
import { memoryBodies, type BodyStore } from "./article-bodies.ts";
import { stamp, type Draft, type ParseContext, type ParsedFile } from "./article-parse.ts";
import { articleImage } from "./article-images.ts";
import { ContentError, formatProblem, type Problem } from "./content-error.ts";
import { buildCacheFolder, contentHash, contentRootProblems, DATA_DIR, digestOf, readContent, type ContentRead } from "./content-files.ts";
import { authorsSchema, sectionsSchema, siteSettingsSchema, teaserListsSchema, type KnownIds } from "./content-schema.ts";
import { readDataFile } from "./data-files.ts";
import { parseNow } from "./dates.ts";
import type { ArticleCache } from "./file-cache.ts";
import { buildFrontPage } from "./front-page.ts";
import { buildListings } from "./listings.ts";
import { linkNeighbours } from "./neighbours.ts";
import { parseFiles } from "./parallel-parse.ts";
import type { ParseCache } from "./parse-cache.ts";
import { checkBodyImages, checkSiteLinks } from "./site-links.ts";
import type { Article, Author, PublicationState, Section, Site, Tag } from "./site-model.ts";
import { nameKey, slugify } from "./slugs.ts";
import { articleRail, latestTeasers, railOf } from "./teaser-lists.ts";
import { checkUrlClaims } from "./url-claims.ts";
import { articleUrl, authorUrl, sectionUrl, tagUrl } from "./urls.ts";

const WORDS_PER_MINUTE = 230;

export interface LoadOptions {
  /** Folder holding `_data/` and `src/articles/`. */
  root: string;
  /** Include drafts and articles dated after `now` (dev server and previews). */
  preview: boolean;
  /** The build's "now"; decides which articles are scheduled. Parsed in the site zone when a string. */
  now?: string | undefined;
  /** The dev server's memory of parsed articles: a rebuild reads and parses only the files that changed. */
  cache?: ArticleCache | undefined;
  /** What was read up front (readContent); otherwise it is read here. */
  read?: ContentRead | undefined;
  /** Where article bodies go (article-bodies.ts) unless `parseCache` is given; by default the cache's, or a store in memory. A store on disk lets a large site parse on two threads. */
  bodies?: BodyStore | undefined;
  /** A production build's cache of parsed articles (parse-cache.ts), whose pack the bodies go to. */
  parseCache?: ParseCache | undefined;
}

/** The articles' drafts and their problems: from the dev server's cache or the build cache, or parsed afresh (on two threads when there are many). */
async function parseArticles(
  root: string,
  files: readonly string[],
  context: ParseContext,
  bodies: BodyStore,
  { cache, parseCache }: LoadOptions,
): Promise<ParsedFile[]> {
  if (cache) return cache.parseArticles(root, files, context, bodies);
  if (parseCache) return parseCache.parse(root, files, context);
  return parseFiles(root, files, context, bodies);
}

/**
 * Readers tell sections and authors apart by name alone, and search filters
 * by name: two of a kind whose names differ only in case, accents or
 * separators (slugs.ts `nameKey`) are a problem on the later one.
 */
function namesTold(
  entries: readonly { id: string; name: string; field: string }[],
  of: { kind: string; file: string; readers: string; hint?: string },
  problems: Problem[],
): void {
  const first = new Map<string, string>();
  for (const { id, name, field } of entries) {
    const key = nameKey(name);
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, id);
    else if (earlier !== id)
      problems.push({
        file: `${DATA_DIR}/${of.file}`,
        field,
        message: `is the name of the ${of.kind} ${earlier} too: ${of.readers} could not tell them apart`,
        got: JSON.stringify(name),
        expected: `a name no other ${of.kind} has${of.hint ?? ""}`,
      });
  }
}

export async function loadContent(options: LoadOptions): Promise<Site> {
  const { root, cache } = options;
  const problems: Problem[] = contentRootProblems(root);
  if (problems.length) throw new ContentError(problems);
  // A build cache's parses name bodies in its own pack, whatever store is given; the dev server's cache keeps the
  // bodies of the drafts it keeps.
  const bodies = options.parseCache?.bodies ?? options.bodies ?? cache?.bodies ?? memoryBodies();
  const read = options.read ?? (await readContent(root));
  problems.push(...read.unreadable);
  const [settings, authorData, sectionData, teaserData] = await Promise.all([
    readDataFile(root, "site.yaml", siteSettingsSchema, problems, read),
    readDataFile(root, "authors.yaml", authorsSchema, problems, read),
    readDataFile(root, "sections.yaml", sectionsSchema, problems, read),
    readDataFile(root, "teasers.yaml", teaserListsSchema, problems, read),
  ]);
  // Without settings there is no time zone to read dates in; report what we have.
  if (!settings) throw new ContentError(problems);

  const known: KnownIds = {
    sections: sectionData && [...new Set(sectionData.map((s) => s.id))],
    authors: authorData ? Object.keys(authorData) : undefined,
  };
  const context: ParseContext = { settings, known };
  const parsed = await parseArticles(root, read.articles, context, bodies, options);
  const skipped = read.skipped;
  const drafts: Draft[] = [];
  for (const p of parsed) {
    problems.push(...p.problems);
    if (p.value) drafts.push(p.value);
  }

  const images = await Promise.all(drafts.map((d) => articleImage(root, d, problems)));

  const sections = new Map<string, Section>();
  for (const s of sectionData ?? []) {
    const slug = s.slug ?? s.id;
    if (sections.has(s.id))
      problems.push({ file: `${DATA_DIR}/sections.yaml`, field: s.id, message: "is listed twice", expected: "unique section ids" });
    sections.set(s.id, {
      id: s.id,
      name: s.name,
      slug,
      description: s.description,
      url: sectionUrl(slug),
      ...(s.pageBudgetKB ? { pageBudgetBytes: s.pageBudgetKB * 1000 } : {}),
    });
  }
  const authors = new Map<string, Author>();
  for (const [id, a] of Object.entries(authorData ?? {})) {
    const slug = a.slug ?? id;
    authors.set(id, { id, name: a.name, slug, bio: a.bio, url: authorUrl(slug), type: a.type, ...(a.url ? { homepage: a.url } : {}) });
  }
  namesTold(
    // By id: a list entry the schema refused is not here, so the rest's places may not be the file's.
    (sectionData ?? []).map((s) => ({ id: s.id, name: s.name, field: `${s.id}.name` })),
    { kind: "section", file: "sections.yaml", readers: "the navigation and search's section filter" },
    problems,
  );
  namesTold(
    [...authors.values()].map((a) => ({ id: a.id, name: a.name, field: `${a.id}.name` })),
    { kind: "author", file: "authors.yaml", readers: "bylines and search's author filter", hint: " (a middle initial, say)" },
    problems,
  );

  const now = (() => {
    try {
      return parseNow(options.now, settings.timeZone);
    } catch (e) {
      problems.push({
        file: "(environment)",
        field: "BUILD_NOW",
        message: (e as Error).message,
        expected: "an ISO 8601 date or date-time with offset",
      });
      return undefined;
    }
  })();

  const tags = new Map<string, { tag: Tag; key: string; file: string }>();
  const articles: Article[] = [];
  const warnings = skipped.map((s) => formatProblem({ file: s.file, field: "(file)", message: s.reason }));
  for (const [i, d] of drafts.entries()) {
    const image = images[i];
    const section = sections.get(d.fm.section);
    const articleAuthors = d.fm.authors.flatMap((id) => authors.get(id) ?? []);
    const articleTags: Tag[] = [];
    d.fm.tags.forEach((name, i) => {
      const slug = slugify(name);
      if (!slug) {
        problems.push({
          file: d.file,
          field: `tags.${i}`,
          message: "has no letters or digits to make a URL from",
          got: JSON.stringify(name),
          expected: "a tag with Latin letters or digits",
        });
        return;
      }
      const key = nameKey(name);
      let known = tags.get(slug);
      if (known && known.key !== key) {
        problems.push({
          file: d.file,
          field: `tags.${i}`,
          message: `makes the same URL, ${known.tag.url}, as the tag ${JSON.stringify(known.tag.name)} of ${known.file}`,
          got: JSON.stringify(name),
          expected: "the same tag spelt as there, or a name that makes another URL",
        });
        return;
      }
      if (!known) tags.set(slug, (known = { tag: { name, slug, url: tagUrl(slug) }, key, file: d.file }));
      const { tag } = known;
      // "Coasts" and "coasts" are one tag; listing it twice would list the article twice on its page.
      if (!articleTags.includes(tag)) articleTags.push(tag);
    });
    if (!section || !now) continue;
    const state: PublicationState = d.fm.draft ? "draft" : d.publishedAt > now.toMillis() ? "scheduled" : "published";
    // Feeds, sitemaps and the page would say it was updated at a time still to come.
    if (state === "published" && d.updated && Date.parse(d.updated.iso) > now.toMillis())
      problems.push({
        file: d.file,
        field: "updated",
        message: "is later than the build's time: an update not made yet",
        got: JSON.stringify(d.updated.datetime),
        expected: `a time on or before ${now.startOf("second").toISO({ suppressMilliseconds: true })}, when the article was last changed`,
      });
    if (state !== "published" && !options.preview) continue;
    warnings.push(...d.warnings);
    articles.push({
      id: d.id,
      file: d.file,
      url: articleUrl(d.fileDate, d.slug),
      title: d.title,
      lead: d.body.lead,
      summary: d.summary,
      standfirst: d.standfirst,
      teaser: d.teaser,
      bodyKey: d.body.key,
      wordCount: d.body.wordCount,
      readingMinutes: Math.max(1, Math.round(d.body.wordCount / WORDS_PER_MINUTE)),
      date: d.date,
      ...(d.updated ? { updated: d.updated } : {}),
      section,
      authors: articleAuthors,
      tags: articleTags,
      ...(image ? { image } : {}),
      aliases: d.fm.aliases,
      state,
      further: [],
      rail: { links: [], notes: [] },
    });
  }

  // By instant, not by text: ISO strings with different offsets (summer and winter time) do not sort as times.
  const instant = new Map(articles.map((a) => [a, Date.parse(a.date.iso)]));
  articles.sort((a, b) => (instant.get(b) ?? 0) - (instant.get(a) ?? 0) || a.id.localeCompare(b.id));
  const sortedAuthors = [...authors.values()].sort((a, b) => a.name.localeCompare(b.name));
  const usedTags = new Set(articles.flatMap((a) => a.tags.map((t) => t.slug)));
  const sortedTags = [...tags.values()]
    .map((t) => t.tag)
    .filter((t) => usedTags.has(t.slug))
    .sort((a, b) => a.name.localeCompare(b.name));
  const listings = buildListings({
    articles,
    sections: [...sections.values()],
    authors: sortedAuthors,
    tags: sortedTags,
    perPage: settings.perPage,
    locale: settings.locale,
  });
  checkUrlClaims(problems, {
    drafts,
    articles,
    sections: [...sections.values()],
    authors: [...authors.values()],
    tags: [...tags.values()].map((t) => t.tag),
    listings,
  });
  const lists = new Set([...sections.values(), ...authors.values(), ...sortedTags].map((l) => l.url));
  checkSiteLinks(
    drafts,
    teaserData?.latest ?? [],
    { published: new Set(articles.map((a) => a.url)), lists, siteUrl: settings.url },
    problems,
    warnings,
  );
  checkBodyImages(drafts, articles, warnings);
  const ids = new Set(drafts.map((d) => d.id));
  const latest = latestTeasers(
    teaserData?.latest ?? [],
    { published: new Map(articles.map((a) => [a.id, a])), exists: (id) => ids.has(id), teaserLength: settings.teaserLength },
    problems,
    warnings,
  );

  if (problems.length) throw new ContentError(problems);
  if (!now) throw new Error("unreachable: BUILD_NOW problems are reported above");

  // Bodies of files that are gone, or changed, are not kept; every file parsed keeps its own, drafts' too.
  bodies.retainOnly(new Set(drafts.map((d) => d.body.key)));
  linkNeighbours(articles);
  const rail = railOf(latest);
  for (const a of articles) a.rail = articleRail(rail, a);
  const sectionsInUse = new Set(articles.map((a) => a.section.id));
  return {
    settings,
    articles,
    sections: [...sections.values()],
    navSections: [...sections.values()].filter((s) => sectionsInUse.has(s.id)),
    authors: sortedAuthors,
    tags: sortedTags,
    latest,
    rail,
    preview: options.preview,
    now: stamp(now, settings),
    listings,
    front: buildFrontPage(articles, [...sections.values()]),
    imageCacheDir: buildCacheFolder(root, "images"),
    cardCacheDir: buildCacheFolder(root, "cards"),
    warnings,
    bodies,
    contentHash: contentHash([
      ...[...read.data].map(([file, bytes]) => [file, digestOf(bytes)] as const),
      ...parsed.map((p, i) => [read.articles[i] ?? "", p.digest] as const),
    ]),
  };
}
