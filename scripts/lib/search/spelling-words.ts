/**
 * The spelling vocabulary's words (src/assets/search/spelling-vocabulary.ts),
 * counted from the search documents (search-document.ts): each index part's
 * words are counted on the index's worker while Pagefind indexes the part, and
 * kept with the part's bundle in the build cache, so a rebuild counts only the
 * parts it indexes again; the site's vocabulary is then summed from the parts.
 *
 * Words are read as the search page reads a query's (`TEXT_WORDS`, then
 * `normaliseWord`), from the document's text: tags and their attributes (the
 * date, section and filter values) are not words, and an entity (`&amp;`)
 * separates words as the character it stands for would.
 */
import { normaliseWord, TEXT_WORDS } from "../../../src/assets/search/query.ts";
import {
  formatVocabulary,
  LONGEST_VOCABULARY_WORD,
  SHORTEST_VOCABULARY_WORD,
  type VocabularyWord,
} from "../../../src/assets/search/spelling-vocabulary.ts";

/**
 * How words are counted, in each part's cache key: a change to the counting
 * must change it, or parts kept from earlier builds keep their old counts.
 */
export const COUNTING = 1;

/** Words used by fewer articles are left out: a word one article uses is as often a name or a typo as a word to suggest. */
export const FEWEST_ARTICLES = 2;
/**
 * The most words a vocabulary lists, the commonest kept: it is fetched whole
 * when a search needs a suggestion (~4 bytes a word compressed), and the
 * rarest words are the least likely meant.
 */
export const MOST_WORDS = 40_000;

/** A vocabulary word once normalised: letters (and their marks) only, of a length a reader types. */
const VOCABULARY_WORD = new RegExp(`^[\\p{L}\\p{M}]{${SHORTEST_VOCABULARY_WORD},${LONGEST_VOCABULARY_WORD}}$`, "u");

const isAsciiLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isAsciiDigit = (c: number) => c >= 48 && c <= 57;
const APOSTROPHE = 39;
const LESS_THAN = 60;
const AMPERSAND = 38;
const SEMICOLON = 59;
const HASH = 35;
/** The longest entity name skipped as one (`thetasym`, `#x1F600`); after a longer run of letters `&` is text. */
const LONGEST_ENTITY = 10;

/** FNV-1a's 32-bit prime: each letter of an ASCII word is mixed into its hash as the word is read. */
const FNV_PRIME = 0x01000193;
const FNV_OFFSET = 0x811c9dc5 | 0;
const mix = (hash: number, lowerCaseLetter: number) => Math.imul(hash ^ lowerCaseLetter, FNV_PRIME);

/**
 * How many documents use each vocabulary word. ASCII words, most of any
 * English text, are hashed as they are read and counted in an open-addressed
 * table of typed arrays, their letters kept once in a byte pool: a word read
 * costs no string and one probe of a table that stays in the processor's
 * cache (a trie of letters cost a scattered read per letter, and slicing each
 * word and counting it in a map was slower still: docs/performance.md).
 * Other words go in a map.
 */
class WordTally {
  /** Each slot holds a word's number + 1, or 0 when empty; a power of two, at most half full. */
  #slots = new Int32Array(1 << 15);
  #hash = new Int32Array(1 << 14);
  /** Where each word's letters (lower case, no apostrophes) start in the pool, and how many there are. */
  #start = new Int32Array(1 << 14);
  #length = new Uint8Array(1 << 14);
  #documents = new Int32Array(1 << 14);
  /** The last document that counted each word (0: none yet; documents count from 1). */
  #last = new Int32Array(1 << 14);
  #pool = new Uint8Array(1 << 17);
  #pooled = 0;
  #words = 0;
  #others = new Map<string, { documents: number; last: number }>();
  #document = 0;

  /** Starts the next document: from here each word counts once until the next. */
  nextDocument(): void {
    this.#document++;
  }

