/**
 * The archive's spelling vocabulary: the words its articles use, each with
 * the number of articles using it, written by the build
 * (scripts/lib/search/spelling-words.ts) and read by "Did you mean" (spelling.ts).
 * With it a typo anywhere in a word is mended ("acording", "fresident"), where
 * Pagefind alone finds candidates only for a typo late in the word.
 *
 * The file is plain text, the commonest words first: one line per article
 * count, `count:word word …`, words in code-unit order within a line. Grouped
 * so, each count is written once and the file compresses to ~4 bytes a word.
 */
import { didYouMean, typoReach } from "../did-you-mean.ts";

/** Words shorter than this are never mended ("Did you mean" leaves them as typed), so none is listed. */
export const SHORTEST_VOCABULARY_WORD = 4;
/** Longer runs of letters are not words a reader types (unspaced text, pasted strings). */
export const LONGEST_VOCABULARY_WORD = 32;

export interface VocabularyWord {
  word: string;
  articles: number;
}

/** The file's text for `words`, which must be in its order: most articles first, then by word. */
export function formatVocabulary(words: readonly VocabularyWord[]): string {
  const lines: string[] = [];
  let count = -1;
  let line: string[] = [];
  for (const { word, articles } of words) {
    if (articles !== count) {
      if (line.length) lines.push(`${count}:${line.join(" ")}`);
      count = articles;
      line = [];
    }
    line.push(word);
  }
  if (line.length) lines.push(`${count}:${line.join(" ")}`);
  return `${lines.join("\n")}\n`;
}

/** The words of a vocabulary file, most articles first; lines that are not `count:words` are skipped. */
export function parseVocabulary(text: string): string[] {
  const words: string[] = [];
  for (const line of text.split("\n")) {
    const colon = line.indexOf(":");
    if (colon < 1 || !/^\d+$/.test(line.slice(0, colon))) continue;
    for (const word of line.slice(colon + 1).split(" ")) if (word) words.push(word);
  }
  return words;
}

/**
 * Edits a vocabulary word may be from a typed one: one, and a second from
 * eight letters on. Every short word has some listed word two edits away
 * ("laptop", "atop"), so only longer words are mended that far; candidates
 * that share the typed word's start (spelling.ts) may go to `typoReach`.
 */
export const vocabularyReach = (word: string): number => Math.min(typoReach(word), 1 + Math.floor(word.length / 8));

/**
 * The vocabulary's nearest word to `word` (normalised, which the vocabulary
 * does not hold), within `vocabularyReach`; of equally near words the one
 * more articles use. Words whose length alone puts them out of reach are not
 * compared.
 */
export function nearestInVocabulary(word: string, vocabulary: readonly string[]): string | undefined {
  const reach = vocabularyReach(word);
  return didYouMean(
    word,
    vocabulary.filter((candidate) => Math.abs(candidate.length - word.length) <= reach && candidate !== word),
    reach,
  );
}
