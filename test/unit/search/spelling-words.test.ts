import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normaliseWord, TEXT_WORDS } from "../../../src/assets/search/query.ts";
import { parseVocabulary } from "../../../src/assets/search/spelling-vocabulary.ts";
import { addCounts, countWords, FEWEST_ARTICLES, MOST_WORDS, vocabularyFile } from "../../../scripts/lib/search/spelling-words.ts";

/** The distinct vocabulary words of one search document, as the build counts them. */
const documentWords = (html: string) => countWords([{ html }]).keys();

/** The words of a document as the search page would read its text: every tag and entity a gap, then `TEXT_WORDS` and `normaliseWord`. */
function wordsAsTheSearchPageReads(html: string): Set<string> {
  const text = html.replace(/<[^>]*>/g, " ").replace(/&[#A-Za-z0-9]{1,10};/g, " ");
  return new Set([...text.matchAll(TEXT_WORDS)].map((m) => normaliseWord(m[0])).filter((w) => /^[\p{L}\p{M}]{4,32}$/u.test(w)));
}

describe("counting the vocabulary's words", () => {
  it("counts each word once per document, whatever its case and apostrophes, across more words than the tally first holds", () => {
    // 40,000 distinct words of five letters, a thousand of them again in capitals: the tally grows, and words share hashes' slots.
    const words = Array.from({ length: 40_000 }, (_, i) =>
      Array.from({ length: 5 }, (_, k) => String.fromCharCode(97 + (Math.floor(i / 26 ** k) % 26))).join(""),
    );
    const first = `<p>${words.join(" ")} ${words.join(" ")}</p>`;
    const second = `<p>${words
      .slice(0, 1000)
      .map((w) => w.toUpperCase())
      .join(" ")} ${words[1] ?? ""}'s</p>`;
    const counts = countWords([{ html: first }, { html: second }]);
    expect(counts.size).toBe(words.length + 1);
    expect(words.slice(0, 1000).every((w) => counts.get(w) === 2)).toBe(true);
    expect(words.slice(1000).every((w) => counts.get(w) === 1)).toBe(true);
    expect(counts.get(`${words[1] ?? ""}s`)).toBe(1);
  });
});

describe("a search document's words for the spelling vocabulary", () => {
  it("reads the text, not the tags, attributes or entities, and normalises each word as a query's", () => {
    const html =
      '<h1 data-pagefind-meta="title">Détente’s Harbour</h1><div hidden><data value="Politics section" data-pagefind-filter="section[value]"></data></div>' +
      "<p>Don't &amp; the HARBOUR board’s 2026 plans, naïve co-operation, café.</p>";
    expect([...documentWords(html)].sort()).toEqual(["boards", "cafe", "detentes", "dont", "harbour", "naive", "operation", "plans"]);
  });

  it("leaves out words too short to mend, with digits, or longer than a word a reader types", () => {
    expect([...documentWords(`<p>The cat sat on 2026 B52s ${"x".repeat(33)} ${"y".repeat(32)}</p>`)]).toEqual(["y".repeat(32)]);
  });

  it("gives what the search page would read, for any mix of ASCII, other scripts, marks, apostrophes and markup", () => {
    const piece = fc.constantFrom(
      "word",
      "Word",
      "WORDS",
      "don't",
      "don’t",
      "l'été",
      "café",
      "cafe\u0301",
      "naïve",
      "Straße",
      "Москва",
      "東京都",
      "3,000",
      "B52s",
      "U.S.",
      "co-op",
      "'quoted'",
      "<em>",
      "</em>",
      '<a href="/x/">',
      "&amp;",
      "&quot;",
      "&#39;",
      "&",
      ";",
      " ",
      "\u00a0",
      "—",
      "'",
      "’",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const html = pieces.join("");
        expect([...documentWords(html)].sort()).toEqual([...wordsAsTheSearchPageReads(html)].sort());
      }),
      { numRuns: 2000 },
    );
  });
});

describe("the site's spelling vocabulary", () => {
  it("counts each word once an article, and sums the parts' counts", () => {
    const part = countWords([{ html: "<p>Harbour harbour board</p>" }, { html: "<p>Harbour dues</p>" }]);
    expect(Object.fromEntries(part)).toEqual({ harbour: 2, board: 1, dues: 1 });
    const site = new Map(part);
    addCounts(site, [
      ["board", 3],
      ["tolls", 1],
    ]);
    expect(Object.fromEntries(site)).toEqual({ harbour: 2, board: 4, dues: 1, tolls: 1 });
  });

  it("lists the words enough articles use, commonest first, ties by word, and reads back in that order", () => {
    const counts = new Map([
      ["zebra", 5],
      ["harbour", 9],
      ["apple", 5],
      ["once", FEWEST_ARTICLES - 1],
      ["board", FEWEST_ARTICLES],
    ]);
    const file = vocabularyFile(counts);
    expect(file).toBe(`9:harbour\n5:apple zebra\n${FEWEST_ARTICLES}:board\n`);
    expect(parseVocabulary(file)).toEqual(["harbour", "apple", "zebra", "board"]);
  });

  it("keeps the commonest words when there are more than it lists", () => {
    const counts = new Map(
      Array.from(
        { length: MOST_WORDS + 10 },
        (_, i) => [`word${String.fromCharCode(97 + (i % 26))}${i}`.replace(/\d/g, (d) => "abcdefghij"[Number(d)] ?? ""), 2 + i] as const,
      ),
    );
    const listed = parseVocabulary(vocabularyFile(counts));
    expect(listed).toHaveLength(MOST_WORDS);
    expect(listed[0]).toBe([...counts].at(-1)?.[0]);
    expect(listed).not.toContain([...counts][0]?.[0]);
  });
});
