/**
 * The excerpt under a search result: the passage of the article's text that
 * shows why it matched, with the matches marked. It is cut from the text
 * Pagefind stores for the page (its fragment), at the word positions the
 * search returned:
 * - the passage holding the longest run of the query as typed, else the most
 *   (and rarest) scored words close together;
 * - taken from the body: the headline and standfirst open the stored text, and
 *   repeating them says nothing (when only they match, the body's opening is shown);
 * - a run of the query is marked whole, function words included; elsewhere
 *   only scored words are, so "of" is never marked on its own, and words
 *   typed only inside quotes are marked only in their phrase.
 * Text whose words Pagefind split with a dictionary (Chinese, Japanese, Thai)
 * has an excerpt of its own (unspaced-excerpt.ts): its positions cannot be
 * found in it.
 */
import type { ParsedQuery } from "./query.ts";
import { appendPart, type ExcerptPart } from "./excerpt-parts.ts";
import { positionsBySpaces, STORED_WORD_GAPS } from "./index-format.ts";
import { normaliseWord, standsAlone, TEXT_WORDS } from "./query.ts";
import { isTypedForm, preferTyped, typedForms } from "./typed-words.ts";
import type { PhraseRun } from "./ranking.ts";
import { unspacedExcerpt } from "./unspaced-excerpt.ts";

export type { ExcerptPart } from "./excerpt-parts.ts";

export interface ExcerptInput {
  /** The page's stored text (Pagefind's `content`): word positions count its whitespace-separated words. */
  content: string;
  /** The page's headline, which the stored text opens with. */
  headline?: string | undefined;
  /** The words Pagefind counted in the text (its `word_count`); more than the text's spaced words when it split them with a dictionary. */
  wordCount?: number | undefined;
  /** The position of the body's first word; the words before it are the headline and standfirst. */
  bodyStart: number;
  query: ParsedQuery;
  /** Per scored word: its positions in the text. */
  positions: readonly (readonly number[])[];
  /** Per scored word: its weight (rarity). */
  weights: readonly number[];
  runs: readonly PhraseRun[];
  /** Words in the excerpt. */
  length: number;
}

