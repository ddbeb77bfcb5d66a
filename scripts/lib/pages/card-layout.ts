/**
 * Setting a card's text in lines: pure functions of word widths, so they are
 * tested without fonts. Lines break between words; a headline takes the
 * largest size at which it fits its box, and one too long even at the
 * smallest size is cut at a word with an ellipsis.
 */

/** Measures a word (or an ellipsis) at a size, in pixels. */
export type Measure = (text: string, size: number) => number;

export interface Fitted {
  size: number;
  lines: string[];
  /** Whether words were left out to fit. */
  cut: boolean;
}

export const ELLIPSIS = "…";

/** Splits a word wider than a line into pieces that fit, so nothing runs off the card. */
function pieces(word: string, size: number, maxWidth: number, measure: Measure): string[] {
  if (measure(word, size) <= maxWidth) return [word];
  const out: string[] = [];
  let piece = "";
  for (const char of word) {
    if (piece && measure(piece + char, size) > maxWidth) {
      out.push(piece);
      piece = "";
    }
    piece += char;
  }
  if (piece) out.push(piece);
  return out;
}

/** Greedy line breaking: each line takes as many words as fit `maxWidth`. */
export function breakLines(words: readonly string[], size: number, maxWidth: number, measure: Measure): string[][] {
  const space = measure(" ", size);
  const lines: string[][] = [];
  let line: string[] = [];
  let width = 0;
  for (const word of words.flatMap((w) => pieces(w, size, maxWidth, measure))) {
    const w = measure(word, size);
    if (line.length > 0 && width + space + w > maxWidth) {
      lines.push(line);
      line = [];
      width = 0;
    }
    width += (line.length > 0 ? space : 0) + w;
    line.push(word);
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/**
 * The largest of `sizes` (largest first) at which `text` fits in the lines
 * `maxLines(size)` allows; failing that, the smallest size with the text cut
 * after the last word that fits, and an ellipsis.
 */
export function fitText(
  text: string,
  sizes: readonly number[],
  maxLines: (size: number) => number,
  maxWidth: number,
  measure: Measure,
): Fitted {
  const words = text.split(/\s+/).filter(Boolean);
  const smallest = sizes.at(-1);
  if (smallest === undefined) throw new Error("fitText needs at least one size");
  for (const size of sizes) {
    const lines = breakLines(words, size, maxWidth, measure);
    if (lines.length <= maxLines(size)) return { size, lines: lines.map((l) => l.join(" ")), cut: false };
  }
  const allowed = Math.max(1, maxLines(smallest));
  const lines = breakLines(words, smallest, maxWidth, measure).slice(0, allowed);
  const last = lines.pop() ?? [];
  // Drop words from the last line until it and the ellipsis fit.
  while (last.length > 1 && measure(`${last.join(" ")}${ELLIPSIS}`, smallest) > maxWidth) last.pop();
  // "harbour,…" reads as a slip; the ellipsis replaces the punctuation.
  const ending = `${last.join(" ").replace(/[\s,;:.\-–—]+$/u, "")}${ELLIPSIS}`;
  return { size: smallest, lines: [...lines.map((l) => l.join(" ")), ending], cut: true };
}
