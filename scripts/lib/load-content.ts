/**
 * Reads, validates and enriches all content at once: site settings, authors,
 * sections, teaser lists and every article. All problems across all files are
 * collected and thrown together as one ContentError.
 */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import type { DateTime } from "luxon";
import type { z } from "zod";
import {
  ARTICLE_KEYS,
  articleFrontMatterSchema,
  authorsSchema,
  sectionsSchema,
  siteSettingsSchema,
  teaserListsSchema,
  type ArticleFrontMatter,
  type SiteSettings,
} from "./content-schema.ts";
import { humanDate, machineDate, parseContentDate, parseNow } from "./dates.ts";
import { parseYaml, splitFrontMatter } from "./front-matter.ts";
import { createMarkdown, renderArticleBody, typographicText } from "./markdown.ts";
import { ContentError, type Problem } from "./problems.ts";
import { relatedIndices } from "./related.ts";
import { problemsFromZod } from "./schema-problems.ts";
import type { Article, ArticleLink, Author, DateStamp, PublicationState, Section, Site, Tag, TeaserItem } from "./site-model.ts";
import { slugify } from "./slugs.ts";
import { cutTeaser } from "./teasers.ts";
import { articleUrl, authorUrl, sectionUrl, tagUrl, FIXED_PAGES } from "./urls.ts";

