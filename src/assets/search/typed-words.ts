/**
 * Whether a page's text holds the query in the very words the reader typed.
 * Pagefind matches stems, so "detente" also finds "detention", "napoleon"
 * "Napoleonic" and "the maine" "the main": the index alone cannot tell them
 * apart. The page's text can, once it is loaded for the results shown.
 *
 * The words must stand in the typed order with only spaces and punctuation
 * between them, each as typed or with a plural or possessive ending
 * ("napoleons", "Napoleon's"). Text is compared as Pagefind compares it:
 * case and diacritics aside, and a hyphenated word either whole
 * ("anti-trust" for "antitrust") or as its parts.
 */
import { dropPunctuation, foldText } from "./query.ts";

/** Endings a word may take in the text and still be the word typed: plurals and the possessive (its apostrophe is dropped with the punctuation). */
const ENDINGS = ["", "s", "es"];

/** Dashes and slashes, which join words in print ("peace—and", "and/or"). */
const JOINERS = /[\p{Pd}/]+/u;

/** The words of folded text as Pagefind normalises them, hyphenated words whole or, with `split`, as their parts. */
function wordsOf(tokens: readonly string[], split: boolean): string[] {
  return (split ? tokens.flatMap((token) => token.split(JOINERS)) : tokens).map(dropPunctuation).filter(Boolean);
}

/** A typed word and, with `singular`, the word without a plural ending ("taxes": "tax", "taxe"; "harbours": "harbour"). */
function bases(word: string, singular: boolean): string[] {
  if (!singular) return [word];
  return [word, ...(word.endsWith("es") ? [word.slice(0, -2)] : []), ...(/[^s]s$/.test(word) ? [word.slice(0, -1)] : [])];
}

function holdsSequence(words: readonly string[], typed: readonly (readonly string[])[]): boolean {
  const isForm = (found: string, base: string) => ENDINGS.some((ending) => found === base + ending);
  for (let at = 0; at + typed.length <= words.length; at++) {
    if (typed.every((forms, i) => forms.some((base) => isForm(words[at + i] as string, base)))) return true;
  }
  return false;
}

/** How a page's text holds the query: in the words as typed, or only with a typed plural read as its singular. */
export type Holding = "as typed" | "as singular";

/**
 * How `text` holds `typed` (normalised words, in order), if at all: the text
 * is folded and split into words once for both readings.
 */
export function howHeld(text: string, typed: readonly string[]): Holding | undefined {
  if (!typed.length) return undefined;
  const exact = typed.map((word) => bases(word, false));
  const loose = typed.map((word) => bases(word, true));
  // Each word, with any ending, is a stretch of the text once punctuation is dropped: a page lacking one is
  // settled without splitting it into words (the stem's other words, "detention" for "detente", fail here).
  const folded = foldText(text);
  const squeezed = dropPunctuation(folded);
  const present = (forms: readonly (readonly string[])[]) => forms.every((b) => b.some((base) => squeezed.includes(base)));
  if (!present(loose)) return undefined;
  const tokens = folded.split(/\s+/u);
  const whole = wordsOf(tokens, false);
  let split: string[] | undefined;
  const holds = (forms: readonly (readonly string[])[]) =>
    present(forms) && (holdsSequence(whole, forms) || holdsSequence((split ??= wordsOf(tokens, true)), forms));
  if (holds(exact)) return "as typed";
  return holds(loose) ? "as singular" : undefined;
}
