import { describe, expect, it } from "vitest";
import type { Pagefind, PagefindResult } from "../../../../src/assets/search/pagefind-types.ts";
import { normaliseWord, parseQuery, TEXT_WORDS } from "../../../../src/assets/search/query.ts";
import { respellWord, suggestSpelling, wordsStartingWith } from "../../../../src/assets/search/spelling.ts";

const PAGES = [
  "President Lincoln spoke of the Union. Lincoln's words.",
  "Roosevelt and the New Deal; the economy recovered.",
  "Lincoln again, and the lincolnshire fens.",
  "The economic outlook and the economy.",
  "The health care bill, and wellbeing.",
  "Health care for all; wellbeing for all.",
  "Healthcare costs rose. Well being.",
  "Self-government for the islands, and the government's plan.",
];

/** The page's words as the search reads them. */
const wordsOf = (text: string) => [...text.matchAll(TEXT_WORDS)].map((m) => normaliseWord(m[0]));
const holdsRun = (words: readonly string[], run: readonly string[]) => words.some((_, i) => run.every((word, j) => words[i + j] === word));

/** Pagefind over `PAGES` as far as the suggestion asks it: the pages holding a word that starts with the query, and the queries it was asked. */
function fakePagefind(asked: string[]): Pagefind {
  const result = (content: string, i: number): PagefindResult =>
    ({ id: String(i), score: 1, words: [], data: async () => ({ content }) }) as unknown as PagefindResult;
  return {
    search: async (query: string | null) => {
      asked.push(query ?? "");
      // A quoted query is Pagefind's exact search: the words in a row.
      const exact = /^"(.*)"$/.exec(query ?? "")?.[1]?.split(" ");
      const found = PAGES.map(result).filter((_, i) =>
        exact ? holdsRun(wordsOf(PAGES[i] ?? ""), exact) : wordsStartingWith([PAGES[i] ?? ""], query ?? "").length > 0,
      );
      return { results: found, filters: {}, totalFilters: {}, unfilteredResultCount: found.length };
    },
  } as unknown as Pagefind;
}

/** A site whose build wrote no vocabulary, or one that cannot be fetched now. */
const noVocabulary = async () => undefined;

describe("a spelling to suggest when a search finds nothing", () => {
  it("lists the words of texts starting alike, normalised, most frequent first", () => {
    expect(wordsStartingWith(PAGES, "linc")).toEqual(["lincoln", "lincolns", "lincolnshire"]);
    expect(wordsStartingWith(PAGES, "econ")).toEqual(["economy", "economic"]);
  });

  it("replaces each word no page holds by the nearest word the pages hold, keeping the others", async () => {
    const asked: string[] = [];
    const suggest = (q: string, held: (t: number) => boolean = () => false) =>
      suggestSpelling(fakePagefind(asked), {}, parseQuery(q), held, noVocabulary);
    expect(await suggest("lincon")).toBe("lincoln");
    expect(await suggest("roosvelt")).toBe("roosevelt");
    expect(await suggest("econmy")).toBe("economy");
    expect(await suggest("the lincon speech", (t) => t === 1)).toBe("the lincoln speech");
    // A quoted phrase stays one, so the suggestion asks for the exact phrase the reader did.
    expect(await suggest('"lincon spoke" of “the economy” econmy', (t) => t !== 0 && t !== 3)).toBe(
      '"lincoln spoke" of "the economy" economy',
    );
  });

  it("suggests nothing when no word is near enough, nor for words the pages hold, and cuts a word back to half of it at most", async () => {
    const asked: string[] = [];
    expect(await suggestSpelling(fakePagefind(asked), {}, parseQuery("qxzvwkl"), () => false, noVocabulary)).toBeUndefined();
    expect(asked).toEqual(["qxzvwk", "qxzvw", "qxzv"]);
    expect(await suggestSpelling(fakePagefind([]), {}, parseQuery("lincon"), () => true, noVocabulary)).toBeUndefined();
    expect(await suggestSpelling(fakePagefind([]), {}, parseQuery("lincolnshirr"), () => false, noVocabulary)).toBe("lincolnshire");
  });
});

describe("a string too long to be a word", () => {
  it("gets no suggestion, and costs no search: a pasted line is not cut back a letter at a time", async () => {
    const asked: string[] = [];
    const long = `${"a".repeat(5000)}!`;
    const chain = `${"anti-".repeat(800)}x`;
    for (const q of [long, chain, `harbour ${"b".repeat(33)}`])
      expect(
        await suggestSpelling(fakePagefind(asked), {}, parseQuery(q), (t) => t === 0 && q.startsWith("harbour"), noVocabulary),
      ).toBeUndefined();
    expect(asked).toEqual([]);
  });
});

describe("a hyphenated word the pages write apart", () => {
  const suggest = (q: string, asked: string[] = []) => suggestSpelling(fakePagefind(asked), {}, parseQuery(q), () => true, noVocabulary);

  it("is suggested apart where more pages hold its parts in a row than the word joined", async () => {
    const asked: string[] = [];
    expect(await suggest("health-care", asked)).toBe("health care");
    expect(asked.sort()).toEqual(['"health care"', '"healthcare"']);
    expect(await suggest('"health‐care costs", (Health-Care)')).toBe('"health care costs" (Health Care)');
  });

  it("is left as typed where the pages write it joined as often", async () => {
    expect(await suggest("well-being")).toBeUndefined();
    expect(await suggest("wellbeing health")).toBeUndefined();
  });
});

