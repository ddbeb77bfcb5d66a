/**
 * "Did you mean": the query with each of its scored words that no page holds
 * replaced by the nearest word the archive does hold, whether the search found
 * nothing or found pages only by a shorter word that starts the one typed.
 *
 * Candidates come from two places. The archive's spelling vocabulary
 * (spelling-vocabulary.ts: the words two or more articles use) mends a typo
 * anywhere in a word: "acording" → "according", "fresident" → "president".
 * And Pagefind finds the pages holding words that start like the typed one:
 * the word is cut back a letter at a time (keeping at least half of it, and
 * three letters) until some page holds a word starting so, and the words
 * starting so in the first pages found are candidates; this finds the words
 * one article alone uses (a name: "bessant" → "bessent"), and works with no
 * vocabulary (one not yet fetched offline). A vocabulary word one edit away is
 * taken at once; otherwise the nearer of the two, within a third of the
 * typed word's length in edits, the vocabulary's on a tie.
 */
import { didYouMean, editDistance } from "../did-you-mean.ts";
import type { Pagefind, PagefindSearchOptions } from "./pagefind-types.ts";
import { aroundOf, normaliseWord, quoted, TEXT_WORDS, type ParsedQuery } from "./query.ts";
import { LONGEST_VOCABULARY_WORD, nearestInVocabulary } from "./spelling-vocabulary.ts";

/** Pages whose text is read for candidates: the first found for a cut-back word. */
const PAGES_READ = 5;
/** The fewest letters a cut-back word keeps. */
const SHORTEST_START = 3;
/**
 * The longest word mended: no word of the vocabulary is longer, and a
 * hyphenated one twice as long has parts enough ("state-of-the-art"). A
 * longer string (a pasted line, a word held down) is no word to mend, and
 * cutting it back a letter at a time would take a search per letter.
 */
const LONGEST_MENDED = LONGEST_VOCABULARY_WORD;
const LONGEST_MENDED_HYPHENATED = 2 * LONGEST_VOCABULARY_WORD;

/** The words of `texts` starting with `start`, normalised, most frequent first. */
export function wordsStartingWith(texts: readonly string[], start: string): string[] {
  const counts = new Map<string, number>();
  for (const text of texts)
    for (const match of text.matchAll(TEXT_WORDS)) {
      const word = normaliseWord(match[0]);
      if (word.startsWith(start)) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([word]) => word);
}

/** The nearest word for `word` that pages starting like it hold; undefined when none is near enough. */
async function nearestByStart(pf: Pagefind, options: PagefindSearchOptions, word: string): Promise<string | undefined> {
  const shortest = Math.max(SHORTEST_START, Math.ceil(word.length / 2));
  for (let length = word.length - 1; length >= shortest; length--) {
    const start = word.slice(0, length);
    const found = await pf.search(start, options);
    if (!found.results.length) continue;
    const texts = await Promise.all(found.results.slice(0, PAGES_READ).map(async (r) => (await r.data()).content));
    const near = didYouMean(
      word,
      wordsStartingWith(texts, start).filter((w) => w !== word),
    );
    if (near) return near;
  }
  return undefined;
}

/** The nearest word the archive holds for `word`, which it does not hold; undefined when none is near enough. */
async function nearestWord(
  pf: Pagefind,
  options: PagefindSearchOptions,
  word: string,
  vocabulary: readonly string[] | undefined,
): Promise<string | undefined> {
  const listed = vocabulary && nearestInVocabulary(word, vocabulary);
  if (listed && editDistance(word, listed) === 1) return listed;
  const started = await nearestByStart(pf, options, word);
  if (!listed || !started) return listed ?? started;
  return editDistance(word, started) < editDistance(word, listed) ? started : listed;
}

/** A word typed with hyphens between its parts ("health-care", "al-qaida"). */
const HYPHENATED = /^[\p{L}\p{N}\p{M}]+(?:[-\u2010\u2011][\p{L}\p{N}\p{M}]+)+$/u;
const HYPHENS = /[-\u2010\u2011]/;
const EVERY_HYPHEN = new RegExp(HYPHENS.source, "g");

/** A typed word's parts between its hyphens, normalised; undefined when it is not hyphenated. */
function hyphenatedParts(typed: string): string[] | undefined {
  const core = aroundOf(typed)[1];
  return HYPHENATED.test(core) ? core.split(HYPHENS).map(normaliseWord) : undefined;
}

