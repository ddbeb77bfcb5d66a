import { describe, expect, it } from "vitest";
import { describeResults, searchingStatus, spellingAside } from "../../../../src/assets/search/search-wording.ts";

describe("the search status", () => {
  const base = { query: "tariffs", filtered: false, newestFirst: false, partial: false };

  it("says what is being searched while older articles are still coming in", () => {
    expect(searchingStatus(10000)).toBe("Searching 10,000 articles…");
    expect(searchingStatus(1)).toBe("Searching 1 article…");
  });

  it("says plainly how many articles matched once every article was searched", () => {
    expect(describeResults({ ...base, total: 57 })).toBe("57 articles found for “tariffs”.");
    expect(describeResults({ ...base, total: 3037 })).toBe("3,037 articles found for “tariffs”.");
    expect(describeResults({ ...base, total: 1, newestFirst: true })).toBe("1 article found for “tariffs”, newest first.");
    expect(describeResults({ ...base, total: 0, filtered: true })).toBe("No articles found for “tariffs” with the chosen filters.");
    expect(describeResults({ ...base, query: "", total: 1200, filtered: true, newestFirst: true })).toBe(
      "1,200 articles found with the chosen filters, newest first.",
    );
  });

  it("says when no article holds every word, and the results hold some of them", () => {
    const query = "kennedy moon speech";
    expect(describeResults({ ...base, query, total: 12, partial: true })).toBe(
      "No article holds every word. 12 articles hold some of them.",
    );
    expect(describeResults({ ...base, query, total: 1, partial: true, filtered: true })).toBe(
      "No article holds every word. 1 article holds some of them with the chosen filters.",
    );
  });

  it("tells a screen reader of the spelling suggested, and where its button is", () => {
    expect(spellingAside("lighthouse", 3)).toBe("Did you mean “lighthouse”? A button below the results searches for it.");
    expect(spellingAside("harbour", 0)).toBe("Did you mean “harbour”? A button below searches for it.");
  });
});
