/** The pieces an excerpt is made of, whichever way its passage was found (excerpt.ts, unspaced-excerpt.ts). */

/** A stretch of an excerpt, marked when it is what the query matched. */
export interface ExcerptPart {
  text: string;
  mark?: true;
}

/** Adds `text` to the end of `parts`: to the last part when it is of the same kind, marked or not, so neighbours read as one. */
export function appendPart(parts: ExcerptPart[], text: string, mark: boolean): void {
  if (!text) return;
  const last = parts.at(-1);
  if (last && Boolean(last.mark) === mark) last.text += text;
  else parts.push(mark ? { text, mark: true } : { text });
}
