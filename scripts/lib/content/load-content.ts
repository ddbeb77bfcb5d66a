/**
 * Reads, validates and enriches all content at once: site settings, authors,
 * sections, teaser lists and every article. All problems across all files are
 * collected and thrown together as one ContentError.
 */
import { open, readFile, readdir } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import { authorsSchema, sectionsSchema, siteSettingsSchema, teaserListsSchema, type KnownIds } from "./content-schema.ts";
import type { ContentSnapshot } from "./content-fingerprint.ts";
import { buildFrontPage } from "./front-page.ts";
import { articleParser, stamp, type Draft, type ParseContext } from "./article-parse.ts";
import { parseNow } from "./dates.ts";
import { FileCache, parseFiles } from "./file-cache.ts";
import { parseYaml } from "./front-matter.ts";
import { formatOfName, imageFormat } from "./image-format.ts";
import { buildListings, type Listings } from "./listings.ts";
import { ContentError, type Problem } from "./content-error.ts";
import { relatedIndices } from "./related.ts";
import { problemsFromZod } from "./schema-problems.ts";
import type { Article, ArticleLink, Author, Image, PublicationState, Section, Site, Tag, TeaserItem } from "./site-model.ts";
import { slugify } from "./slugs.ts";
import { parseSources } from "./parallel-parse.ts";
import { cutTeaser } from "./teasers.ts";
import { articleUrl, authorUrl, imageUrl, sectionUrl, tagUrl, FIXED_PAGES } from "./urls.ts";

export const ARTICLES_DIR = "src/articles";
export const DATA_DIR = "_data";
/** Article images live here; front matter names them relative to it. */
export const IMAGES_DIR = "src/images";
const IMAGE_SRC = /^(?![/\\])(?!.*(?:^|\/)\.\.(?:\/|$))[^:?#\\]+\.(?:jpe?g|png|webp|avif|gif)$/i;
const WORDS_PER_MINUTE = 230;

export interface LoadOptions {
  /** Folder holding `_data/` and `src/articles/`. */
  root: string;
  /** Include drafts and articles dated after `now` (dev server and previews). */
  preview: boolean;
  /** The build's "now"; decides which articles are scheduled. Parsed in the site zone when a string. */
  now?: string | undefined;
  /** The dev server's memory of parsed articles, so a rebuild re-parses only changed files. */
  cache?: ArticleCache | undefined;
  /** The content already read (by `readContent`, for the fingerprint); otherwise files are read here. */
  snapshot?: ContentSnapshot | undefined;
}

/** One `_data/` file, validated; problems are collected, never thrown. */
export async function readDataFile<S extends z.ZodType>(
  root: string,
  name: string,
  schema: S,
  problems: Problem[],
  snapshot?: ContentSnapshot,
): Promise<z.output<S> | undefined> {
  const file = `${DATA_DIR}/${name}`;
  let text: string;
  try {
    text = snapshot ? snapshotText(snapshot, file) : await readFile(path.join(root, file), "utf8");
  } catch {
    problems.push({ file, field: "(file)", message: "cannot be read", expected: `a YAML file at ${file}` });
    return undefined;
  }
  const parsed = parseYaml(file, text);
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return undefined;
  }
  const result = schema.safeParse(parsed.data);
  if (!result.success) {
    problems.push(...problemsFromZod(file, result.error, parsed.data));
    return undefined;
  }
  return result.data;
}

function snapshotBytes(snapshot: ContentSnapshot, file: string): Buffer {
  const bytes = snapshot.files.get(file);
  if (!bytes) throw new Error(`${file} was not read`);
  return bytes;
}

const snapshotText = (snapshot: ContentSnapshot, file: string) => snapshotBytes(snapshot, file).toString("utf8");

async function listArticleFiles(root: string, snapshot: ContentSnapshot | undefined): Promise<string[]> {
  if (snapshot) return [...snapshot.files.keys()].filter((f) => f.startsWith(`${ARTICLES_DIR}/`) && f.endsWith(".md"));
  const dir = path.join(root, ARTICLES_DIR);
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".md"))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

/** What the dev server keeps per article file between rebuilds (see `file-cache.ts`). */
export class ArticleCache extends FileCache<Draft> {}

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

