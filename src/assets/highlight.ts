/**
 * Marks what was searched for on an article opened from search results
 * (`?highlight=`, the query as typed), and scrolls to it. The query is read
 * as the search reads it (search/query.ts): the phrase as typed and any
 * quoted phrase are marked whole, function words included; other words are
 * marked wherever they stand, function words never on their own, and words
 * typed only inside quotes only as part of their phrase. A word is marked
 * where it stands as typed (or with a plural or possessive ending), and on a
 * page without it wherever it starts a word, as the index's stemmed matches
 * do: "korea" marks "Korea" and not "Korean" beside it, "automat" marks
 * "automated".
 */
import { normaliseWord, parseQuery, splitsWithDictionary, standsAlone, TEXT_WORDS, type ParsedQuery } from "./search/query.ts";
import { preferTyped, typedForms } from "./search/typed-words.ts";
import { termPlaces } from "./search/unspaced-excerpt.ts";

interface TextWord {
  node: Text;
  start: number;
  end: number;
  /** Normalised as the index normalises words. */
  text: string;
}

/** The query the article was opened with; several parameters (one word each, as Pagefind writes them) read as one query. */
export function queryFromUrl(url: URL): ParsedQuery {
  return parseQuery(url.searchParams.getAll("highlight").join(" "));
}

/**
 * The words of a text: runs of letters and digits, each with its place in the
 * text and normalised as the index normalises words. On a page whose words
 * the index split with a dictionary (`byDictionary`: Chinese, Japanese, Thai),
 * which neither spaces nor the browser's own dictionary find again, the places
 * holding one of `terms` (the query's words) stand for the words.
 */
export function wordsInText(data: string, terms: readonly string[], byDictionary: boolean): Omit<TextWord, "node">[] {
  if (byDictionary) {
    const words: Omit<TextWord, "node">[] = [];
    let end = 0;
    for (const place of termPlaces(data, terms)) {
      if (place.start < end) continue;
      // Text between two places is a word of no query word's, so places apart are never read as a phrase.
      if (place.start > end) words.push({ start: end, end: place.start, text: "" });
      words.push({ start: place.start, end: place.end, text: terms[place.term] ?? "" });
      end = place.end;
    }
    return words;
  }
  return [...data.matchAll(TEXT_WORDS)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: normaliseWord(m[0]) }));
}

function textWords(root: Element, terms: readonly string[]): TextWord[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement?.closest("[data-search-ignore], [hidden], script, style, mark")
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  });
  const byDictionary = splitsWithDictionary(document.documentElement.lang);
  const words: TextWord[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text;
    for (const word of wordsInText(text.data, terms, byDictionary)) words.push({ node: text, ...word });
  }
  return words;
}

/** Whether a word of the text is query word `word`: a scored word by its start, a function word exactly. */
const isWord = (text: string, word: { text: string; scored: boolean }) => (word.scored ? text.startsWith(word.text) : text === word.text);

/** Where `phrase` (two words or more) stands in the text: index ranges into `words`, inclusive. */
function phraseRanges(words: readonly string[], phrase: readonly { text: string; scored: boolean }[]): [number, number][] {
  if (phrase.length < 2) return [];
  const found: [number, number][] = [];
  for (let i = 0; i + phrase.length <= words.length; i++)
    if (phrase.every((w, k) => isWord(words[i + k] ?? "", w))) found.push([i, i + phrase.length - 1]);
  return found;
}

export interface QueryMatches {
  /** Indexes of the text's words to mark, in order. */
  marked: number[];
  /** Words followed by another word of the same phrase: the space after them is marked too. */
  joined: Set<number>;
}

/**
 * Which of a text's words (normalised) to mark for `query`: the phrase as
 * typed and each quoted phrase wherever they stand whole, and the scored
 * words anywhere.
 */
export function queryMatches(words: readonly string[], query: ParsedQuery): QueryMatches {
  const marked = new Set<number>();
  const joined = new Set<number>();
  const phrases = [
    query.words,
    ...query.phrases.map((p) => p.map((text) => query.words.find((w) => w.text === text) ?? { text, scored: true })),
  ];
  for (const phrase of phrases)
    for (const [from, to] of phraseRanges(words, phrase))
      for (let i = from; i <= to; i++) {
        marked.add(i);
        if (i < to) joined.add(i);
      }
  // Each scored word as typed (or with an ending) where the text has it, else every word it starts, as search
  // matched it: "korea" marks "Korea" but not "Korean" beside it, and "automat" still marks "automated".
  for (const { text } of query.words.filter((w) => w.scored && standsAlone(query, w.text))) {
    const forms = typedForms(text);
    const matches = words.flatMap((word, i) => (forms.has(word) || word.startsWith(text) ? [i] : []));
    for (const i of preferTyped(matches, (i) => forms.has(words[i] as string))) marked.add(i);
  }
  return { marked: [...marked].sort((a, b) => a - b), joined };
}

/** Wraps each range of each text node in a `<mark>`; `phrase` marks carry `data-phrase`. */
function wrap(ranges: Map<Text, { start: number; end: number; phrase: boolean }[]>): HTMLElement[] {
  const marks: HTMLElement[] = [];
  for (const [node, list] of ranges) {
    const parts: Node[] = [];
    let last = 0;
    for (const range of list.sort((a, b) => a.start - b.start)) {
      if (range.start < last) continue;
      parts.push(document.createTextNode(node.data.slice(last, range.start)));
      const mark = document.createElement("mark");
      mark.className = "search-highlight";
      if (range.phrase) mark.dataset.phrase = "";
      mark.textContent = node.data.slice(range.start, range.end);
      parts.push(mark);
      marks.push(mark);
      last = range.end;
    }
    parts.push(document.createTextNode(node.data.slice(last)));
    node.replaceWith(...parts);
  }
  return marks.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
}

/** Marks the query in `root`, skipping parts the index leaves out. Returns the marks in document order. */
export function highlightQuery(root: Element, query: ParsedQuery): HTMLElement[] {
  if (!query.words.length) return [];
  const words = textWords(root, query.terms);
  const { marked, joined } = queryMatches(
    words.map((w) => w.text),
    query,
  );
  const ranges = new Map<Text, { start: number; end: number; phrase: boolean }[]>();
  let open: { node: Text; start: number; end: number; phrase: boolean } | undefined;
  for (const i of marked) {
    const word = words[i] as TextWord;
    // A phrase is one mark within a text node, spaces included.
    if (open && open.node === word.node && joined.has(i - 1)) {
      open.end = word.end;
      continue;
    }
    open = { node: word.node, start: word.start, end: word.end, phrase: joined.has(i) || joined.has(i - 1) };
    const list = ranges.get(word.node) ?? [];
    list.push(open);
    ranges.set(word.node, list);
  }
  return wrap(ranges);
}

/**
 * Marks the query an article was opened with and, on a fresh visit (not a
 * reload or Back, where the browser restores the reader's place), scrolls to
 * the first phrase marked, or else to the first mark past the article's header.
 */
export function highlightSearch(root: Element, url: URL): void {
  const marks = highlightQuery(root, queryFromUrl(url));
  const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
  if (!marks.length || url.hash || (navigation && navigation.type !== "navigate")) return;
  const target = marks.find((m) => m.dataset.phrase !== undefined) ?? marks.find((m) => !m.closest("header"));
  target?.scrollIntoView({ block: "center" });
}
