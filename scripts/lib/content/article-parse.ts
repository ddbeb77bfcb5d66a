/**
 * One article file to a draft: its name checked, front matter validated, body
 * rendered (into a body store, article-bodies.ts), headline, summary, teaser
 * and dates computed. Per file, so the dev server can cache drafts and a
 * large build can parse them on two threads (parallel-parse.ts). A draft is
 * plain data, small and safe to pass between threads: its body is a key.
 */
import path from "node:path";
import type { DateTime } from "luxon";
import { articleFrontMatterSchema, type ArticleFrontMatter, type KnownIds, type SiteSettings } from "./content-schema.ts";
import { bodyKey, type BodyStore } from "./article-bodies.ts";
import { digestOf, readContentFile } from "./content-files.ts";
import { cachedZone } from "./time-zones.ts";
import { humanDate, isCalendarDay, knownDate, machineDate, type DatePrecision } from "./dates.ts";
import { splitFrontMatter } from "./front-matter.ts";
import {
  createMarkdown,
  nestingLimit,
  renderArticleBody,
  typographicText,
  type RenderedMarkdown,
  type UnseenImage,
  type Unusable,
} from "./markdown.ts";
import { formatProblem, type Parsed, type Problem } from "./content-error.ts";
import { slugify } from "./slugs.ts";
import { problemsFromZod } from "./schema-problems.ts";
import type { Article, DateStamp } from "./site-model.ts";
import { cutStandfirst, cutTeaser } from "./teasers.ts";
import { controlProblemInText, controlProblemsInData, decodeContent, fileHasControlCharacters } from "./text-hygiene.ts";

