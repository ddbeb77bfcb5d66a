/**
 * The content model. Every type the build and the templates use for authored
 * content is inferred from these schemas, so a field exists in exactly one place.
 */
import { IANAZone, type DateTime } from "luxon";
import { z } from "zod";
import { DATE_FORMS, parseContentDate } from "./dates.ts";
import { SLUG_PATTERN } from "./slugs.ts";

const nonEmpty = (what: string) => z.string({ error: `expected ${what}` }).trim().min(1, { error: `expected ${what}, not empty text` });
const slugId = (what: string) =>
  z.string({ error: `expected ${what}` }).regex(SLUG_PATTERN, { error: `expected ${what}: lower-case letters, digits and hyphens` });

/** Site settings, `_data/site.yaml`. */
export const siteSettingsSchema = z.strictObject({
  title: nonEmpty("the site's name"),
  tagline: z.string().default(""),
  url: z.url({ protocol: /^https?$/, error: "expected the absolute URL the site is served from, e.g. https://example.org" }).transform((u) => u.replace(/\/+$/, "")),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: "expected a BCP 47 language tag such as en-GB" }).default("en"),
  locale: z.string().default("en-GB"),
  timeZone: z.string().refine((zone) => IANAZone.isValidZone(zone), { error: "expected an IANA time zone such as Europe/London" }),
  teaserLength: z.int().min(10).max(300).default(60),
  perPage: z.int().min(1).max(200).default(20),
});
export type SiteSettings = z.output<typeof siteSettingsSchema>;

/** Authors, `_data/authors.yaml`: a map from id to profile. */
export const authorSchema = z.strictObject({
  name: nonEmpty("the author's display name"),
  slug: slugId("a URL slug").optional(),
  bio: z.string().default(""),
  url: z.url({ error: "expected an absolute URL for the author's own page" }).optional(),
});
export const authorsSchema = z.record(slugId("an author id"), authorSchema);
export type AuthorData = z.output<typeof authorSchema>;

/** Sections, `_data/sections.yaml`: an ordered list, the order of the navigation. */
export const sectionSchema = z.strictObject({
  id: slugId("a section id"),
  name: nonEmpty("the section's display name"),
  slug: slugId("a URL slug").optional(),
  description: z.string().default(""),
});
export const sectionsSchema = z.array(sectionSchema).min(1, { error: "expected at least one section" });
export type SectionData = z.output<typeof sectionSchema>;

/** One entry of a teaser list: an article of the site, or text with an optional link. */
export const teaserSchema = z
  .strictObject({
    article: z.string().optional(),
    text: z.string().trim().min(1).optional(),
    url: z
      .string()
      .regex(/^(https?:\/\/\S+|\/\S*)$/, { error: "expected an absolute http(s) URL or a site path starting with /" })
      .optional(),
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

const contentDate = (zone: string) =>
  z.unknown().transform((input, ctx): DateTime => {
    const parsed = parseContentDate(input, zone);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: "custom", message: parsed.reason, input, params: { expected: DATE_FORMS } });
    return z.NEVER;
  });

export const imageSchema = z.strictObject({
  src: nonEmpty("an image file under src/images/, e.g. harbour.jpg"),
  alt: z.string({ error: "expected alt text describing the image for readers who cannot see it" }).trim().min(1, {
    error: "expected alt text describing the image for readers who cannot see it",
  }),
  caption: z.string().optional(),
  credit: z.string().optional(),
});

/** Article front matter. The zone reads dates written without an offset. */
export function articleFrontMatterSchema(zone: string) {
  return z
    .strictObject({
      title: nonEmpty("a headline"),
      date: contentDate(zone),
      updated: contentDate(zone).optional(),
      section: slugId("a section id from _data/sections.yaml"),
      authors: z
        .union([z.string(), z.array(z.string())], { error: "expected one or more author ids from _data/authors.yaml" })
        .transform((a) => (typeof a === "string" ? [a] : a))
        .pipe(z.array(z.string().min(1)).min(1, { error: "expected at least one author id" })),
      tags: z.array(nonEmpty("a tag")).default([]),
      summary: z.string().trim().min(1).optional(),
      image: imageSchema.optional(),
      draft: z.boolean({ error: "expected true or false" }).default(false),
      aliases: z
        .array(z.string().regex(/^\/\S*$/, { error: "expected an old site path starting with /" }))
        .default([]),
    })
    .refine((fm) => fm.updated === undefined || fm.updated >= fm.date, {
      error: "is before `date`",
      path: ["updated"],
      params: { expected: "a time on or after `date`" },
    });
}
export type ArticleFrontMatter = z.output<ReturnType<typeof articleFrontMatterSchema>>;

/** Keys an article may carry, for did-you-mean suggestions on unknown keys. */
export const ARTICLE_KEYS = ["title", "date", "updated", "section", "authors", "tags", "summary", "image", "draft", "aliases"] as const;