  /** Whether word `w`'s letters are those of `text[start, end)`, in lower case without its apostrophes. */
  #spells(w: number, text: string, start: number, end: number): boolean {
    let at = this.#start[w] ?? 0;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c !== APOSTROPHE && (c | 32) !== this.#pool[at++]) return false;
    }
    return true;
  }

  /**
   * The word `text[start, end)`, ASCII letters and apostrophes only, `length`
   * letters, whose lower-case letters `hash` mixes (`mix`, from `FNV_OFFSET`).
   */
  addAscii(text: string, start: number, end: number, length: number, hash: number): void {
    const mask = this.#slots.length - 1;
    let slot = hash & mask;
    for (;;) {
      const entry = this.#slots[slot] ?? 0;
      if (entry === 0) break;
      const w = entry - 1;
      if (this.#hash[w] === hash && this.#length[w] === length && this.#spells(w, text, start, end)) {
        if (this.#last[w] !== this.#document) {
          this.#last[w] = this.#document;
          this.#documents[w] = (this.#documents[w] ?? 0) + 1;
        }
        return;
      }
      slot = (slot + 1) & mask;
    }
    const w = this.#newWord(hash, length);
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c !== APOSTROPHE) this.#pool[this.#pooled++] = c | 32;
    }
    this.#last[w] = this.#document;
    this.#documents[w] = 1;
    if (this.#words * 2 > this.#slots.length) this.#rehash();
    else this.#slots[slot] = w + 1;
  }

  #newWord(hash: number, length: number): number {
    if (this.#words === this.#hash.length) {
      const grown = <T extends Int32Array | Uint8Array>(from: T, to: T): T => {
        to.set(from);
        return to;
      };
      const size = this.#hash.length * 2;
      this.#hash = grown(this.#hash, new Int32Array(size));
      this.#start = grown(this.#start, new Int32Array(size));
      this.#length = grown(this.#length, new Uint8Array(size));
      this.#documents = grown(this.#documents, new Int32Array(size));
      this.#last = grown(this.#last, new Int32Array(size));
    }
    if (this.#pooled + length > this.#pool.length) {
      const pool = new Uint8Array(this.#pool.length * 2);
      pool.set(this.#pool);
      this.#pool = pool;
    }
    const w = this.#words++;
    this.#hash[w] = hash;
    this.#start[w] = this.#pooled;
    this.#length[w] = length;
    return w;
  }

  /** Twice the slots, every word placed again (the word just added among them). */
  #rehash(): void {
    this.#slots = new Int32Array(this.#slots.length * 2);
    const mask = this.#slots.length - 1;
    for (let w = 0; w < this.#words; w++) {
      let slot = (this.#hash[w] ?? 0) & mask;
      while (this.#slots[slot]) slot = (slot + 1) & mask;
      this.#slots[slot] = w + 1;
    }
  }

  /** A normalised vocabulary word. */
  add(word: string): void {
    if (/^[a-z]+$/.test(word)) {
      let hash = FNV_OFFSET;
      for (let i = 0; i < word.length; i++) hash = mix(hash, word.charCodeAt(i));
      return this.addAscii(word, 0, word.length, word.length, hash);
    }
    const tally = this.#others.get(word);
    if (!tally) this.#others.set(word, { documents: 1, last: this.#document });
    else if (tally.last !== this.#document) {
      tally.documents++;
      tally.last = this.#document;
    }
  }

  counts(): Map<string, number> {
    const counts = new Map<string, number>();
    const decoder = new TextDecoder();
    for (let w = 0; w < this.#words; w++) {
      const start = this.#start[w] ?? 0;
      counts.set(decoder.decode(this.#pool.subarray(start, start + (this.#length[w] ?? 0))), this.#documents[w] ?? 0);
    }
    for (const [word, { documents }] of this.#others) counts.set(word, documents);
    return counts;
  }
}

/**
 * Counts each vocabulary word of one search document into `tally`. A run of
 * ASCII letters, digits and inner apostrophes is read directly; a word with
 * any other character in it is read by `TEXT_WORDS` and normalised, so both
 * paths give what the search page would.
 */
function tallyDocument(html: string, tally: WordTally): void {
  const unusual = new RegExp(TEXT_WORDS.source, "uy");
  const n = html.length;
  let i = 0;
  while (i < n) {
    const c = html.charCodeAt(i);
    if (c === LESS_THAN) {
      const end = html.indexOf(">", i);
      i = end < 0 ? n : end + 1;
      continue;
    }
    if (c === AMPERSAND) {
      let end = i + 1;
      while (
        end < n &&
        end - i <= LONGEST_ENTITY &&
        (isAsciiLetter(html.charCodeAt(end)) || isAsciiDigit(html.charCodeAt(end)) || html.charCodeAt(end) === HASH)
      )
        end++;
      i = end > i + 1 && html.charCodeAt(end) === SEMICOLON ? end + 1 : i + 1;
      continue;
    }
    const ascii = isAsciiLetter(c) || isAsciiDigit(c);
    if (!ascii && c < 128) {
      i++;
      continue;
    }
    let end = i;
    let letters = true;
    let apostrophes = 0;
    let hash = FNV_OFFSET;
    if (ascii) {
      while (end < n) {
        const d = html.charCodeAt(end);
        if (isAsciiLetter(d)) {
          hash = mix(hash, d | 32);
          end++;
        } else if (isAsciiDigit(d)) {
          letters = false;
          end++;
        } else if (d === APOSTROPHE && end + 1 < n && (isAsciiLetter(html.charCodeAt(end + 1)) || isAsciiDigit(html.charCodeAt(end + 1)))) {
          apostrophes++;
          end++;
        } else break;
      }
    }
    const after = html.charCodeAt(end);
    if (after >= 128 || (after === APOSTROPHE && html.charCodeAt(end + 1) >= 128)) {
      // A character beyond ASCII in or after the run: the whole word as the search page reads it.
      unusual.lastIndex = i;
      const match = unusual.exec(html);
      if (!match) {
        i = end + 1;
        continue;
      }
      const word = normaliseWord(match[0]);
      if (VOCABULARY_WORD.test(word)) tally.add(word);
      i = unusual.lastIndex;
      continue;
    }
    const length = end - i - apostrophes;
    if (letters && length >= SHORTEST_VOCABULARY_WORD && length <= LONGEST_VOCABULARY_WORD) tally.addAscii(html, i, end, length, hash);
    i = end;
  }
}

/** How many of `documents` use each vocabulary word. */
export function countWords(documents: readonly { html: string }[]): Map<string, number> {
  const tally = new WordTally();
  for (const { html } of documents) {
    tally.nextDocument();
    tallyDocument(html, tally);
  }
  return tally.counts();
}

/** Adds a part's counts, as its words file holds them (`[word, articles]` pairs), to the site's. */
export function addCounts(site: Map<string, number>, part: readonly (readonly [string, number])[]): void {
  for (const [word, articles] of part) site.set(word, (site.get(word) ?? 0) + articles);
}

/** The site's vocabulary file: words used by at least `FEWEST_ARTICLES` articles, at most `MOST_WORDS` of them, commonest first. */
export function vocabularyFile(counts: ReadonlyMap<string, number>): string {
  const words: VocabularyWord[] = [];
  for (const [word, articles] of counts) if (articles >= FEWEST_ARTICLES) words.push({ word, articles });
  words.sort((a, b) => b.articles - a.articles || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
  return formatVocabulary(words.slice(0, MOST_WORDS));
}
