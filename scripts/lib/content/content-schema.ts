/**
 * The content model. Every type the build and the templates use for authored
 * content is inferred from these schemas, so a field exists in exactly one place.
 */
import { DateTime, IANAZone } from "luxon";
import { z } from "zod";
import { altTextProblem } from "./alt-text.ts";
import { DATE_FORMS, parseDayDate, parsePublicationDate, PUBLICATION_DATE_FORMS, type DatePrecision } from "./dates.ts";
import { didYouMean } from "../../../src/assets/did-you-mean.ts";
import { SLUG_PATTERN } from "./slugs.ts";
import { pagePath } from "./urls.ts";
import { aliasProblem, siteRootProblem, teaserLinkProblem, webLinkProblem } from "./link-rules.ts";

const nonEmpty = (what: string) =>
  z
    .string({ error: `expected ${what}` })
    .trim()
    .min(1, { error: `expected ${what}, not empty text` });
/** Text that passes a rule of link-rules.ts, whose reason is the message when it does not. */
const ruled = (rule: (value: string) => string | undefined, expected: string) =>
  z.string({ error: `expected ${expected}` }).check((ctx) => {
    const problem = rule(ctx.value);
    if (problem) ctx.issues.push({ code: "custom", input: ctx.value, message: problem, params: { expected } });
  });
/** Why `locale` cannot format the site's dates: a malformed tag ("en_GB") throws in Intl, an unknown one ("xx") falls back to another locale unseen. */
function localeProblem(locale: string): string | undefined {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf(locale).length ? undefined : "is not a locale dates can be written in";
  } catch {
    return "is not a well-formed locale tag";
  }
}
const slugId = (what: string) =>
  z.string({ error: `expected ${what}` }).regex(SLUG_PATTERN, { error: `expected ${what}: lower-case letters, digits and hyphens` });

/** Site settings, `_data/site.yaml`. */
export const siteSettingsSchema = z.strictObject({
  title: nonEmpty("the site's name"),
  tagline: z.string().default(""),
  url: ruled(siteRootProblem, "the address of the root the site is served from, e.g. https://example.org").transform((u) =>
    u.replace(/\/+$/, ""),
  ),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: "expected a BCP 47 language tag such as en-GB" })
    .default("en"),
  locale: ruled(localeProblem, "a BCP 47 locale such as en-GB, fr or de-CH").default("en-GB"),
  timeZone: ruled(
    (zone) => (IANAZone.isValidZone(zone) ? undefined : "is not a known time zone"),
    "an IANA time zone such as Europe/London",
  ),
  teaserLength: z.int().min(10).max(300).default(60),
  /** A card's standfirst (the summary, else the lead) is cut to this many characters. */
  standfirstLength: z.int().min(60).max(1000).default(200),
  perPage: z.int().min(1).max(200).default(20),
  /** Articles per search index part; a site with more is indexed in parts merged at search time (scripts/lib/search/search-index.ts). */
  searchPartitionSize: z.int({ error: "expected a whole number of articles" }).min(1).max(1_000_000).default(500),
});
export type SiteSettings = z.output<typeof siteSettingsSchema>;

/** Authors, `_data/authors.yaml`: a map from id to profile. */
const authorSchema = z.strictObject({
  name: nonEmpty("the author's display name"),
  slug: slugId("a URL slug").optional(),
  bio: z.string().default(""),
  // The author's own web page: linked from their page and given as their `url` in structured data, so no mailto: or other scheme.
  url: ruled(webLinkProblem, "the absolute https:// address of the author's own web page").optional(),
  /** Who signs: a person, or an organisation such as an editorial desk (structured data says which). */
  type: z.enum(["person", "organization"], { error: "expected person or organization" }).default("person"),
});
export const authorsSchema = z.record(slugId("an author id"), authorSchema);
export type AuthorData = z.output<typeof authorSchema>;

/** Sections, `_data/sections.yaml`: an ordered list, the order of the navigation. */
const sectionSchema = z.strictObject({
  id: slugId("a section id"),
  name: nonEmpty("the section's display name"),
  slug: slugId("a URL slug").optional(),
  description: z.string().default(""),
  /** A long-form section (full speeches, reports) may allow heavier article pages than the site's 20 kB default. */
  pageBudgetKB: z.int({ error: "expected a whole number of kilobytes" }).min(5).max(1000).optional(),
});
export const sectionsSchema = z.array(sectionSchema).min(1, { error: "expected at least one section" });
export type SectionData = z.output<typeof sectionSchema>;

/** One entry of a teaser list: an article of the site, or text with an optional link. */
const teaserSchema = z
  .strictObject({
    article: z.string().optional(),
    text: z.string().trim().min(1).optional(),
    url: ruled(teaserLinkProblem, "an absolute https:// (or http://) address, or a path on this site starting with a single /").optional(),
  })
  .refine((t) => (t.article === undefined) !== (t.text === undefined), {
    error: "needs exactly one of `article` and `text`",
    params: { expected: "`article` (an article's file name without .md) or `text` with an optional `url`" },
  })
  .refine((t) => t.article === undefined || t.url === undefined, {
    error: "is not used with `article`: a teaser for an article links to that article",
    path: ["url"],
    params: { expected: "no `url` beside `article`" },
  });
export const teaserListsSchema = z.strictObject({ latest: z.array(teaserSchema).default([]) });
export type TeaserData = z.output<typeof teaserSchema>;

/** An article's `date`: the instant (or first instant of a year or month), and how much of it is known. */
export interface PublicationDate {
  value: DateTime;
  precision: DatePrecision;
}

