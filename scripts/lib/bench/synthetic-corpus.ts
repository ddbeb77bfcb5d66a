/**
 * A deterministic synthetic content root for benchmarks: N articles of
 * 600–900 words with paragraphs, `##` headings, links and a list, spread over
 * sections, authors, tags and five years of dates. Same seed and sentences,
 * same files, byte for byte. The text comes from real sentences passed in
 * (see brown-corpus.ts), so the search index sees a realistic vocabulary.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { slugify } from "../content/slugs.ts";
import { between, pick, prng } from "../util/seeded-random.ts";

export interface CorpusOptions {
  articles: number;
  seed?: number;
  /** Real sentences to draw from; those of 5 to 60 words are used. */
  sentences: readonly string[];
  sections?: number;
  authors?: number;
  tags?: number;
  /** The newest possible publication day; dates spread over `years` before it. */
  endDate?: string;
  years?: number;
}

export interface CorpusFile {
  /** Relative to the content root, with `/` separators. */
  path: string;
  content: string;
}

export interface ArticlePlan {
  id: string;
  url: string;
  title: string;
  date: string;
  section: string;
  authors: string[];
  tags: string[];
  summary?: string;
  /** Seeds this article's body, so bodies can be generated one at a time in any order. */
  bodySeed: number;
}

export const MIN_WORDS = 600;
export const MAX_WORDS = 900;
const MAX_SENTENCE_WORDS = 60;