describe("a hyphenated word with a slip in a part", () => {
  it("is mended part by part, the parts the pages hold kept as typed", async () => {
    const suggest = (q: string) => suggestSpelling(fakePagefind([]), {}, parseQuery(q), () => false, noVocabulary);
    expect(await suggest("self-goverment")).toBe("self-government");
    expect(await suggest("Self-Goverment rule")).toBe("Self-Government rule");
    // Nothing to mend in either part, or nothing near: no suggestion.
    expect(await suggest("self-qxzvwkl")).toBeUndefined();
  });
});

describe("a spelling from the archive's vocabulary", () => {
  /** Most articles first, as the build writes it. */
  const VOCABULARY = ["president", "government", "according", "lincolnshare", "economy"];
  const suggest = (q: string, asked: string[] = [], vocabulary: readonly string[] = VOCABULARY) =>
    suggestSpelling(
      fakePagefind(asked),
      {},
      parseQuery(q),
      () => false,
      async () => vocabulary,
    );

  it("mends a typo in a word's first letters, which no page's words start like", async () => {
    expect(await suggest("fresident")).toBe("president");
    expect(await suggest("acording")).toBe("according");
    expect(await suggest("ogvernment")).toBe("government");
    expect(await suggestSpelling(fakePagefind([]), {}, parseQuery("fresident"), () => false, noVocabulary)).toBeUndefined();
  });

  it("takes a listed word one edit away without asking Pagefind", async () => {
    const asked: string[] = [];
    expect(await suggest("econmy", asked)).toBe("economy");
    expect(asked).toEqual([]);
  });

  it("prefers a word the pages hold when it is nearer than the vocabulary's (a name one article uses)", async () => {
    // "lincolnshire" is on a page but in no vocabulary; the listed "lincolnshare" is two edits away.
    expect(await suggest("lincolnshirr")).toBe("lincolnshire");
    // Equally near: the vocabulary's, the commoner word.
    expect(await suggest("lincolnshirx", [], ["lincolnshirex"])).toBe("lincolnshirex");
  });
});

describe("a suggestion as the reader typed it", () => {
  const suggest = (q: string, vocabulary: readonly string[]) =>
    suggestSpelling(
      fakePagefind([]),
      {},
      parseQuery(q),
      (t) => vocabulary.includes(parseQuery(q).terms[t] ?? ""),
      async () => vocabulary,
    );

  it("changes only the word it mends, keeping the others' case and punctuation", async () => {
    expect(await suggest("Franklin Rosevelt’s New Deal", ["franklin", "roosevelts", "new", "deal"])).toBe("Franklin Roosevelt’s New Deal");
    expect(await suggest('"Axis of Evli", $100 BILION', ["axis", "evil", "100", "billion"])).toBe('"Axis of Evil" $100 BILLION');
  });

  it("gives the mended word the typed word's case, apostrophe and surrounding punctuation", () => {
    expect(respellWord("Lincon,", "lincoln")).toBe("Lincoln,");
    expect(respellWord("LINCON", "lincoln")).toBe("LINCOLN");
    expect(respellWord("lincon", "lincoln")).toBe("lincoln");
    // Capitals inside a word say nothing about where the mended word's go.
    expect(respellWord("McDonlad", "mcdonald")).toBe("mcdonald");
    expect(respellWord("(Rosevelt's)", "roosevelts")).toBe("(Roosevelt's)");
    expect(respellWord("goverment’s", "governments")).toBe("government’s");
    // The apostrophe goes back only before the same ending.
    expect(respellWord("presiden’t", "presidents")).toBe("presidents");
    expect(respellWord("Health-Care", "health care")).toBe("Health Care");
  });

  it("keeps a hyphenated word's hyphens, and each part's case, when the word is mended whole", () => {
    expect(respellWord("anti-slavary", "antislavery")).toBe("anti-slavery");
    expect(respellWord("(Anti-Slavary),", "antislavery")).toBe("(Anti-Slavery),");
    expect(respellWord("SELF-GOVERMENT", "selfgovernment")).toBe("SELF-GOVERNMENT");
    // A letter added or dropped next to a hyphen, and the hyphen as typed.
    expect(respellWord("anti-slvery", "antislavery")).toBe("anti-slavery");
    expect(respellWord("antii-slavery", "antislavery")).toBe("anti-slavery");
    expect(respellWord("post\u2011mortum", "postmortem")).toBe("post\u2011mortem");
    expect(respellWord("Well-Bing-Index", "wellbeingindex")).toBe("Well-Being-Index");
    // Mended part by part: the parts as mended.
    expect(respellWord("Self-Goverment", "self-government")).toBe("Self-Government");
    // A part that would be left empty: the mended word whole.
    expect(respellWord("x-ray", "ray")).toBe("ray");
  });
});
