import { describe, expect, it } from "vitest";
import type { Pagefind, PagefindResult } from "../../../../src/assets/search/pagefind-types.ts";
import { parseQuery } from "../../../../src/assets/search/query.ts";
import { suggestSpelling, wordsStartingWith } from "../../../../src/assets/search/spelling.ts";

const PAGES = [
  "President Lincoln spoke of the Union. Lincoln's words.",
  "Roosevelt and the New Deal; the economy recovered.",
  "Lincoln again, and the lincolnshire fens.",
  "The economic outlook and the economy.",
];

/** Pagefind over `PAGES` as far as the suggestion asks it: the pages holding a word that starts with the query, and the queries it was asked. */
function fakePagefind(asked: string[]): Pagefind {
  const result = (content: string, i: number): PagefindResult =>
    ({ id: String(i), score: 1, words: [], data: async () => ({ content }) }) as unknown as PagefindResult;
  return {
    search: async (query: string | null) => {
      asked.push(query ?? "");
      const found = PAGES.map(result).filter((_, i) => wordsStartingWith([PAGES[i] ?? ""], query ?? "").length > 0);
      return { results: found, filters: {}, totalFilters: {}, unfilteredResultCount: found.length };
    },
  } as unknown as Pagefind;
}

describe("a spelling to suggest when a search finds nothing", () => {
  it("lists the words of texts starting alike, normalised, most frequent first", () => {
    expect(wordsStartingWith(PAGES, "linc")).toEqual(["lincoln", "lincolns", "lincolnshire"]);
    expect(wordsStartingWith(PAGES, "econ")).toEqual(["economy", "economic"]);
  });

  it("replaces each word no page holds by the nearest word the pages hold, keeping the others", async () => {
    const asked: string[] = [];
    const suggest = (q: string, held: (t: number) => boolean = () => false) =>
      suggestSpelling(fakePagefind(asked), {}, parseQuery(q), held);
    expect(await suggest("lincon")).toBe("lincoln");
    expect(await suggest("roosvelt")).toBe("roosevelt");
    expect(await suggest("econmy")).toBe("economy");
    expect(await suggest("the lincon speech", (t) => t === 1)).toBe("the lincoln speech");
  });

  it("suggests nothing when no word is near enough, nor for words the pages hold, and cuts a word back to half of it at most", async () => {
    const asked: string[] = [];
    expect(await suggestSpelling(fakePagefind(asked), {}, parseQuery("qxzvwkl"), () => false)).toBeUndefined();
    expect(asked).toEqual(["qxzvwk", "qxzvw", "qxzv"]);
    expect(await suggestSpelling(fakePagefind([]), {}, parseQuery("lincon"), () => true)).toBeUndefined();
    expect(await suggestSpelling(fakePagefind([]), {}, parseQuery("lincolnshirr"), () => false)).toBe("lincolnshire");
  });
});
