/**
 * What a reader typed, read the way ranking and highlighting need it: the
 * words in order, the phrases they put in "quotes" (which must match
 * exactly), the words that count for ranking, and the words typed with a
 * minus before them, which a result must not hold. Function words ("of",
 * "the", "on", …) belong to phrases but never rank or highlight on their own,
 * unless the query has nothing else.
 *
 * Words are normalised as Pagefind normalises them (lower case, no
 * diacritics, punctuation removed), so they line up with its index.
 */

export interface QueryWord {
  /** Normalised, as Pagefind indexes it. */
  text: string;
  /** As the reader typed it, punctuation and case kept ("Roosevelt’s,"), so a suggestion can change only what it mends. */
  typed: string;
  /** Counts towards ranking and highlighting (false for function words when the query has other words). */
  scored: boolean;
  /** Index of the quoted phrase it belongs to, if any. */
  phrase?: number;
}

export interface ParsedQuery {
  /** The query as typed, trimmed. */
  text: string;
  /** Every word in order, quoted ones included. */
  words: QueryWord[];
  /** The quoted phrases, each as its normalised words; a page must hold each exactly. */
  phrases: string[][];
  /** The distinct scored words, in order of first appearance. */
  terms: string[];
  /** Words typed with a minus before them (`-slavery`), normalised and as typed: a page holding one is left out. */
  excluded: { text: string; typed: string }[];
}

/**
 * Short words that carry grammar rather than subject, in English. They still
 * count inside a phrase ("axis of evil"), and a query of nothing else
 * ("to be or not to be") is searched as it is.
 */
const FUNCTION_WORDS = new Set(
  (
    "a an the and or but nor so yet of on in at to for by with from as into onto upon about above after against along among around " +
    "before behind below beneath beside between beyond during except inside near off out outside over past since than through " +
    "throughout till toward towards under until unto up via within without is are was were be been being am do does did has have " +
    "had having will would shall should can could may might must it its it's itself he him his she her hers they them their theirs " +
    "we us our ours you your yours i me my mine this that these those there here who whom whose which what when where why how " +
    "if then than not no all any each every some such own same other both either neither very just also only too"
  ).split(" "),
);

/** Whether a normalised word is a function word. */
export const isFunctionWord = (word: string): boolean => FUNCTION_WORDS.has(word);

/**
 * What Pagefind drops from a word when it indexes it: every character that
 * is not a word character as its regular expressions read `\w` (letters,
 * marks, decimal digits, connectors), so punctuation and symbols alike:
 * "$100" is indexed as "100", "Don’t" as "dont".
 */
const PUNCTUATION = /[^\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]/gu;

/**
 * Text in lower case without diacritics, as Pagefind compares it ("Détente"
 * → "detente"). Kana keep their voicing marks, as in Pagefind: "ガス" (gas)
 * is not "カス" (dregs), nor "がっこう" (school) "かっこう".
 */
export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/(?![\u3099\u309A])\p{M}/gu, "")
    .toLocaleLowerCase()
    .normalize("NFC");
}

/**
 * Whether Pagefind splits the words of a page in `language` (its `lang`) with
 * a dictionary rather than at spaces: Chinese, Japanese and Thai, whose words
 * are not spaced apart.
 */
export const splitsWithDictionary = (language: string): boolean => ["zh", "ja", "th"].includes(language.split("-")[0]?.toLowerCase() ?? "");

/** Words of a text as a reader sees them: letters and digits, apostrophes inside ("don’t"); "Society-in" holds "Society" and "in". */
export const TEXT_WORDS = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu;

/** Text without the punctuation and symbols Pagefind drops. */
export const dropPunctuation = (text: string): string => text.replace(PUNCTUATION, "");

/** A word as Pagefind indexes it: lower case, diacritics and punctuation removed ("Don’t" → "dont"). */
export function normaliseWord(word: string): string {
  return dropPunctuation(foldText(word));
}

const QUOTES = /["“”„]/;
/** A quote mark with a letter or digit on each side: inside a word, not around a phrase. */
const QUOTE_IN_WORD = new RegExp(`(?<=[\\p{L}\\p{N}\\p{M}])${QUOTES.source}(?=[\\p{L}\\p{N}])`, "gu");

/**
 * Splits a query into runs of words, quoted or not; an unclosed quote is read
 * as plain words (the reader is still typing). When the quotes do not pair up,
 * one inside a word is read as the apostrophe it stands for (`keeper"s`, a
 * slip of the shift key), not as a phrase's start that would split the word.
 */
function segments(typed: string): { words: string[]; quoted: boolean }[] {
  // An even number of parts means an odd number of quotes: the last one is unclosed.
  const unpaired = typed.split(QUOTES).length % 2 === 0;
  const parts = unpaired ? typed.replace(QUOTE_IN_WORD, "’").split(QUOTES) : typed.split(QUOTES);
  const unclosed = parts.length % 2 === 0;
  return parts.map((part, i) => ({
    words: part.split(/\s+/).filter(Boolean),
    quoted: i % 2 === 1 && !(unclosed && i === parts.length - 1),
  }));
}

/** A word typed to leave out: a minus, then a letter or digit, outside quotes ("-slavery"; not "-5", a number below zero). */
const EXCLUDED = /^-+(?=\p{L})/u;

export function parseQuery(input: string): ParsedQuery {
  const text = input.trim();
  const words: QueryWord[] = [];
  const phrases: string[][] = [];
  const excluded: ParsedQuery["excluded"] = [];
  const parts = segments(text);
  // A query of excluded words alone leaves nothing to search for: its minuses are read as typed, like any other punctuation.
  const searchesFor = parts.some((s) => s.words.some((typed) => (s.quoted || !EXCLUDED.test(typed)) && normaliseWord(typed)));
  for (const segment of parts) {
    const kept = segment.words.filter((typed) => {
      if (segment.quoted || !searchesFor || !EXCLUDED.test(typed)) return true;
      const word = normaliseWord(typed);
      if (word && !excluded.some((e) => e.text === word)) excluded.push({ text: word, typed });
      return false;
    });
    const read = kept.map((typed) => ({ typed, text: normaliseWord(typed) })).filter((w) => w.text);
    if (!read.length) continue;
    const phrase = segment.quoted ? phrases.push(read.map((w) => w.text)) - 1 : undefined;
    for (const word of read) words.push({ ...word, scored: true, ...(phrase === undefined ? {} : { phrase }) });
  }
  const onlyFunctionWords = words.every((w) => isFunctionWord(w.text));
  for (const word of words) word.scored = onlyFunctionWords || !isFunctionWord(word.text);
  const terms = [...new Set(words.filter((w) => w.scored).map((w) => w.text))];
  return { text, words, phrases, terms, excluded };
}

/** Whether a scored word counts on its own, not only inside the quoted phrase(s) it was typed in. */
export const standsAlone = (query: ParsedQuery, term: string): boolean =>
  query.words.some((w) => w.text === term && w.scored && w.phrase === undefined);

/** A typed word's punctuation before and after it ("(Health-Care),"), and the word between. */
const AROUND = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su;

/** A typed word as [punctuation before, the word, punctuation after]: "(Talks)," → ["(", "Talks", "),"]. */
export const aroundOf = (typed: string): [string, string, string] => {
  const [, before = "", core = "", after = ""] = AROUND.exec(typed) ?? [];
  return [before, core, after];
};

/** The query as Pagefind's exact-phrase search takes it. */
export const quoted = (words: readonly string[]): string => `"${words.join(" ")}"`;
