/**
 * Typos drawn at random from the State of the Union texts, to score "Did you
 * mean" (src/assets/search/spelling.ts) with words no one chose: a word that
 * at least `COMMON` addresses use, with one slip of the keyboard anywhere in
 * it: a letter dropped, added or changed, or two neighbours swapped. A slip
 * that makes another word of the texts is not a typo search can tell, and is
 * drawn again. Another seed draws another set.
 */
import { between, pick, prng } from "../util/seeded-random.ts";
import type { CorpusText, Typo } from "./search-eval.ts";

/** Addresses a word must be in: a word a reader might look for, and one the spelling vocabulary can list. */
const COMMON = 5;
/** Shorter words are left as typed by "Did you mean". */
const SHORTEST = 5;
const LETTERS = "abcdefghijklmnopqrstuvwxyz";
/** Draws that may fail (a slip making a word, one drawn before) before the set is cut short. */
const DRAWS_PER_TYPO = 100;

/** One slip in `word` at a random place. */
function slip(random: () => number, word: string): string {
  const at = between(random, 0, word.length - 1);
  const letter = pick(random, [...LETTERS]);
  switch (between(random, 0, 3)) {
    case 0:
      return word.slice(0, at) + word.slice(at + 1);
    case 1:
      return word.slice(0, at) + letter + word.slice(at);
    case 2:
      return word.slice(0, at) + letter + word.slice(at + 1);
    default: {
      const i = Math.min(at, word.length - 2);
      return word.slice(0, i) + (word[i + 1] ?? "") + (word[i] ?? "") + word.slice(i + 2);
    }
  }
}

/** `count` typos of common words of `corpus`, each different. */
export function sampleTypos(corpus: readonly CorpusText[], { count, seed }: { count: number; seed: number }): Typo[] {
  const random = prng(seed);
  const addresses = new Map<string, number>();
  for (const { text } of corpus)
    for (const word of new Set(text.toLowerCase().match(/\p{L}+/gu) ?? [])) addresses.set(word, (addresses.get(word) ?? 0) + 1);
  const common = [...addresses]
    .filter(([word, n]) => n >= COMMON && word.length >= SHORTEST && /^[a-z]+$/.test(word))
    .map(([word]) => word)
    .sort();
  const typos = new Map<string, Typo>();
  for (let i = 0; i < count && common.length; i++)
    for (let tries = 0; tries < DRAWS_PER_TYPO; tries++) {
      const meant = pick(random, common);
      const typo = slip(random, meant);
      if (addresses.has(typo) || typos.has(typo)) continue;
      typos.set(typo, { typo, meant });
      break;
    }
  return [...typos.values()];
}
