import { sentenceBreaks } from "./sentences.ts";

const ELLIPSIS = "\u2026";
const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });
/** Word segmentation is dictionary-based for CJK and Thai, so those texts cut between words too. */
const words = new Intl.Segmenter("en", { granularity: "word" });
/** A grapheme that must not stand before the ellipsis: punctuation or space. Symbols such as emoji are content. */
const JUNK = /^[\p{P}\p{Z}\s]+$/u;
/**
 * Text in which every UTF-16 unit is a grapheme of its own: Latin letters,
 * punctuation and spaces, without combining marks, joiners, surrogates or
 * CR LF. Most leads are like this, and counting units is far cheaper than
 * segmenting (each `segment()` call sets up an ICU break iterator).
 */
const ONE_UNIT_GRAPHEMES = /^[\x20-\x7E\u00A0-\u02FF\u2010-\u2027\u2030-\u205E]*$/;

export interface Teaser {
  /** What is displayed: the text itself, or a cut ending in U+2026. */
  text: string;
  /** The whole text, for assistive technology and the tooltip; text cut before it reached us ends at a word, in "…", too. */
  full: string;
  /** Whether `text` is shorter than `full`, so the page needs both. */
  cut: boolean;
}

export function graphemeLength(text: string): number {
  let n = 0;
  for (const _ of graphemes.segment(text)) n++;
  return n;
}

/**
 * The first `count` graphemes of `text` end at this offset, or undefined when
 * the text is shorter. Segmenting a whole lead costs far more than the cut
 * needs, so a window of the text is tried first; its last grapheme may be
 * truncated, so it decides only when it holds more than `count` of them.
 */
function graphemesEnd(text: string, count: number): number | undefined {
  if (ONE_UNIT_GRAPHEMES.test(text)) return count <= text.length ? count : undefined;
  const window = text.slice(0, (count + 1) * 4);
  for (const source of window.length < text.length ? [window, text] : [text]) {
    let seen = 0;
    for (const { index } of graphemes.segment(source)) {
      if (seen === count) return index;
      seen++;
    }
    if (source === text) return seen === count ? text.length : undefined;
  }
  return undefined;
}

/** Whether `text` has at most `limit` graphemes. */
function fitsIn(text: string, limit: number): boolean {
  // A grapheme is at least one UTF-16 unit, so short text fits without segmenting.
  if (text.length <= limit) return true;
  const end = graphemesEnd(text, limit);
  return end === undefined || end === text.length;
}

/** White space other than a single space: text without any is left as it is (most is), not copied. */
const UNCOLLAPSED = /[^\S ]| {2}/;

/** Collapse runs of white space, as HTML would when displaying the text. */
function normaliseSpace(text: string): string {
  return (UNCOLLAPSED.test(text) ? text.replace(/\s+/g, " ") : text).trim();
}

const isAsciiAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** Marks that end a sentence or clause: before a space they stand apart from the word before them. */
const isClosingMark = (c: number) => c === 44 || c === 46 || c === 59 || c === 58 || c === 33 || c === 63;

/**
 * Where the last word ending at or before `cut` ends, for the commonest cut,
 * without setting up a word segmenter: `cut` falls inside or right after a
 * run of ASCII letters and digits that follows a space, and the word before
 * ends in one, maybe followed by one of , . ; : ! ?. The segmenter (UAX #29)
 * reads such a run as one word and breaks at the space, so it ends the same
 * word there. Undefined in every other case, for the segmenter to decide.
 */
function asciiWordEnd(text: string, cut: number): number | undefined {
  let space = cut;
  if (text.charCodeAt(cut) !== 32) {
    if (!isAsciiAlnum(text.charCodeAt(cut))) return undefined;
    while (space > 0 && isAsciiAlnum(text.charCodeAt(space - 1))) space--;
    space--;
    if (space < 0 || text.charCodeAt(space) !== 32) return undefined;
  }
  if (isAsciiAlnum(text.charCodeAt(space - 1))) return space;
  return isClosingMark(text.charCodeAt(space - 1)) && isAsciiAlnum(text.charCodeAt(space - 2)) ? space - 1 : undefined;
}

