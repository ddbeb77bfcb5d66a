import { describe, expect, it } from "vitest";
import type { SearchVocabulary } from "../../../../src/assets/search/filter-vocabulary.ts";
import { stateFromUrl, urlForState, valueFilters } from "../../../../src/assets/search/search-state.ts";

const vocabulary: SearchVocabulary = {
  section: [
    { id: "world", name: "World" },
    { id: "opinion", name: "Opinion" },
  ],
  author: [{ id: "ada", name: "Ada Reporter" }],
  tag: [
    { id: "coasts", name: "Coasts" },
    { id: "sea-ports", name: "Sea, ports & harbours" },
  ],
  year: [{ id: "2025", name: "2025" }],
};

describe("search state in the URL", () => {
  it("round-trips query, repeated filters and sort, and leaves defaults out", () => {
    const url = new URL("https://x.test/search/?q=harbour+tariffs&section=world&tag=coasts&tag=sea-ports&sort=date");
    const state = stateFromUrl(url, vocabulary);
    expect(state).toEqual({
      q: "harbour tariffs",
      filters: { section: ["world"], author: [], tag: ["coasts", "sea-ports"], year: [] },
      sort: "date",
    });
    expect(urlForState(state, "/search/")).toBe("/search/?q=harbour+tariffs&section=world&tag=coasts&tag=sea-ports&sort=date");
    expect(urlForState({ ...state, q: " ", filters: { section: [], author: [], tag: [], year: [] }, sort: "relevance" }, "/search/")).toBe(
      "/search/",
    );
  });

  it("drops ids the site does not have and unknown sort orders", () => {
    const state = stateFromUrl(new URL("https://x.test/search/?section=sport&author=ada&sort=oldest"), vocabulary);
    expect(state.filters).toEqual({ section: [], author: ["ada"], tag: [], year: [] });
    expect(state.sort).toBe("relevance");
  });

  it("turns ids into the indexed names", () => {
    const state = stateFromUrl(new URL("https://x.test/search/?section=world&tag=sea-ports"), vocabulary);
    expect(valueFilters(state, vocabulary)).toEqual({ section: { any: ["World"] }, tag: { any: ["Sea, ports & harbours"] } });
  });
});