export const ARTICLES_DIR = "src/articles";
export const DATA_DIR = "_data";
const WORDS_PER_MINUTE = 230;
const ARTICLE_FILE = /^(\d{4}-\d{2}-\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;

export interface LoadOptions {
  /** Folder holding `_data/` and `src/articles/`. */
  root: string;
  /** Include drafts and articles dated after `now` (dev server and previews). */
  preview: boolean;
  /** The build's "now"; decides which articles are scheduled. Parsed in the site zone when a string. */
  now?: string | undefined;
}

async function readDataFile<S extends z.ZodType>(
  root: string,
  name: string,
  schema: S,
  problems: Problem[],
): Promise<z.output<S> | undefined> {
  const file = `${DATA_DIR}/${name}`;
  let text: string;
  try {
    text = await readFile(path.join(root, file), "utf8");
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

async function listArticleFiles(root: string): Promise<string[]> {
  const dir = path.join(root, ARTICLES_DIR);
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".md"))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

function stamp(value: DateTime, settings: SiteSettings): DateStamp {
  const local = value.setZone(settings.timeZone);
  return {
    iso: machineDate(value, settings.timeZone),
    human: humanDate(value, settings.timeZone, settings.locale),
    year: local.year,
    month: local.month,
  };
}

interface Draft {
  file: string;
  id: string;
  slug: string;
  fileDate: string;
  fm: ArticleFrontMatter;
  body: ReturnType<typeof renderArticleBody>;
}

type FrontMatterSchema = ReturnType<typeof articleFrontMatterSchema>;

function readArticle(file: string, source: string, settings: SiteSettings, schema: FrontMatterSchema, md: ReturnType<typeof createMarkdown>, problems: Problem[]): Draft | undefined {
  const name = path.posix.basename(file);
  const match = ARTICLE_FILE.exec(name);
  let fileOk = true;
  if (!match) {
    problems.push({
      file,
      field: "(file name)",
      message: "does not follow the naming rule",
      got: JSON.stringify(name),
      expected: "YYYY-MM-DD-slug.md, e.g. 2025-03-12-us-resumes-intelligence-sharing.md",
    });
    fileOk = false;
  } else if (!parseContentDate(match[1], settings.timeZone).ok) {
    problems.push({ file, field: "(file name)", message: "starts with a date that does not exist", got: JSON.stringify(match[1]), expected: "a real date YYYY-MM-DD" });
    fileOk = false;
  }
  const split = splitFrontMatter(file, source);
  if (!split.ok) {
    problems.push(...split.problems);
    return undefined;
  }
  const result = schema.safeParse(split.data);
  if (!result.success) {
    problems.push(...problemsFromZod(file, result.error, split.data, { knownKeys: (p) => (p.length === 0 ? ARTICLE_KEYS : p[0] === "image" ? ["src", "alt", "caption", "credit"] : []) }));
    return undefined;
  }
  const body = renderArticleBody(md, split.body);
  if (!body.lead) {
    problems.push({ file, field: "(body)", message: "has no paragraph to use as the lead", expected: "at least one paragraph of text" });
  }
  if (!fileOk || !match) return undefined;
  return { file, id: name.slice(0, -3), slug: match[2] ?? "", fileDate: match[1] ?? "", fm: result.data, body };
}

/** Reads files a bounded number at a time: opening 100,000 at once runs out of file descriptors (EMFILE). */
async function readFiles(root: string, files: readonly string[], concurrency = 64): Promise<string[]> {
  const sources: string[] = new Array<string>(files.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < files.length; i = next++) sources[i] = await readFile(path.join(root, files[i] ?? ""), "utf8");
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  return sources;
}

function toLink(a: Article): ArticleLink {
  return { title: a.title, url: a.url, lead: a.lead, teaser: a.teaser, date: a.date, section: a.section };
}

export async function loadContent(options: LoadOptions): Promise<Site> {
  const problems: Problem[] = [];
  const { root } = options;
  const [settings, authorData, sectionData, teaserData, files] = await Promise.all([
    readDataFile(root, "site.yaml", siteSettingsSchema, problems),
    readDataFile(root, "authors.yaml", authorsSchema, problems),
    readDataFile(root, "sections.yaml", sectionsSchema, problems),
    readDataFile(root, "teasers.yaml", teaserListsSchema, problems),
    listArticleFiles(root),
  ]);
  // Without settings there is no time zone to read dates in; report what we have.
  if (!settings) throw new ContentError(problems);

  const sources = await readFiles(root, files);
  const md = createMarkdown();
  // Built once: a zod schema costs far more to build than to run.
  const schema = articleFrontMatterSchema(settings.timeZone);
  const drafts: Draft[] = [];
  files.forEach((file, i) => {
    const draft = readArticle(file, sources[i] ?? "", settings, schema, md, problems);
    if (draft) drafts.push(draft);
  });

  const sections = new Map<string, Section>();
  for (const s of sectionData ?? []) {
    const slug = s.slug ?? s.id;
    if (sections.has(s.id)) problems.push({ file: `${DATA_DIR}/sections.yaml`, field: s.id, message: "is listed twice", expected: "unique section ids" });
    sections.set(s.id, { id: s.id, name: s.name, slug, description: s.description, url: sectionUrl(slug) });
  }
  const authors = new Map<string, Author>();
  for (const [id, a] of Object.entries(authorData ?? {})) {
    const slug = a.slug ?? id;
    authors.set(id, { id, name: a.name, slug, bio: a.bio, url: authorUrl(slug), ...(a.url ? { homepage: a.url } : {}) });
  }
  checkUnique(problems, `${DATA_DIR}/sections.yaml`, "slug", [...sections.values()].map((s) => [s.id, s.slug]));
  checkUnique(problems, `${DATA_DIR}/authors.yaml`, "slug", [...authors.values()].map((a) => [a.id, a.slug]));

  const now = (() => {
    try {
      return parseNow(options.now, settings.timeZone);
    } catch (e) {
      problems.push({ file: "(environment)", field: "BUILD_NOW", message: (e as Error).message, expected: "an ISO 8601 date or date-time with offset" });
      return undefined;
    }
  })();

  const tags = new Map<string, Tag>();
  const articles: Article[] = [];
  for (const d of drafts) {
    const section = sections.get(d.fm.section);
    if (sectionData && !section) {
      problems.push({ file: d.file, field: "section", message: "is not a known section", got: JSON.stringify(d.fm.section), expected: `one of ${[...sections.keys()].join(", ")}` });
    }
    const articleAuthors: Author[] = [];
    d.fm.authors.forEach((id, i) => {
      const author = authors.get(id);
      if (author) articleAuthors.push(author);
      else if (authorData) problems.push({ file: d.file, field: `authors.${i}`, message: "is not a known author", got: JSON.stringify(id), expected: "an id from _data/authors.yaml" });
    });
    const articleTags: Tag[] = [];
    d.fm.tags.forEach((name, i) => {
      const slug = slugify(name);
      if (!slug) {
        problems.push({ file: d.file, field: `tags.${i}`, message: "has no letters or digits to make a URL from", got: JSON.stringify(name), expected: "a tag with Latin letters or digits" });
        return;
      }
      const tag = tags.get(slug) ?? { name, slug, url: tagUrl(slug) };
      tags.set(slug, tag);
      articleTags.push(tag);
    });
    if (!section || !now) continue;
    const state: PublicationState = d.fm.draft ? "draft" : d.fm.date > now ? "scheduled" : "published";
    if (state !== "published" && !options.preview) continue;
    const lead = d.body.lead;
    articles.push({
      id: d.id,
      file: d.file,
      url: articleUrl(d.fileDate, d.slug),
      title: typographicText(md, d.fm.title),
      lead,
      summary: d.fm.summary ? typographicText(md, d.fm.summary) : lead,
      teaser: cutTeaser(lead, settings.teaserLength),
      html: d.body.html,
      wordCount: d.body.wordCount,
      readingMinutes: Math.max(1, Math.round(d.body.wordCount / WORDS_PER_MINUTE)),
      date: stamp(d.fm.date, settings),
      ...(d.fm.updated ? { updated: stamp(d.fm.updated, settings) } : {}),
      section,
      authors: articleAuthors,
      tags: articleTags,
      ...(d.fm.image ? { image: d.fm.image } : {}),
      aliases: d.fm.aliases,
      state,
      related: [],
    });
  }

  checkUrls(problems, drafts, articles, [...sections.values()], [...authors.values()], [...tags.values()]);
  const byId = new Map(drafts.map((d) => [d.id, d]));
  const published = new Map(articles.map((a) => [a.id, a]));
  const warnings: string[] = [];
  const latest: TeaserItem[] = [];
  (teaserData?.latest ?? []).forEach((t, i) => {
    if (t.article !== undefined) {
      const article = published.get(t.article);
      if (article) latest.push({ ...cutTeaser(article.lead, settings.teaserLength), url: article.url });
      else if (byId.has(t.article)) warnings.push(`${DATA_DIR}/teasers.yaml: latest.${i}.article: ${t.article} is not published yet, so its teaser is left out`);
      else problems.push({ file: `${DATA_DIR}/teasers.yaml`, field: `latest.${i}.article`, message: "names an article that does not exist", got: JSON.stringify(t.article), expected: `a file name (without .md) under ${ARTICLES_DIR}/` });
    } else if (t.text !== undefined) {
      latest.push({ ...cutTeaser(t.text, settings.teaserLength), ...(t.url ? { url: t.url } : {}) });
    }
  });

  if (problems.length) throw new ContentError(problems);
  if (!now) throw new Error("unreachable: BUILD_NOW problems are reported above");

  articles.sort((a, b) => b.date.iso.localeCompare(a.date.iso) || a.id.localeCompare(b.id));
  linkNeighbours(articles);
  const usedTags = new Set(articles.flatMap((a) => a.tags.map((t) => t.slug)));
  return {
    settings,
    articles,
    sections: [...sections.values()],
    authors: [...authors.values()].sort((a, b) => a.name.localeCompare(b.name)),
    tags: [...tags.values()].filter((t) => usedTags.has(t.slug)).sort((a, b) => a.name.localeCompare(b.name)),
    latest,
    preview: options.preview,
    now: stamp(now, settings),
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

function checkUnique(problems: Problem[], file: string, field: string, pairs: [id: string, value: string][]): void {
  const seen = new Map<string, string>();
  for (const [id, value] of pairs) {
    const first = seen.get(value);
    if (first !== undefined) problems.push({ file, field: `${id}.${field}`, message: `repeats the ${field} of ${first}`, got: JSON.stringify(value), expected: `a ${field} used once` });
    else seen.set(value, id);
  }
}

/** Every output URL belongs to one page; a second claimant is reported with the first. */
function checkUrls(problems: Problem[], drafts: Draft[], articles: Article[], sections: Section[], authors: Author[], tags: Tag[]): void {
  const owners = new Map<string, string>();
  const claim = (url: string, owner: string, file: string, field: string) => {
    const key = url.toLowerCase();
    const first = owners.get(key);
    if (first !== undefined) problems.push({ file, field, message: `URL ${url} is already used by ${first}`, expected: "a URL no other page uses" });
    else owners.set(key, owner);
  };
  for (const url of FIXED_PAGES) claim(url, "a built-in page", "(site)", "url");
  for (const s of sections) claim(s.url, `section ${s.id}`, `${DATA_DIR}/sections.yaml`, `${s.id}.slug`);
  for (const a of authors) claim(a.url, `author ${a.id}`, `${DATA_DIR}/authors.yaml`, `${a.id}.slug`);
  for (const t of tags) claim(t.url, `tag ${t.name}`, "(tags)", t.name);
  // Drafts claim their URL too: publishing one later must not collide.
  for (const d of drafts) claim(articleUrl(d.fileDate, d.slug), d.file, d.file, "(file name)");
  for (const a of articles) a.aliases.forEach((alias, i) => claim(alias.endsWith("/") || alias.includes(".") ? alias : `${alias}/`, a.file, a.file, `aliases.${i}`));
}