/**
 * The query's hyphenated words to write apart, normalised as query words
 * ("healthcare" → "health care"). Pagefind reads "health-care" as one word,
 * "healthcare", which a page writing "health care" does not hold; so where
 * more pages hold the parts as a phrase than the joined word, the parts are
 * suggested.
 */
async function wordsApart(pf: Pagefind, options: PagefindSearchOptions, query: ParsedQuery): Promise<Map<string, string>> {
  const apart = new Map<string, string>();
  for (const { typed, text: joined } of query.words) {
    const parts = hyphenatedParts(typed);
    if (!parts || apart.has(joined) || joined.length > LONGEST_MENDED_HYPHENATED) continue;
    // Both exact: for a word no page holds, Pagefind's plain search falls back to words starting like a shorter one.
    const [together, phrase] = await Promise.all([pf.search(quoted([joined]), options), pf.search(quoted(parts), options)]);
    if (phrase.results.length > together.results.length) apart.set(joined, parts.join(" "));
  }
  return apart;
}

/**
 * The query to suggest instead of `query`, or undefined: its hyphenated words
 * written apart where pages write them so (`wordsApart`), and each other word
 * that needs another spelling replaced. `held(word)` says whether a scored
 * word needs none (the index holds it itself). `vocabulary` gives the
 * archive's spelling vocabulary, fetched once it is first needed; undefined
 * when there is none.
 */
export async function suggestSpelling(
  pf: Pagefind,
  options: PagefindSearchOptions,
  query: ParsedQuery,
  held: (term: number) => boolean,
  vocabulary: () => Promise<readonly string[] | undefined>,
): Promise<string | undefined> {
  const replaced = await wordsApart(pf, options, query);
  for (const [t, term] of query.terms.entries()) {
    if (replaced.has(term) || held(t) || term.length <= SHORTEST_START || term.length > LONGEST_MENDED_HYPHENATED) continue;
    const near =
      (term.length <= LONGEST_MENDED ? await nearestWord(pf, options, term, await vocabulary()) : undefined) ??
      (await partsMended(pf, options, query.words.find((w) => w.text === term)?.typed ?? "", vocabulary));
    if (near) replaced.set(term, near);
  }
  if (!replaced.size) return undefined;
  return respelt(query, replaced);
}

/**
 * A hyphenated word with a slip in one of its parts, mended part by part
 * ("self-goverment" → "self-government"): Pagefind reads the typed word
 * whole, "selfgoverment", which nothing is near, as the pages' words are
 * counted and read apart at their hyphens. A part any page holds as it is
 * stays; undefined when no part needs mending or none could be.
 */
async function partsMended(
  pf: Pagefind,
  options: PagefindSearchOptions,
  typed: string,
  vocabulary: () => Promise<readonly string[] | undefined>,
): Promise<string | undefined> {
  let mended = false;
  const parts: string[] = [];
  for (const part of hyphenatedParts(typed) ?? []) {
    const held = part.length <= SHORTEST_START || (await pf.search(quoted([part]), options)).results.length > 0;
    const near = held ? undefined : await nearestWord(pf, options, part, await vocabulary());
    mended ||= near !== undefined;
    parts.push(near ?? part);
  }
  return mended ? parts.join("-") : undefined;
}

/**
 * `word` cut where the typed `parts` meet, along the fewest edits from their
 * letters to its: a hyphenated word mended whole ("anti-slavary" read as
 * "antislavary", mended to "antislavery") is cut back into its parts
 * ("anti", "slavery"). Undefined when a cut would leave a part empty.
 */