const publicationDate = (zone: string) =>
  z.unknown().transform((input, ctx): PublicationDate => {
    const parsed = parsePublicationDate(input, zone);
    if (parsed.ok) return { value: parsed.value, precision: parsed.precision };
    ctx.addIssue({ code: "custom", message: parsed.reason, input, params: { expected: PUBLICATION_DATE_FORMS } });
    return z.NEVER;
  });

/** A date known to the day (`updated`). */
const dayDate = (zone: string) =>
  z.unknown().transform((input, ctx): DateTime => {
    const parsed = parseDayDate(input, zone);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: "custom", message: parsed.reason, input, params: { expected: DATE_FORMS } });
    return z.NEVER;
  });

const imageSchema = z
  .strictObject(
    {
      src: nonEmpty("an image file under src/images/, e.g. harbour.jpg"),
      alt: z.string({ error: "expected alt text describing the image for readers who cannot see it" }).trim().min(1, {
        error: "expected alt text describing the image for readers who cannot see it",
      }),
      caption: z.string().optional(),
      credit: z.string().optional(),
    },
    { error: "expected an image with `src` and `alt` (and optionally `caption`, `credit`)" },
  )
  .check((ctx) => {
    const problem = altTextProblem(ctx.value.alt, ctx.value.src);
    if (problem)
      ctx.issues.push({
        code: "custom",
        input: ctx.value.alt,
        message: problem,
        path: ["alt"],
        params: { expected: "alt text describing what the image shows, for readers who cannot see it" },
      });
  });

/** Ids front matter may refer to; a list left out (its data file failed to load) is not checked. */
export interface KnownIds {
  sections?: readonly string[] | undefined;
  authors?: readonly string[] | undefined;
}

/** An id from a data file, with a did-you-mean suggestion for near misses. */
const knownId = (what: string, source: string, known: readonly string[] | undefined) => {
  const ids = new Set(known);
  return z.string().check((ctx) => {
    if (known === undefined || ids.has(ctx.value)) return;
    const suggestion = didYouMean(ctx.value, known);
    ctx.issues.push({
      code: "custom",
      input: ctx.value,
      message: `is not a known ${what}${suggestion ? `; did you mean \`${suggestion}\`?` : ""}`,
      params: { expected: `one of ${known.join(", ")} (from ${source})` },
    });
  });
};

/**
 * A list whose entries must differ, as `key` reads them: each repeat is an
 * issue naming the entry it repeats (`field.N`), then `why` it is one.
 */
const onceEach =
  (field: string, why: string, expected: string, key = (value: string) => value) =>
  (ctx: z.core.ParsePayload<string[]>) => {
    const first = new Map<string, number>();
    ctx.value.forEach((value, i) => {
      const earlier = first.get(key(value));
      if (earlier === undefined) first.set(key(value), i);
      else ctx.issues.push({ code: "custom", input: value, message: `repeats ${field}.${earlier}${why}`, path: [i], params: { expected } });
    });
  };

/**
 * Article front matter. The zone reads dates written without an offset; the
 * known ids check `section` and `authors` in the same pass, so one run reports
 * an unknown section beside every other problem of the file.
 */
export function articleFrontMatterSchema(zone: string, known: KnownIds = {}) {
  return z
    .strictObject({
      title: nonEmpty("a headline"),
      date: publicationDate(zone),
      updated: dayDate(zone).optional(),
      // Checked against the ids, as authors are, so "World" is told `world` rather than the id rule; by the rule when there are none.
      section:
        known.sections === undefined
          ? slugId("a section id from _data/sections.yaml")
          : z
              .string({ error: "expected a section id from _data/sections.yaml" })
              .pipe(knownId("section", "_data/sections.yaml", known.sections)),
      authors: z
        .union([z.string(), z.array(z.string())], { error: "expected one or more author ids from _data/authors.yaml" })
        .transform((a) => (typeof a === "string" ? [a] : a))
        .pipe(
          z
            .array(nonEmpty("an author id").pipe(knownId("author", "_data/authors.yaml", known.authors)))
            .min(1, { error: "expected at least one author id" })
            .check(onceEach("authors", ", so the byline would name them twice", "each author once")),
        ),
      tags: z.array(nonEmpty("a tag"), { error: "expected a list of tags, e.g. [Economy, Europe]" }).default([]),
      summary: z
        .string({ error: "expected a one- or two-sentence summary as text" })
        .trim()
        .min(1, { error: "expected a summary, not empty text" })
        .optional(),
      image: imageSchema.optional(),
      draft: z.boolean({ error: "expected true or false" }).default(false),
      aliases: z
        .array(ruled(aliasProblem, "an old path of this site, e.g. /old/path/, without *, :placeholders or ?query"), {
          error: "expected a list of old site paths, e.g. [/old/path/]",
        })
        // An old path with and without its slash is one address (urls.ts `pagePath`), redirected once.
        .check(onceEach("aliases", " (a path with or without its slash is one address)", "each old path once", pagePath))
        .default([]),
    })
    .refine((fm) => fm.updated === undefined || fm.updated >= fm.date.value, {
      error: "is before `date`",
      path: ["updated"],
      params: { expected: "a time on or after `date`" },
      // Compare whenever both dates are readable, even if other fields have problems.
      when: ({ value }) => {
        const fm = value as { date?: { value?: unknown }; updated?: unknown } | null;
        return typeof fm === "object" && fm !== null && DateTime.isDateTime(fm.date?.value) && DateTime.isDateTime(fm.updated);
      },
    });
}
export type ArticleFrontMatter = z.output<ReturnType<typeof articleFrontMatterSchema>>;