/** An article's image: a file under src/images/ that exists. */
async function readImage(root: string, d: Draft, problems: Problem[]): Promise<Image | undefined> {
  const image = d.fm.image;
  if (!image) return undefined;
  const expected = `a file under ${IMAGES_DIR}/ named relative to it, such as "harbour.jpg" or "2025/harbour.jpg", ending .jpg, .jpeg, .png, .webp, .avif or .gif`;
  if (!IMAGE_SRC.test(image.src)) {
    problems.push({
      file: d.file,
      field: "image.src",
      message: "is not an image path under the images folder",
      got: JSON.stringify(image.src),
      expected,
    });
    return undefined;
  }
  const file = path.join(root, IMAGES_DIR, image.src);
  const head = await readHead(file);
  if (!head) {
    problems.push({
      file: d.file,
      field: "image.src",
      message: `names a file that does not exist: ${IMAGES_DIR}/${image.src}`,
      got: JSON.stringify(image.src),
      expected,
    });
    return undefined;
  }
  const found = imageFormat(head);
  const named = formatOfName(image.src);
  if (found !== named) {
    problems.push({
      file: d.file,
      field: "image.src",
      message: `names a file that is not a ${named?.toUpperCase()} image: ${IMAGES_DIR}/${image.src}`,
      got: found ? `a ${found.toUpperCase()} image` : "a file that is not an image",
      expected: found ? `the file named with .${found === "jpeg" ? "jpg" : found}` : `a ${named?.toUpperCase()} image`,
    });
    return undefined;
  }
  return { ...image, src: imageUrl(image.src), file };
}

/** The first bytes of a file, enough to tell its format; undefined when it is not a readable file. */
async function readHead(file: string): Promise<Uint8Array | undefined> {
  const handle = await open(file).catch(() => undefined);
  if (!handle) return undefined;
  try {
    const { buffer, bytesRead } = await handle.read(new Uint8Array(16), 0, 16, 0);
    return buffer.subarray(0, bytesRead);
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

export async function loadContent(options: LoadOptions): Promise<Site> {
  const problems: Problem[] = [];
  const { root, snapshot } = options;
  const [settings, authorData, sectionData, teaserData, files] = await Promise.all([
    readDataFile(root, "site.yaml", siteSettingsSchema, problems, snapshot),
    readDataFile(root, "authors.yaml", authorsSchema, problems, snapshot),
    readDataFile(root, "sections.yaml", sectionsSchema, problems, snapshot),
    readDataFile(root, "teasers.yaml", teaserListsSchema, problems, snapshot),
    listArticleFiles(root, snapshot),
  ]);
  // Without settings there is no time zone to read dates in; report what we have.
  if (!settings) throw new ContentError(problems);

  const known: KnownIds = { sections: sectionData?.map((s) => s.id), authors: authorData ? Object.keys(authorData) : undefined };
  const context: ParseContext = { settings, known };
  // A file's result depends on the settings and the known ids too: when they change, every file is parsed again.
  const parsed = options.cache
    ? options.cache.parse(root, files, JSON.stringify(context), articleParser(context))
    : snapshot
      ? await parseSources(
          files.map((file) => snapshotBytes(snapshot, file)),
          files,
          context,
        )
      : parseFiles(root, files, articleParser(context));
  const drafts: Draft[] = [];
  for (const p of parsed) {
    problems.push(...p.problems);
    if (p.value) drafts.push(p.value);
  }

  const images = await Promise.all(drafts.map((d) => readImage(root, d, problems)));

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
    authors.set(id, { id, name: a.name, slug, bio: a.bio, url: authorUrl(slug), ...(a.url ? { homepage: a.url } : {}) });
  }

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

  const tags = new Map<string, Tag>();
  const articles: Article[] = [];
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
      const tag = tags.get(slug) ?? { name, slug, url: tagUrl(slug) };
      tags.set(slug, tag);
      // "Coasts" and "coasts" are one tag; listing it twice would list the article twice on its page.
      if (!articleTags.includes(tag)) articleTags.push(tag);
    });
    if (!section || !now) continue;
    const state: PublicationState = d.fm.draft ? "draft" : d.publishedAt > now.toMillis() ? "scheduled" : "published";
    if (state !== "published" && !options.preview) continue;
    articles.push({
      id: d.id,
      file: d.file,
      url: articleUrl(d.fileDate, d.slug),
      title: d.title,
      lead: d.body.lead,
      summary: d.summary,
      teaser: d.teaser,
      html: d.body.html,
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
      related: [],
    });
  }

  // By instant, not by text: ISO strings with different offsets (summer and winter time) do not sort as times.
  const instant = new Map(articles.map((a) => [a, Date.parse(a.date.iso)]));
  articles.sort((a, b) => (instant.get(b) ?? 0) - (instant.get(a) ?? 0) || a.id.localeCompare(b.id));
  const sortedAuthors = [...authors.values()].sort((a, b) => a.name.localeCompare(b.name));
  const usedTags = new Set(articles.flatMap((a) => a.tags.map((t) => t.slug)));
  const sortedTags = [...tags.values()].filter((t) => usedTags.has(t.slug)).sort((a, b) => a.name.localeCompare(b.name));
  const listings = buildListings({
    articles,
    sections: [...sections.values()],
    authors: sortedAuthors,
    tags: sortedTags,
    perPage: settings.perPage,
    locale: settings.locale,
  });
  checkUrls(problems, drafts, articles, [...sections.values()], [...authors.values()], [...tags.values()], listings);
  const byId = new Map(drafts.map((d) => [d.id, d]));
  const published = new Map(articles.map((a) => [a.id, a]));
  const warnings: string[] = [];
  const latest: TeaserItem[] = [];
  (teaserData?.latest ?? []).forEach((t, i) => {
    if (t.article !== undefined) {
      const article = published.get(t.article);
      if (article) latest.push({ ...article.teaser, url: article.url });
      else if (byId.has(t.article))
        warnings.push(`${DATA_DIR}/teasers.yaml: latest.${i}.article: ${t.article} is not published yet, so its teaser is left out`);
      else
        problems.push({
          file: `${DATA_DIR}/teasers.yaml`,
          field: `latest.${i}.article`,
          message: "names an article that does not exist",
          got: JSON.stringify(t.article),
          expected: `a file name (without .md) under ${ARTICLES_DIR}/`,
        });
    } else if (t.text !== undefined) {
      latest.push({ ...cutTeaser(t.text, settings.teaserLength), ...(t.url ? { url: t.url } : {}) });
    }
  });

  if (problems.length) throw new ContentError(problems);
  if (!now) throw new Error("unreachable: BUILD_NOW problems are reported above");

  linkNeighbours(articles);
  return {
    settings,
    articles,
    sections: [...sections.values()],
    authors: sortedAuthors,
    tags: sortedTags,
    latest,
    preview: options.preview,
    now: stamp(now, settings),
    listings,
    front: buildFrontPage(articles, [...sections.values()]),
    imageCacheDir: path.join(root, ".cache", "images"),
    warnings,
  };
}

