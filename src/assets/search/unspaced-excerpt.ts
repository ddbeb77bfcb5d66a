/**
 * The excerpt of a page written in a script whose words are not spaced apart
 * (Chinese, Japanese, Thai). Pagefind's word positions count the words its
 * dictionary finds, which the stored text does not mark, so the passage is
 * found from the text itself: the query's words are looked for in it, folded
 * as Pagefind folds them, and the stretch of characters holding the most (and
 * rarest) of them, after the headline, is shown with each of them marked.
 */
import { appendPart, type ExcerptPart } from "./excerpt-parts.ts";
import { foldText, standsAlone, type ParsedQuery } from "./query.ts";

/** Characters shown per word of the excerpt's length: a word of such a script is two or three characters. */
const CHARACTERS_PER_WORD = 3;
/** Ends of a sentence, in these scripts and in others. */
const SENTENCE_END = /[。．！？.!?]/u;

/** `text` folded character by character, with the offset in `text` of each folded character (and of its end). */
function foldedWithOffsets(text: string): { folded: string; offsets: number[] } {
  let folded = "";
  const offsets: number[] = [];
  for (let at = 0; at < text.length;) {
    const character = String.fromCodePoint(text.codePointAt(at) ?? 0);
    const fold = foldText(character);
    for (let k = 0; k < fold.length; k++) offsets.push(at);
    folded += fold;
    at += character.length;
  }
  offsets.push(text.length);
  return { folded, offsets };
}

/** A place in a text holding a word of a query: its range in the text, and which of the words it is. */
export interface TermPlace {
  start: number;
  end: number;
  term: number;
}

/**
 * Every place in `text` holding one of `terms` (words as the query has them,
 * folded), found in the text folded the same way, as ranges of `text`, in
 * order. Empty terms are skipped.
 */
export function termPlaces(text: string, terms: readonly string[]): TermPlace[] {
  const { folded, offsets } = foldedWithOffsets(text);
  const found: TermPlace[] = [];
  terms.forEach((term, t) => {
    if (!term) return;
    for (let at = folded.indexOf(term); at >= 0; at = folded.indexOf(term, at + term.length))
      found.push({ start: offsets[at] ?? 0, end: offsets[at + term.length] ?? text.length, term: t });
  });
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Where the body starts: after the headline, which opens the stored text, and what separates it. */
function bodyOffset(text: string, headline: string | undefined): number {
  if (!headline || !text.startsWith(headline)) return 0;
  let at = headline.length;
  while (at < text.length && /[\s.。]/u.test(text[at] ?? "")) at++;
  return at;
}

export interface UnspacedExcerptInput {
  content: string;
  /** The page's headline, which the stored text opens with. */
  headline?: string | undefined;
  query: ParsedQuery;
  /** Per scored word: its weight (rarity). */
  weights: readonly number[];
  /** Words in the excerpt. */
  length: number;
}

export function unspacedExcerpt({ content, headline, query, weights, length }: UnspacedExcerptInput): ExcerptPart[] {
  const size = length * CHARACTERS_PER_WORD;
  const body = bodyOffset(content, headline);
  // The scored words that count on their own: a word typed only inside quotes is marked only in its phrase.
  const terms = query.terms.map((term) => (standsAlone(query, term) ? term : ""));
  const found = termPlaces(content, terms).filter((f) => f.start >= body);
  const lead = Math.floor(size / 4);
  // The window worth the most: each word counted once by its weight, its repeats for a tenth.
  let start = body;
  let best = -1;
  for (const candidate of new Set(found.map((f) => Math.max(body, f.start - lead)))) {
    const seen = new Set<number>();
    let value = 0;
    for (const f of found) {
      if (f.start < candidate || f.end > candidate + size) continue;
      value += (seen.has(f.term) ? 0.1 : 1) * (weights[f.term] ?? 1);
      seen.add(f.term);
    }
    if (value > best) [best, start] = [value, candidate];
  }
  // From the start of the sentence holding the first match, when that is near enough to keep the match in view.
  const first = found.find((f) => f.start >= start)?.start ?? start;
  for (let at = first; at > Math.max(body, first - 2 * lead); at--)
    if (SENTENCE_END.test(content[at - 1] ?? "")) {
      start = at;
      break;
    }
  const end = Math.min(content.length, start + size);
  const parts: ExcerptPart[] = [];
  if (start > body && !SENTENCE_END.test(content[start - 1] ?? "")) appendPart(parts, "…", false);
  let at = start;
  for (const f of found) {
    if (f.start < at || f.end > end) continue;
    appendPart(parts, content.slice(at, f.start), false);
    appendPart(parts, content.slice(f.start, f.end), true);
    at = f.end;
  }
  appendPart(parts, content.slice(at, end), false);
  if (end < content.length) appendPart(parts, "…", false);
  return parts;
}
