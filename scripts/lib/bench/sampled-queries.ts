/**
 * Queries drawn at random from the State of the Union texts, with the
 * addresses a reader expects found by the relevance set's own rule
 * (`countInTexts`, `expectedFromCounts`): a check on ranking with queries no
 * one chose or tuned it against. Another seed draws another set.
 *
 * A query is a stretch of one address as a reader might type it, in lower
 * case and without punctuation, of words of letters only: a phrase (two to four words of one clause),
 * a name (one to three capitalised words inside a sentence) or a single long
 * word. It must hold a word that is not a function word, and be in at most
 * `MAX_ADDRESSES` addresses: a query found everywhere asks nothing of ranking.
 */
import { parseQuery } from "../../../src/assets/search/query.ts";
import { between, pick, prng } from "../util/seeded-random.ts";
import { countInTexts, expectedFromCounts, type CorpusText, type RelevanceQuery } from "./search-eval.ts";

export interface SampleOptions {
  count: number;
  seed: number;
}

const MAX_ADDRESSES = 6;
/** A word long enough to be looked for on its own. */
const LONG_WORD = 7;
/** Draws that may fail (a common stretch, a function word) before a query is given up. */
const DRAWS_PER_QUERY = 400;

/**
 * A word as typed: lower case, its surrounding punctuation dropped; undefined
 * for numbers, hyphenated words, and contractions and possessives, whose
 * apostrophe the rule reads as printed (’ or ') but a reader types either way.
 */
function typedWord(word: string): string | undefined {
  const bare = word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  return /^\p{L}+$/u.test(bare) ? bare : undefined;
}

/** Whether a word ends its clause: a stretch of text a reader would type does not run past it. */
const endsClause = (word: string) => /[.,;:!?)"”—]$|--$/.test(word);
const startsSentence = (previous: string | undefined) => previous === undefined || /[.!?:]["”)]?$/.test(previous);
const capitalised = (word: string) => /^["“(]?\p{Lu}/u.test(word);

type Kind = "phrase" | "name" | "word";

/** The words of one draw at `at` in `words`, or undefined when the spot suits no query of the kind. */
function stretch(kind: Kind, words: readonly string[], at: number, length: number): string[] | undefined {
  if (kind === "word") {
    const word = words[at] as string;
    return (typedWord(word)?.length ?? 0) >= LONG_WORD ? [word] : undefined;
  }
  if (kind === "name") {
    // The first name from `at` on: a capitalised word that does not start a sentence.
    let start = at;
    while (start < words.length && (!capitalised(words[start] as string) || startsSentence(words[start - 1]))) start++;
    const name: string[] = [];
    for (let i = start; i < words.length && name.length < length && capitalised(words[i] as string); i++) {
      name.push(words[i] as string);
      if (endsClause(words[i] as string)) break;
    }
    return name.length ? name : undefined;
  }
  const phrase = words.slice(at, at + length);
  return phrase.length === length && !phrase.slice(0, -1).some(endsClause) ? phrase : undefined;
}

/** How many addresses hold each word (as `typedWord` has it), to pass over common words without counting them in every text. */
function addressesPerWord(texts: readonly (readonly string[])[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const words of texts) for (const word of new Set(words.map(typedWord))) if (word) df.set(word, (df.get(word) ?? 0) + 1);
  return df;
}

/**
 * `count` queries drawn from `corpus`, a third of each kind (fewer if it
 * holds fewer), each with the addresses a reader expects.
 */
export function sampleQueries(corpus: readonly CorpusText[], { count, seed }: SampleOptions): RelevanceQuery[] {
  const random = prng(seed);
  const texts = corpus.map((c) => c.text.split(/\s+/).filter(Boolean));
  const df = addressesPerWord(texts);
  const kinds: Kind[] = ["phrase", "name", "word"];
  const drawn = new Map<string, RelevanceQuery>();
  const draw = (kind: Kind): RelevanceQuery | undefined => {
    const words = pick(random, texts);
    const length = kind === "phrase" ? between(random, 2, 4) : between(random, 1, 3);
    const typed = stretch(kind, words, between(random, 0, words.length - 1), length)?.map(typedWord);
    if (!typed || typed.some((w) => w === undefined)) return undefined;
    const query = typed.join(" ");
    if (drawn.has(query) || !parseQuery(query).terms.length) return undefined;
    if (typed.length === 1 && (df.get(query) ?? 0) > MAX_ADDRESSES) return undefined;
    const counts = countInTexts(corpus, query);
    if (!counts.size || counts.size > MAX_ADDRESSES) return undefined;
    const note = [...counts]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([file, n]) => `${file} ${n}`)
      .join(", ");
    return { query, kind, expected: expectedFromCounts(counts), note };
  };
  for (let i = 0; i < count; i++) {
    const kind = kinds[i % kinds.length] as Kind;
    for (let tries = 0; tries < DRAWS_PER_QUERY; tries++) {
      const query = draw(kind);
      if (query) {
        drawn.set(query.query, query);
        break;
      }
    }
  }
  return [...drawn.values()];
}
