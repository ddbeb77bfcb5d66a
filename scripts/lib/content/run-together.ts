/**
 * Sentences run together without a space: "America is free.In 9 years". Text
 * pasted from a source that dropped its paragraph breaks reads wrongly, and
 * "free.In" looks like a domain name. The build and `npm run check:content`
 * warn about them; the State of the Union importer puts the space back.
 *
 * Two lower-case letters, a full stop, question or exclamation mark, then a
 * capital and a lower-case letter: "you.To", "do.Obamacare". Initials and
 * abbreviations ("U.S.The", "e.g.This") and names such as "Node.js" do not
 * match.
 */
const RUN_TOGETHER_SOURCE = String.raw`(?<=\p{Ll}\p{Ll})[.!?](?=\p{Lu}\p{Ll})`;
const RUN_TOGETHER = new RegExp(RUN_TOGETHER_SOURCE, "gu");
const HAS_RUN_TOGETHER = new RegExp(RUN_TOGETHER_SOURCE, "u");

/** Whether `text` runs sentences together anywhere: a test without collecting, as almost no text does. */
export const hasRunTogether = (text: string): boolean => HAS_RUN_TOGETHER.test(text);

/** Each run-together place in `text`, as the words around it ("free.In"). */
export function runTogetherSentences(text: string): string[] {
  return [...text.matchAll(RUN_TOGETHER)].map((m) => {
    const before = /[\p{L}\p{N}'’-]*$/u.exec(text.slice(0, m.index))?.[0] ?? "";
    const after = /^[\p{L}\p{N}'’-]*/u.exec(text.slice(m.index + 1))?.[0] ?? "";
    return `${before}${m[0]}${after}`;
  });
}

/** `text` with a space after each stop that runs one sentence into the next. */
export function separateSentences(text: string): string {
  return text.replace(RUN_TOGETHER, "$& ");
}