function linkNeighbours(articles: Article[]): void {
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

/** Every output URL belongs to one page; a second claimant is reported with the first. */
function checkUrls(
  problems: Problem[],
  drafts: Draft[],
  articles: Article[],
  sections: Section[],
  authors: Author[],
  tags: Tag[],
  listings: Listings,
): void {
  const owners = new Map<string, string>();
  const claim = (url: string, owner: string, file: string, field: string) => {
    const key = url.toLowerCase();
    const first = owners.get(key);
    // A list's later pages belong to the list that owns its first page.
    if (first === owner) return;
    if (first !== undefined)
      problems.push({ file, field, message: `URL ${url} is already used by ${first}`, expected: "a URL no other page uses" });
    else owners.set(key, owner);
  };
  for (const url of FIXED_PAGES) claim(url, "a built-in page", "(site)", "url");
  for (const s of sections) claim(s.url, `section ${s.id}`, `${DATA_DIR}/sections.yaml`, `${s.id}.slug`);
  for (const a of authors) claim(a.url, `author ${a.id}`, `${DATA_DIR}/authors.yaml`, `${a.id}.slug`);
  for (const t of tags) claim(t.url, `tag ${t.name}`, "(tags)", t.name);
  for (const list of listings.lists) claim(list.url, list.owner, "(site)", "url");
  // Drafts claim their URL too: publishing one later must not collide.
  for (const d of drafts) claim(articleUrl(d.fileDate, d.slug), d.file, d.file, "(file name)");
  for (const a of articles)
    a.aliases.forEach((alias, i) =>
      claim(alias.endsWith("/") || alias.includes(".") ? alias : `${alias}/`, a.file, a.file, `aliases.${i}`),
    );
}
