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

const LETTERS = 26;

/**
 * How many documents use each vocabulary word. ASCII words, most of any
 * English text, are counted in a trie of letters held in typed arrays, walked
 * straight from the document's characters: a word read costs no string and
 * no hashing, and the build reads millions (slicing each and counting it in a
 * map was slower: docs/performance.md). Other words go in a map.
 */
class WordTally {
  /** Child of node n by letter l at n × 26 + l; 0 for none (node 0 is the root, never a child). */
  #children = new Int32Array(LETTERS * 4096);
  /** Each node's parent and the letter leading to it, to spell the words back. */
  #parent = new Int32Array(4096);
  #letter = new Uint8Array(4096);
  #documents = new Int32Array(4096);
  /** The last document that counted the word ending at each node (0: none yet; documents count from 1). */
  #last = new Int32Array(4096);
  #nodes = 1;
  #others = new Map<string, { documents: number; last: number }>();
  #document = 0;

  /** Starts the next document: from here each word counts once until the next. */
  nextDocument(): void {
    this.#document++;
  }

  #grow(): void {
    const grown = <T extends Int32Array | Uint8Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    const size = this.#documents.length * 2;
    this.#children = grown(this.#children, new Int32Array(size * LETTERS));
    this.#parent = grown(this.#parent, new Int32Array(size));
    this.#letter = grown(this.#letter, new Uint8Array(size));
    this.#documents = grown(this.#documents, new Int32Array(size));
    this.#last = grown(this.#last, new Int32Array(size));
  }

  /** The word `text[start, end)`, ASCII letters and apostrophes only, in lower case without its apostrophes. */
  addAscii(text: string, start: number, end: number): void {
    let children = this.#children;
    let node = 0;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === APOSTROPHE) continue;
      const letter = (c | 32) - 97;
      const at = node * LETTERS + letter;
      let child = children[at] as number;
      if (child === 0) {
        if (this.#nodes === this.#documents.length) {
          this.#grow();
          children = this.#children;
        }
        child = this.#nodes++;
        children[at] = child;
        this.#parent[child] = node;
        this.#letter[child] = letter;
      }
      node = child;
    }
    if (this.#last[node] === this.#document) return;
    this.#last[node] = this.#document;
    this.#documents[node] = (this.#documents[node] ?? 0) + 1;
  }

  /** A normalised vocabulary word. */
  add(word: string): void {
    if (/^[a-z]+$/.test(word)) return this.addAscii(word, 0, word.length);
    const tally = this.#others.get(word);
    if (!tally) this.#others.set(word, { documents: 1, last: this.#document });
    else if (tally.last !== this.#document) {
      tally.documents++;
      tally.last = this.#document;
    }
  }

  counts(): Map<string, number> {
    const counts = new Map<string, number>();
    const codes: number[] = [];
    for (let node = 1; node < this.#nodes; node++) {
      const documents = this.#documents[node] ?? 0;
      if (!documents) continue;
      codes.length = 0;
      for (let at = node; at; at = this.#parent[at] ?? 0) codes.push(97 + (this.#letter[at] ?? 0));
      counts.set(String.fromCharCode(...codes.reverse()), documents);
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
    if (ascii) {
      while (end < n) {
        const d = html.charCodeAt(end);
        if (isAsciiLetter(d)) end++;
        else if (isAsciiDigit(d)) {
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
    if (letters && length >= SHORTEST_VOCABULARY_WORD && length <= LONGEST_VOCABULARY_WORD) tally.addAscii(html, i, end);
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