function piecesAlong(parts: readonly string[], word: string): string[] | undefined {
  const from = parts.join("");
  const width = word.length + 1;
  // Edits between each start of `from` and each start of `word`, a row per letter of `from`.
  const edits = new Int32Array((from.length + 1) * width);
  for (let j = 0; j < width; j++) edits[j] = j;
  for (let i = 1; i <= from.length; i++) {
    edits[i * width] = i;
    for (let j = 1; j < width; j++) {
      const swap = (edits[(i - 1) * width + j - 1] ?? 0) + (from[i - 1] === word[j - 1] ? 0 : 1);
      edits[i * width + j] = Math.min(swap, (edits[(i - 1) * width + j] ?? 0) + 1, (edits[i * width + j - 1] ?? 0) + 1);
    }
  }
  // Back along the fewest edits: where each letter of `from` starts in `word` (the earliest, for a letter inserted there).
  const startIn = new Int32Array(from.length + 1);
  for (let i = from.length, j = word.length; i > 0 || j > 0;) {
    startIn[i] = j;
    const here = edits[i * width + j] ?? 0;
    if (i > 0 && j > 0 && here === (edits[(i - 1) * width + j - 1] ?? 0) + (from[i - 1] === word[j - 1] ? 0 : 1)) {
      i--;
      j--;
    } else if (i > 0 && here === (edits[(i - 1) * width + j] ?? 0) + 1) i--;
    else j--;
  }
  const pieces: string[] = [];
  let start = 0;
  let at = 0;
  for (const part of parts.slice(0, -1)) {
    at += part.length;
    const end = startIn[at] ?? 0;
    if (end <= start || end >= word.length) return undefined;
    pieces.push(word.slice(start, end));
    start = end;
  }
  return [...pieces, word.slice(start)];
}

/** `word` in the case the reader typed `core` in: all capitals, a capital first, or as it is. */
function inTypedCase(word: string, core: string): string {
  const letters = core.replace(/\P{L}/gu, "");
  const lower = letters.toLocaleLowerCase();
  if (letters.length > 1 && letters === letters.toLocaleUpperCase() && letters !== lower) return word.toLocaleUpperCase();
  const first = letters.charAt(0);
  if (first !== first.toLocaleLowerCase() && letters.slice(1) === lower.slice(1)) return word.charAt(0).toLocaleUpperCase() + word.slice(1);
  return word;
}

/** A word's ending after an apostrophe ("Rosevelt’s", "they’ll"). */
const APOSTROPHE_ENDING = /^.*\p{L}(['’])(\p{L}{1,2})$/u;

/**
 * How the reader would have typed `replacement` (normalised) for `typed`: its
 * punctuation around, its case, an apostrophe before the same ending
 * ("Rosevelt’s" → "Roosevelt’s"), a hyphenated word's own parts when it
 * is written apart ("Health-Care" → "Health Care"), and its hyphens, with
 * each part's case, when it is mended ("Self-Goverment" → "Self-Government",
 * "Anti-Slavary" → "Anti-Slavery").
 */
export function respellWord(typed: string, replacement: string): string {
  const [before, core, after] = aroundOf(typed);
  const parts = core.split(HYPHENS);
  if (parts.map(normaliseWord).join(" ") === replacement) return before + parts.join(" ") + after;
  // Mended part by part (partsMended), or mended whole: each part in its typed part's case, between the typed hyphens.
  const mended = replacement.split("-");
  const pieces =
    mended.length === parts.length ? mended : parts.length > 1 ? piecesAlong(parts.map(normaliseWord), replacement) : undefined;
  if (pieces && pieces.length > 1) {
    const hyphens = core.match(EVERY_HYPHEN) ?? [];
    return before + pieces.map((word, i) => inTypedCase(word, parts[i] ?? "") + (hyphens[i] ?? "")).join("") + after;
  }
  let word = replacement;
  const [, apostrophe, ending] = APOSTROPHE_ENDING.exec(core) ?? [];
  const tail = ending && normaliseWord(ending);
  if (apostrophe && tail && word.length > tail.length && word.endsWith(tail)) word = `${word.slice(0, -tail.length)}${apostrophe}${tail}`;
  return before + inTypedCase(word, core) + after;
}

/** The query as typed with the `replaced` words respelt, each quoted phrase in quotes again, so the suggestion asks for what the reader did. */
function respelt(query: ParsedQuery, replaced: ReadonlyMap<string, string>): string {
  const runs: string[] = [];
  let run: string[] = [];
  let phrase: number | undefined;
  const close = () => {
    if (run.length) runs.push(phrase === undefined ? run.join(" ") : quoted(run));
    run = [];
  };
  for (const word of query.words) {
    if (word.phrase !== phrase) close();
    phrase = word.phrase;
    const replacement = replaced.get(word.text);
    run.push(replacement === undefined ? word.typed : respellWord(word.typed, replacement));
  }
  close();
  // Words left out stay left out, after the rest.
  return [...runs, ...query.excluded.map((e) => e.typed)].join(" ");
}
