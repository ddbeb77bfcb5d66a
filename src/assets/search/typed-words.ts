/**
 * How closely a page's text holds the query in the very words the reader typed.
 * Pagefind matches stems, so "detente" also finds "detention", "napoleon"
 * "Napoleonic" and "the maine" "the main": the index alone cannot tell them
 * apart. The page's text can, once it is loaded for the results shown.
 *
 * The words must stand in the typed order with only spaces and punctuation
 * between them, each as typed or with a plural or possessive ending
 * ("napoleons", "Napoleon's"), or, typed with one, without it ("tariffs" and
 * "Saddam's" are held by a page saying "tariff" or "Saddam": a reader typing
 * a plural means the thing, not the grammatical number), though a page with
 * the words as typed comes before one holding only their singular. Text is
 * compared as Pagefind compares it: case and diacritics aside, and a
 * hyphenated word either whole ("anti-trust" for "antitrust") or as its parts.
 */
import { positionsBySpaces, STORED_WORD_GAPS } from "./index-format.ts";
import type { PagefindResultData } from "./pagefind-types.ts";
import { dropPunctuation, foldText, normaliseWord, TEXT_WORDS } from "./query.ts";

/** Endings a word may take in the text and still be the word typed: plurals and the possessive (its apostrophe is dropped with the punctuation). */
const ENDINGS = ["", "s", "es"];

/** Dashes and slashes, which join words in print ("peace—and", "and/or"). */
const JOINERS = /[\p{Pd}/]+/u;

/** The words of folded text as Pagefind normalises them, hyphenated words whole or, with `split`, as their parts. */
function wordsOf(tokens: readonly string[], split: boolean): string[] {
  return (split ? tokens.flatMap((token) => token.split(JOINERS)) : tokens).map(dropPunctuation).filter(Boolean);
}

/** A typed word and the word without a plural ending ("taxes": "tax", "taxe"; "harbours": "harbour"). */
function bases(word: string): string[] {
  return [word, ...(word.endsWith("es") ? [word.slice(0, -2)] : []), ...(/[^s]s$/.test(word) ? [word.slice(0, -1)] : [])];
}

/** Each of `words` with each ending (`ENDINGS`) added. */
const withEndings = (words: readonly string[]): ReadonlySet<string> =>
  new Set(words.flatMap((base) => ENDINGS.map((ending) => base + ending)));

/** Whether `words` hold, somewhere, a run of words each in the set for its place. */
function holdsSequence(words: readonly string[], typed: readonly ReadonlySet<string>[]): boolean {
  for (let at = 0; at + typed.length <= words.length; at++) {
    if (typed.every((forms, i) => forms.has(words[at + i] as string))) return true;
  }
  return false;
}

/**
 * The words taken for `term` (a typed word, normalised): itself, with a plural
 * or possessive ending, or, typed with one, without it. Not a longer word
 * starting like it ("Korean" for "korea", "electric" for "election"), nor
 * another word of its stem ("elected").
 */
export const typedForms = (term: string): ReadonlySet<string> => withEndings(bases(term));

/** Whether a word of the stored text, as it stands there, is one of `forms` (`typedForms`), whole or as one of its hyphenated parts. */
export function isTypedForm(stored: string, forms: ReadonlySet<string>): boolean {
  return forms.has(normaliseWord(stored)) || [...stored.matchAll(TEXT_WORDS)].some((part) => forms.has(normaliseWord(part[0])));
}

/**
 * The matches of a typed word that are the word as typed (`isTyped`), or all
 * of them when none is: Pagefind also matches longer words starting like its
 * stem, which only stand for it on a page without the word itself.
 */
export function preferTyped<T>(matches: readonly T[], isTyped: (match: T) => boolean): readonly T[] {
  const typed = matches.filter(isTyped);
  return typed.length ? typed : matches;
}

/**
 * How a page holds the query as typed: 2, every word as typed (or with a plural
 * or possessive ending added); 1, only with a typed plural or possessive read
 * as its singular; 0, not at all.
 */
export type TypedMatch = 0 | 1 | 2;

/** How `text` holds `typed` (normalised words, in order), by the rules above. */
export function typedMatch(text: string, typed: readonly string[]): TypedMatch {
  if (!typed.length) return 0;
  const forms = typed.map(bases);
  // Each word, with any ending, is a stretch of the text once punctuation is dropped: a page lacking one is
  // settled without splitting it into words (the stem's other words, "detention" for "detente", fail here).
  const folded = foldText(text);
  const squeezed = dropPunctuation(folded);
  if (!forms.every((b) => b.some((base) => squeezed.includes(base)))) return 0;
  const tokens = folded.split(/\s+/u);
  const holds = (sequence: readonly ReadonlySet<string>[]) =>
    holdsSequence(wordsOf(tokens, false), sequence) || holdsSequence(wordsOf(tokens, true), sequence);
  if (!holds(forms.map(withEndings))) return 0;
  return forms.every((b) => b.length === 1) || holds(typed.map((word) => withEndings([word]))) ? 2 : 1;
}

/**
 * The first letters a word must share with a typed word it was matched for
 * to be taken for a form of it: the whole typed word when it is short, else
 * half of it and at least four letters ("prosperity" for "prosperty",
 * "government" for "goverment", not "go" for "gorbachov").
 */
export const sharedStartNeeded = (typed: string): number => Math.min(typed.length, Math.max(4, Math.ceil(typed.length / 2)));

function sharedStart(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Whether a page's text, at the positions Pagefind matched `term` (a typed
 * word, normalised) at, holds a word taken for a form of it: one sharing its
 * first letters (`sharedStartNeeded`). Pagefind matches a word no part of the
 * index holds by the longest word the index holds that starts it, down to a
 * single letter: "zebra" matched "z" in "December z, 1898". Undefined when
 * there is no position to look at, or no way to find one in the text (its
 * words split with a dictionary, or the position past its end).
 */
export function matchesTypedWord(data: MatchedText, positions: readonly number[], term: string): boolean | undefined {
  const words = wordsAt(data, positions);
  if (!words) return undefined;
  const need = sharedStartNeeded(term);
  return words.some((word) => sharedStart(word, term) >= need);
}

/**
 * Whether a word Pagefind matched for `term` goes on past it ("lighthouse"
 * for "lighth"): the typed word starts a word the archive holds, so it is one
 * not yet finished rather than one misspelt.
 */
export function completesTypedWord(data: MatchedText, positions: readonly number[], term: string): boolean {
  return wordsAt(data, positions)?.some((word) => word.length > term.length && word.startsWith(term)) ?? false;
}

type MatchedText = Pick<PagefindResultData, "content" | "word_count">;

/** The words, normalised, at the positions Pagefind matched a word at; undefined where they cannot be found (see matchesTypedWord). */
function wordsAt({ content, word_count: wordCount }: MatchedText, positions: readonly number[]): string[] | undefined {
  if (!positions.length || !positionsBySpaces(content, wordCount)) return undefined;
  const words = content.split(STORED_WORD_GAPS);
  const found = positions.filter((at) => at < words.length);
  if (!found.length) return undefined;
  return found.flatMap((at) => [...(words[at] ?? "").matchAll(TEXT_WORDS)].map((part) => normaliseWord(part[0])));
}