const SECTION_NAMES = [
  "World",
  "Politics",
  "Business",
  "Science",
  "Culture",
  "Sport",
  "Opinion",
  "Technology",
  "Health",
  "Education",
  "Environment",
  "Travel",
];
const TAG_NAMES = [
  "Elections",
  "Trade",
  "Climate",
  "Courts",
  "Housing",
  "Schools",
  "Energy",
  "Transport",
  "Farming",
  "Taxes",
  "Health care",
  "Space",
  "Defence",
  "Labour",
  "Banking",
  "Music",
  "Film",
  "Books",
  "Football",
  "Tennis",
  "Cities",
  "Coasts",
  "Water",
  "Budget",
  "Science policy",
  "Migration",
  "Diplomacy",
  "Media",
  "Policing",
  "Weather",
  "Art",
  "Theatre",
  "Railways",
  "Aviation",
  "Fisheries",
  "Forests",
  "Universities",
  "Pensions",
  "Startups",
  "Privacy",
];
const FIRST_NAMES = [
  "Ada",
  "Ben",
  "Clara",
  "David",
  "Elena",
  "Femi",
  "Grace",
  "Hugo",
  "Ines",
  "Jonas",
  "Kemi",
  "Liam",
  "Maya",
  "Nils",
  "Olga",
  "Pablo",
  "Rosa",
  "Sami",
  "Tess",
  "Umar",
];
const LAST_NAMES = [
  "Archer",
  "Bell",
  "Castro",
  "Dunn",
  "Eriksen",
  "Fischer",
  "Gupta",
  "Hale",
  "Ito",
  "Jensen",
  "Khan",
  "Lund",
  "Moreau",
  "Novak",
  "Okafor",
  "Price",
  "Quinn",
  "Reyes",
  "Stone",
  "Tanaka",
];

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;
const yaml = (s: string) => JSON.stringify(s);
const bare = (s: string) => s.replace(/[“”"]/g, "").replace(/[.!?,;:]+$/, "");

function distinct<T>(random: () => number, list: readonly T[], count: number): T[] {
  const chosen = new Set<T>();
  while (chosen.size < Math.min(count, list.length)) chosen.add(pick(random, list));
  return [...chosen];
}

/** The site's sections, authors and tags, as ids and names. */
function corpusVocabulary(options: Pick<CorpusOptions, "seed" | "sections" | "authors" | "tags">) {
  const random = prng((options.seed ?? 1) ^ 0x5eed);
  const sections = SECTION_NAMES.slice(0, options.sections ?? 8).map((name) => ({ id: slugify(name), name }));
  const authorNames = new Set<string>();
  while (authorNames.size < Math.min(options.authors ?? 20, FIRST_NAMES.length * LAST_NAMES.length))
    authorNames.add(`${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`);
  const authors = [...authorNames].map((name) => ({ id: slugify(name), name }));
  const tags = TAG_NAMES.slice(0, options.tags ?? 30);
  return { sections, authors, tags };
}

/** Every article's front matter, in generation order. O(articles). */
export function planArticles(options: CorpusOptions): ArticlePlan[] {
  const random = prng(options.seed ?? 1);
  const { sections, authors, tags } = corpusVocabulary(options);
  const titles = options.sentences.filter((s) => {
    const n = wordCount(s);
    return n >= 6 && n <= 14;
  });
  if (titles.length === 0) throw new Error("corpus: no sentence of 6 to 14 words to make headlines from");
  const end = Date.parse(`${options.endDate ?? "2025-12-31"}T00:00:00Z`);
  const days = Math.round((options.years ?? 5) * 365.25);
  const taken = new Set<string>();
  const plans: ArticlePlan[] = [];
  for (let i = 0; i < options.articles; i++) {
    // 09:00–20:59 UTC is the same calendar day in London, so the file name's date matches.
    const when = new Date(end - between(random, 0, days - 1) * 86_400_000 + between(random, 9 * 60, 21 * 60 - 1) * 60_000);
    const day = when.toISOString().slice(0, 10);
    const title = bare(pick(random, titles));
    const base = slugify(title.split(" ").slice(0, 6).join(" "), 60) || "story";
    let slug = base;
    for (let n = 2; taken.has(`${day}-${slug}`); n++) slug = `${base}-${n}`;
    taken.add(`${day}-${slug}`);
    const hasSummary = random() < 0.3;
    plans.push({
      id: `${day}-${slug}`,
      url: `/${day.replaceAll("-", "/")}/${slug}/`,
      title,
      date: `${when.toISOString().slice(0, 16)}:00Z`,
      section: pick(random, sections).id,
      authors: distinct(random, authors, random() < 0.8 ? 1 : 2).map((a) => a.id),
      tags: distinct(random, tags, between(random, 1, 4)),
      ...(hasSummary ? { summary: pick(random, titles) } : {}),
      bodySeed: Math.floor(random() * 2 ** 32),
    });
  }
  return plans;
}

/** An article's Markdown body: lead, paragraphs, headings, one list, links; MIN_WORDS..MAX_WORDS words. */
function articleBody(plan: ArticlePlan, sentences: readonly string[], plans: readonly ArticlePlan[]): string {
  const random = prng(plan.bodySeed);
  const target = between(random, MIN_WORDS, MAX_WORDS - MAX_SENTENCE_WORDS);
  let words = 0;
  const blocks: string[] = [];
  const sentence = () => {
    const s = pick(random, sentences);
    words += wordCount(s);
    return s;
  };
  const linked = (s: string, url: string) => {
    const parts = s.split(" ");
    const at = between(random, 0, parts.length - 3);
    const length = between(random, 2, 3);
    return [...parts.slice(0, at), `[${bare(parts.slice(at, at + length).join(" "))}](${url})`, ...parts.slice(at + length)].join(" ");
  };
  blocks.push([sentence(), sentence()].join(" "));
  let paragraph = 1;
  while (words < target) {
    if (paragraph % 4 === 0) {
      const heading = bare(pick(random, sentences))
        .split(" ")
        .slice(0, between(random, 2, 5))
        .join(" ");
      words += wordCount(heading);
      blocks.push(`## ${heading}`);
    }
    if (paragraph === 2) {
      const items = Array.from({ length: between(random, 3, 5) }, () =>
        bare(pick(random, sentences))
          .split(" ")
          .slice(0, between(random, 3, 8))
          .join(" "),
      );
      words += items.reduce((n, item) => n + wordCount(item), 0);
      blocks.push(items.map((item) => `- ${item}`).join("\n"));
    }
    const lines: string[] = [];
    const length = between(random, 3, 5);
    for (let i = 0; i < length && words < target; i++) lines.push(sentence());
    if (paragraph === 1 && lines[0]) lines[0] = linked(lines[0], pick(random, plans).url);
    if (paragraph === 3 && lines[0]) lines[0] = linked(lines[0], `https://example.org/reports/${plan.bodySeed % 1000}`);
    if (lines.length) blocks.push(lines.join(" "));
    paragraph++;
  }
  return `${blocks.join("\n\n")}\n`;
}

function articleFile(plan: ArticlePlan, sentences: readonly string[], plans: readonly ArticlePlan[]): CorpusFile {
  const fm = [
    "---",
    `title: ${yaml(plan.title)}`,
    `date: ${plan.date}`,
    `section: ${plan.section}`,
    `authors: [${plan.authors.join(", ")}]`,
    `tags: [${plan.tags.map(yaml).join(", ")}]`,
    ...(plan.summary ? [`summary: ${yaml(plan.summary)}`] : []),
    "---",
    "",
  ];
  return { path: `src/articles/${plan.id}.md`, content: fm.join("\n") + articleBody(plan, sentences, plans) };
}

/** The data files and every article, generated lazily so 100,000 articles need not sit in memory. */
export function* corpusFiles(options: CorpusOptions): Generator<CorpusFile> {
  const sentences = options.sentences.filter((s) => {
    const n = wordCount(s);
    return n >= 5 && n <= MAX_SENTENCE_WORDS;
  });
  if (sentences.length === 0) throw new Error("corpus: no sentence of 5 to 60 words to write articles from");
  const plans = planArticles(options);
  const { sections, authors } = corpusVocabulary(options);
  yield {
    path: "_data/site.yaml",
    content: [
      "title: Broadsheet",
      "tagline: News and commentary",
      "url: https://broadsheet.example.org",
      "language: en-GB",
      "locale: en-GB",
      "timeZone: Europe/London",
      "teaserLength: 60",
      "perPage: 20",
      "",
    ].join("\n"),
  };
  yield {
    path: "_data/sections.yaml",
    content: sections
      .map((s) => `- id: ${s.id}\n  name: ${s.name}\n  description: ${yaml(`Reporting on ${s.name.toLowerCase()}.`)}\n`)
      .join(""),
  };
  yield {
    path: "_data/authors.yaml",
    content: authors.map((a) => `${a.id}:\n  name: ${a.name}\n  bio: ${yaml(`${a.name} is a staff writer.`)}\n`).join(""),
  };
  const newest = [...plans].sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id)).slice(0, 4);
  yield {
    path: "_data/teasers.yaml",
    content: `latest:\n${newest.map((p) => `  - article: ${p.id}\n`).join("")}  - text: "A wire story from elsewhere, with a headline long enough to be cut"\n    url: https://example.org/wire/1\n`,
  };
  for (const plan of plans) yield articleFile(plan, sentences, plans);
}

/** Writes the corpus under `root` (which should be empty); returns how many articles it wrote. */
export async function writeCorpus(root: string, options: CorpusOptions): Promise<number> {
  await mkdir(path.join(root, "_data"), { recursive: true });
  await mkdir(path.join(root, "src/articles"), { recursive: true });
  let batch: Promise<void>[] = [];
  for (const file of corpusFiles(options)) {
    batch.push(writeFile(path.join(root, file.path), file.content));
    if (batch.length >= 64) {
      await Promise.all(batch);
      batch = [];
    }
  }
  await Promise.all(batch);
  return options.articles;
}