const SENTENCE_END = /[.!?]["'”’)\]]*$/u;

/**
 * The part of a stored word that matched `queryWord`, as character offsets:
 * the first word within it that starts as the query word does (allowing for
 * its ending, as the index's stems do), else all its letters. Punctuation
 * around it stays outside the mark: “automation”, → “[automation]”,
 */
function matchedRange(word: string, queryWord: string): [number, number] {
  const stem = queryWord.slice(0, Math.max(3, queryWord.length - 3));
  const parts = [...word.matchAll(TEXT_WORDS)];
  const part = parts.find((p) => normaliseWord(p[0]).startsWith(stem));
  if (part) return [part.index, part.index + part[0].length];
  const first = parts[0];
  const last = parts.at(-1);
  return first && last ? [first.index, last.index + last[0].length] : [0, word.length];
}

interface Span {
  start: number;
  /** Inclusive. */
  end: number;
  /** The query word (index into `ParsedQuery.words`) at `start`. */
  from: number;
  weight: number;
}

/** A run widened to the function words the query has around it, where the text has them too. */
function phraseSpan(run: PhraseRun, query: ParsedQuery, words: readonly string[], weights: readonly number[]): Span {
  const matches = (k: number, at: number) => {
    const word = words[at];
    return word !== undefined && normaliseWord(word).startsWith(query.words[k]?.text ?? "\u0000");
  };
  let from = run.from;
  let to = run.to;
  while (from > 0 && !query.words[from - 1]?.scored && matches(from - 1, run.at - (run.from - from) - 1)) from--;
  while (to < query.words.length - 1 && !query.words[to + 1]?.scored && matches(to + 1, run.at + (to - run.from) + 1)) to++;
  const terms = new Set(query.words.slice(run.from, run.to + 1).flatMap((w) => (w.scored ? [query.terms.indexOf(w.text)] : [])));
  const weight = [...terms].reduce((n, t) => n + (weights[t] ?? 0), 0);
  return { start: run.at - (run.from - from), end: run.at + (to - run.from), from, weight };
}

/** Where the excerpt starts: the window of `length` words, in the body, worth the most. */
function bestStart(spans: Span[], hits: { at: number; term: number }[], weights: readonly number[], length: number, body: number): number {
  const lead = Math.floor(length / 4);
  const starts = [...spans.map((s) => s.start), ...hits.map((h) => h.at)].map((at) => Math.max(body, at - lead));
  let best = body;
  let bestValue = -1;
  for (const start of [...new Set(starts)].sort((a, b) => a - b)) {
    const end = start + length;
    const inside = (from: number, to: number) => from >= start && to < end;
    let value = 0;
    for (const span of spans) if (inside(span.start, span.end)) value += 3 * span.weight;
    const seen = new Set<number>();
    for (const hit of hits) {
      if (!inside(hit.at, hit.at)) continue;
      value += seen.has(hit.term) ? 0.1 * (weights[hit.term] ?? 0) : (weights[hit.term] ?? 0);
      seen.add(hit.term);
    }
    if (value > bestValue) {
      bestValue = value;
      best = start;
    }
  }
  return best;
}

/** Back to the start of the sentence holding the first match, when that keeps the match in the excerpt; else `start`. */
function readableStart(words: readonly string[], start: number, body: number, firstMatch: number, length: number): number {
  const earliest = Math.max(body, firstMatch - Math.floor(length / 2));
  for (let at = firstMatch; at > earliest; at--) if (SENTENCE_END.test(words[at - 1] ?? "")) return at;
  return earliest === body ? body : start;
}

/**
 * Per scored word, its positions where the text has the word as typed (or with
 * an ending), when it has it there at all: Pagefind's positions for a word
 * also count longer words starting like its stem, and an excerpt about
 * "election" should neither pick nor mark the passage saying "electric". A
 * page holding only other words of the stem ("elected") keeps them all.
 */
function typedPositions(
  words: readonly string[],
  positions: readonly (readonly number[])[],
  terms: readonly string[],
): (readonly number[])[] {
  return positions.map((list, t) => {
    const forms = typedForms(terms[t] ?? "");
    return preferTyped(list, (at) => isTypedForm(words[at] ?? "", forms));
  });
}

export function buildExcerpt({
  content,
  headline,
  wordCount,
  bodyStart,
  query,
  positions,
  weights,
  runs,
  length,
}: ExcerptInput): ExcerptPart[] {
  if (wordCount !== undefined && !positionsBySpaces(content, wordCount))
    return unspacedExcerpt({ content, headline, query, weights, length });
  const words = content.split(STORED_WORD_GAPS);
  const body = Math.min(Math.max(0, bodyStart), Math.max(0, words.length - 1));
  const spans = runs.map((run) => phraseSpan(run, query, words, weights)).filter((s) => s.start >= body);
  // A word typed only inside quotes is marked only as part of its phrase.
  const alone = query.terms.map((term) => standsAlone(query, term));
  const hits = typedPositions(words, positions, query.terms).flatMap((list, term) =>
    alone[term] ? list.filter((at) => at >= body).map((at) => ({ at, term })) : [],
  );
  const start0 = bestStart(spans, hits, weights, length, body);
  const firstMatch = Math.min(
    ...spans.filter((s) => s.start >= start0).map((s) => s.start),
    ...hits.filter((h) => h.at >= start0).map((h) => h.at),
  );
  const start = Number.isFinite(firstMatch) ? readableStart(words, start0, body, firstMatch, length) : body;
  const end = Math.min(words.length, start + length);

  // Per word: the query word it matched, and whether the phrase it is in goes on after it.
  const matched = new Map<number, string>();
  const joined = new Set<number>();
  for (const span of spans)
    for (let at = span.start; at <= span.end; at++) {
      matched.set(at, query.words[span.from + at - span.start]?.text ?? "");
      if (at < span.end) joined.add(at);
    }
  for (const hit of hits) if (!matched.has(hit.at)) matched.set(hit.at, query.terms[hit.term] ?? "");

  const parts: ExcerptPart[] = [];
  const push = (text: string, mark: boolean) => appendPart(parts, text, mark);
  if (start > body && !SENTENCE_END.test(words[start - 1] ?? "")) push("… ", false);
  for (let at = start; at < end; at++) {
    const word = words[at] ?? "";
    const gap = at + 1 < end ? " " : "";
    const queryWord = matched.get(at);
    if (queryWord === undefined) {
      push(word + gap, false);
      continue;
    }
    // Inside a phrase everything between its first and last words is marked, spaces included, so it reads as one.
    const [from, to] = matchedRange(word, queryWord);
    const markFrom = joined.has(at - 1) && matched.has(at - 1) ? 0 : from;
    const goesOn = joined.has(at) && at + 1 < end;
    push(word.slice(0, markFrom), false);
    push(goesOn ? word.slice(markFrom) + gap : word.slice(markFrom, to), true);
    if (!goesOn) push(word.slice(to) + gap, false);
  }
  if (end < words.length && !SENTENCE_END.test(words[end - 1] ?? "")) push(" …", false);
  return parts;
}

/** The excerpt as plain text. */
export const excerptText = (parts: readonly ExcerptPart[]): string => parts.map((p) => p.text).join("");
