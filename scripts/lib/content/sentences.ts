/**
 * Where sentences end in running English text. `Intl.Segmenter` breaks after
 * every "Mr." and "U.S." before a capital, so this reads the stops itself:
 * a stop, closing quotes or brackets, space, then a capital, digit or
 * opening mark; never after an abbreviation or an initial.
 */

/** Abbreviations whose full stop does not end a sentence (compared lower-case, without the stop). */
const ABBREVIATIONS = new Set(
  "mr mrs messrs ms dr st gen col capt lieut hon gov sen rep jr sr no nos vol art sec ft mt jan feb mar apr aug sept oct nov dec co bros gov't".split(
    " ",
  ),
);

/** Could the word before a full stop be an abbreviation or an initial (`D.`, `U.S.`)? */
function isAbbreviation(word: string): boolean {
  const bare = word.replace(/^["'(“‘[]+/u, "").replace(/\.$/u, "");
  return ABBREVIATIONS.has(bare.toLowerCase()) || /^(?:[A-Za-z]\.)*[A-Za-z]$/u.test(bare);
}

const BOUNDARY = /([.!?]["')\]”’]*)\s+(?=["'(“‘[]*[A-Z0-9])/gu;

export interface SentenceBreak {
  /** Where the sentence ends: after its stop and any closing quotes or brackets. */
  end: number;
  /** Where the next sentence starts, after the space. */
  next: number;
}

/** The ends of the sentences of `text` but the last, in order; lazily, so a caller that needs only the first few reads no further. */
export function* sentenceBreaks(text: string): Generator<SentenceBreak> {
  let start = 0;
  for (const match of text.matchAll(BOUNDARY)) {
    const end = match.index + (match[1]?.length ?? 0);
    const lastWord =
      text
        .slice(start, end)
        .split(/[\s\-–—]/u)
        .at(-1) ?? "";
    if (match[1] === "." && isAbbreviation(lastWord)) continue;
    start = match.index + match[0].length;
    yield { end, next: start };
  }
}