/**
 * The longest prefix of `text` that ends on a word boundary and spans at most
 * `budget` graphemes. Falls back to a grapheme boundary when even the first
 * word is longer than the budget (a URL, a run of emoji).
 */
function prefixOnWordBoundary(text: string, budget: number): string {
  const graphemeEnd = graphemesEnd(text, budget) ?? text.length;
  const plain = asciiWordEnd(text, graphemeEnd);
  if (plain !== undefined) return text.slice(0, plain);
  // Word breaks only look a few characters ahead; the rest of a long lead does not matter.
  const segments = words.segment(text.slice(0, graphemeEnd + 32));
  // Back from the cut, segment by segment: walking forward from the start made an object of every word before it.
  for (let at = graphemeEnd - 1; at >= 0;) {
    const { index, segment, isWordLike } = segments.containing(at) as Intl.SegmentData;
    if (isWordLike && index + segment.length <= graphemeEnd) return text.slice(0, index + segment.length);
    at = index - 1;
  }
  return text.slice(0, graphemeEnd);
}

/** Drop trailing spaces, dashes, commas and quotes, a whole grapheme at a time. */
function trimEnd(text: string): string {
  if (ONE_UNIT_GRAPHEMES.test(text)) {
    let end = text.length;
    while (end > 0 && JUNK.test(text.charAt(end - 1))) end--;
    return text.slice(0, end);
  }
  const kept = Array.from(graphemes.segment(text), (g) => g.segment);
  while (kept.length && JUNK.test(kept.at(-1) ?? "")) kept.pop();
  return kept.join("");
}

/** Remove the last word when it runs into the end of the text: a cut made upstream may have split it. */
function dropTrailingFragment(text: string): string {
  let fragmentStart = text.length;
  for (const { index, segment, isWordLike } of words.segment(text)) {
    if (isWordLike && index + segment.length === text.length) fragmentStart = index;
  }
  return text.slice(0, fragmentStart);
}

/**
 * Cut `text` to at most `limit` user-perceived characters (graphemes),
 * ellipsis included. Cuts fall between words, never inside a word or a
 * grapheme, and never leave punctuation or a space before the ellipsis.
 *
 * Text that already ends in an ellipsis was cut upstream, possibly mid-word
 * (as in the seed's teaser list), so a word running into that ellipsis is
 * treated as a fragment and dropped, from the whole text too: what screen
 * readers and the tooltip give ends at a word as well.
 */
export function cutTeaser(input: string, limit = 60): Teaser {
  if (limit < 2) throw new RangeError(`teaser limit must be at least 2, got ${limit}`);
  const whole = normaliseSpace(input);
  const cutUpstream = whole.endsWith(ELLIPSIS);
  if (!cutUpstream && fitsIn(whole, limit)) return { text: whole, full: whole, cut: false };

  const body = cutUpstream ? trimEnd(dropTrailingFragment(whole.slice(0, -ELLIPSIS.length))) : whole;
  const full = cutUpstream ? `${body}${ELLIPSIS}` : whole;
  if (cutUpstream && fitsIn(full, limit)) return { text: full, full, cut: false };
  return { text: `${trimEnd(prefixOnWordBoundary(body, limit - 1))}${ELLIPSIS}`, full, cut: true };
}

/** Whole sentences stand as a card's standfirst only when they fill at least this share of it; else the text is cut at a word. */
const SENTENCES_FILL = 0.6;

/**
 * A card's standfirst: `text` when it fits in `limit` graphemes; else its
 * first sentences, when they fill most of the room (a card then reads as
 * written, with no ellipsis); else a cut at a word boundary, as `cutTeaser`.
 */
export function cutStandfirst(input: string, limit: number): string {
  const text = normaliseSpace(input);
  if (text.endsWith(ELLIPSIS) || fitsIn(text, limit)) return cutTeaser(text, limit).text;
  let sentences = 0;
  for (const { end } of sentenceBreaks(text)) {
    if (!fitsIn(text.slice(0, end), limit)) break;
    sentences = end;
  }
  // Where the first 60% of the room ends: whole sentences reaching that far stand as they are.
  const filled = graphemesEnd(text, Math.ceil(limit * SENTENCES_FILL));
  if (sentences > 0 && filled !== undefined && filled <= sentences) return text.slice(0, sentences);
  return cutTeaser(text, limit).text;
}