const ARTICLE_FILE = /^(\d{4}-\d{2}-\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;

/** A time as pages show it, in the site's zone, to the precision it is known. */
export function stamp(value: DateTime, settings: SiteSettings, precision: DatePrecision = "day"): DateStamp {
  // Converted once: the helpers' own conversion to the zone it is already in returns it as it is.
  const local = value.setZone(cachedZone(settings.timeZone));
  const iso = machineDate(local, settings.timeZone);
  return {
    iso,
    datetime: precision === "day" ? iso : knownDate(local, settings.timeZone, precision),
    human: humanDate(local, settings.timeZone, settings.locale, precision),
    precision,
    year: local.year,
    ...(precision === "year" ? {} : { month: local.month }),
  };
}

export interface Draft {
  file: string;
  id: string;
  slug: string;
  fileDate: string;
  /** The front matter; its dates are kept as `publishedAt`, `date` and `updated`. */
  fm: Omit<ArticleFrontMatter, "date" | "updated">;
  /** `date` as milliseconds since the epoch, to compare with the build's "now". */
  publishedAt: number;
  /** What the loader needs of the body; its HTML is in the body store under `key`. */
  body: Pick<RenderedMarkdown, "lead" | "wordCount"> & { key: string };
  /** The pages of the site the body links to (articles and lists), by line of the file, for the loader to check against the site. */
  siteLinks: RenderedMarkdown["siteLinks"];
  /** The body's images under `/images/`, by line of the file, for the loader to check against the published lead images. */
  siteImages: RenderedMarkdown["siteImages"];
  /** Computed here, per file, so the dev server's cache keeps them too. */
  title: string;
  summary: string;
  standfirst: string;
  teaser: Article["teaser"];
  date: DateStamp;
  updated?: DateStamp;
  /** What the author should look at but that does not stop the build (content/run-together.ts). */
  warnings: string[];
}

/** The names and settings a file is checked against; the same on every thread. */
export interface ParseContext {
  settings: SiteSettings;
  known: KnownIds;
}

/** A file's parse, and the digest of the bytes parsed (the content hash is made of these, content-files.ts). */
export interface ParsedFile extends Parsed<Draft> {
  digest: string;
}

/** Parses one file from its bytes: decoding is part of parsing, so every thread and the dev server's cache check it alike. */
export type ArticleParser = (file: string, bytes: Uint8Array) => ParsedFile;

/** Reads and parses the article `file` under `root`; one that cannot be read is a problem reported with the others. */
export function parseFileAt(parse: ArticleParser, root: string, file: string): ParsedFile {
  const read = readContentFile(root, file);
  return read.ok ? parse(file, read.bytes) : { value: undefined, problems: [read.problem], digest: "" };
}

/** A parser for `context`, its schema and Markdown renderer made once for every file; bodies go to `bodies`. */
export function articleParser({ settings, known }: ParseContext, bodies: BodyStore): ArticleParser {
  const schema = articleFrontMatterSchema(settings.timeZone, known);
  const md = createMarkdown();
  return (file, bytes) => {
    const problems: Problem[] = [];
    const digest = digestOf(bytes);
    const decoded = decodeContent(file, bytes);
    if (!decoded.ok) return { value: undefined, problems: [decoded.problem], digest };
    return { value: parseArticle(file, decoded.text, bodyKey(digest), bodies, settings, schema, md, problems), problems, digest };
  };
}

/**
 * Control characters in the front matter's values (field by field, escapes
 * such as "\v" included), elsewhere in the front matter (comments), and in
 * the body (by line and column).
 */
function textHygiene(file: string, source: string, data: unknown, body: string): Problem[] {
  const inValues = controlProblemsInData(file, data);
  if (!fileHasControlCharacters(source)) return inValues;
  const bodyStart = source.length - body.length;
  const inFrontMatter = inValues.length ? undefined : controlProblemInText(file, "(front matter)", source, 0, bodyStart);
  const inBody = controlProblemInText(file, "(body)", source, bodyStart);
  return [...inValues, ...[inFrontMatter, inBody].filter((p): p is Problem => p !== undefined)];
}

const NAMING_EXAMPLE = "2025-03-12-us-resumes-intelligence-sharing.md";
/** A name that has the date and the extension right, so only its slug breaks the rule. */
const DATED_NAME = /^(\d{4}-\d{2}-\d{2})-(.+)\.md$/s;

/** What a broken article file name should be: for a dated one, the rule for the slug and the name it would make. */
function expectedFileName(name: string): string {
  const dated = DATED_NAME.exec(name);
  if (!dated) return `YYYY-MM-DD-slug.md, e.g. ${NAMING_EXAMPLE}`;
  // A slug in another script folds to nothing: the example then keeps the date with the usual slug.
  const slug = slugify(dated[2] ?? "") || NAMING_EXAMPLE.slice("YYYY-MM-DD-".length, -".md".length);
  return `a slug of lowercase letters a-z, digits and single hyphens after the date, e.g. ${dated[1]}-${slug}.md`;
}

function parseArticle(
  file: string,
  source: string,
  key: string,
  bodies: BodyStore,
  settings: SiteSettings,
  schema: ReturnType<typeof articleFrontMatterSchema>,
  md: ReturnType<typeof createMarkdown>,
  problems: Problem[],
): Draft | undefined {
  const name = path.posix.basename(file);
  const match = ARTICLE_FILE.exec(name);
  let fileOk = true;
  if (!match) {
    problems.push({
      file,
      field: "(file name)",
      message: "does not follow the naming rule",
      got: JSON.stringify(name),
      expected: expectedFileName(name),
    });
    fileOk = false;
  } else if (!isCalendarDay(match[1] ?? "")) {
    problems.push({
      file,
      field: "(file name)",
      message: "starts with a date that does not exist",
      got: JSON.stringify(match[1]),
      expected: "a real date YYYY-MM-DD",
    });
    fileOk = false;
  }
  const split = splitFrontMatter(file, source);
  if (!split.ok) {
    const inText = controlProblemInText(file, "(file)", source);
    problems.push(...split.problems, ...(inText ? [inText] : []));
    return undefined;
  }
  problems.push(...textHygiene(file, source, split.data, split.body));
  // reportInput keeps the value a check saw, e.g. the id in a single `authors: id`.
  const result = schema.safeParse(split.data, { reportInput: true });
  if (!result.success) problems.push(...problemsFromZod(file, result.error, split.data, schema));
  // The body is read whatever the front matter's problems, so one run reports them all.
  const body = renderArticleBody(md, split.body);
  const { html, lead, wordCount, runTogether, siteLinks, unseenImages, siteImages } = body;
  const bodyLine = source.slice(0, source.length - split.body.length).split("\n").length;
  problems.push(...bodyProblems(file, body, bodyLine, md));
  if (!result.success || !fileOk || !match) return undefined;
  const stored = bodies.put(key, html);
  const { date, updated, ...fm } = result.data;
  const summary = fm.summary ? typographicText(md, fm.summary) : lead;
  return {
    file,
    id: name.slice(0, -3),
    slug: match[2] ?? "",
    fileDate: match[1] ?? "",
    fm,
    publishedAt: date.value.toMillis(),
    body: { lead, wordCount, key: stored },
    siteLinks: siteLinks.map((link) => ({ ...link, line: bodyLine + link.line })),
    siteImages: siteImages.map(({ line, src }) => ({ line: bodyLine + line, src })),
    title: typographicText(md, fm.title),
    summary,
    standfirst: cutStandfirst(summary, settings.standfirstLength),
    teaser: cutTeaser(lead, settings.teaserLength),
    date: stamp(date.value, settings, date.precision),
    ...(updated ? { updated: stamp(updated, settings) } : {}),
    warnings: [...runTogetherWarning(file, runTogether, bodyLine), ...unseenImageWarnings(file, unseenImages, bodyLine)],
  };
}

/** What is wrong in a rendered body, by the file's line (`bodyLine`: where the body starts). */
function bodyProblems(file: string, body: RenderedMarkdown, bodyLine: number, md: ReturnType<typeof createMarkdown>): Problem[] {
  const problems: Problem[] = [];
  if (!body.lead)
    problems.push({ file, field: "(body)", message: "has no paragraph to use as the lead", expected: "at least one paragraph of text" });
  if (body.tooDeep !== undefined)
    problems.push({
      file,
      field: "(body)",
      message: `nests quotations or lists so deeply at line ${bodyLine + body.tooDeep} that Markdown drops what is inside them`,
      expected: `quotations ${nestingLimit(md) - 1} deep at most, or lists ${Math.floor((nestingLimit(md) - 1) / 2)} deep`,
    });
  for (const { line, what, got } of body.unusable)
    problems.push({
      file,
      field: "(body)",
      message: `has ${what} at line ${bodyLine + line}`,
      ...(got === undefined ? {} : { got: JSON.stringify(got) }),
      expected: UNUSABLE_EXPECTED[what],
    });
  return problems;
}

/** What each kind of unusable image or link should be instead. */
const UNUSABLE_EXPECTED: Record<Unusable, string> = {
  "an image without alt text": "![what the image shows](src), for readers who cannot see it",
  "an image whose alt text describes nothing": "![what the image shows](src), not its file name or the word “photo”",
  "a link without text": "[the words a reader follows](address)",
  "a link without an address": "[text](https://… or a path on this site)",
};

/** Why each kind of unseen image is not shown. */
const UNSEEN_BECAUSE: Record<UnseenImage, string> = {
  "another site": "is from another site, and the site's Content-Security-Policy (netlify.toml, img-src) shows only its own images",
  relative: "has a path relative to the article's address, where no image is published",
};

function unseenImageWarnings(file: string, found: RenderedMarkdown["unseenImages"], bodyLine: number): string[] {
  return found.map(({ line, src, why }) =>
    formatProblem({
      file,
      field: "(body)",
      message: `the image ${src} at line ${bodyLine + line} ${UNSEEN_BECAUSE[why]}: readers see only its alt text`,
    }),
  );
}

/** Run-together places listed in a warning; the count says how many more. */
const RUN_TOGETHER_LISTED = 5;

function runTogetherWarning(file: string, found: RenderedMarkdown["runTogether"], bodyLine: number): string[] {
  if (!found.length) return [];
  const listed = found.slice(0, RUN_TOGETHER_LISTED).map((f) => `line ${bodyLine + f.line} (“${f.text}”)`);
  const more = found.length > listed.length ? ` and ${found.length - listed.length} more` : "";
  const what = found.length === 1 ? "a sentence that runs" : `${found.length} sentences that run`;
  return [
    formatProblem({
      file,
      field: "(body)",
      message: `has ${what} into the next without a space: ${listed.join(", ")}${more}`,
      expected: "a space after the full stop; “free.In” also reads as a web address",
    }),
  ];
}
