import { describe, expect, it } from "vitest";
import type { PartInfo } from "../../../../src/assets/search/index-parts.ts";
import { articlesInParts, describeResults, formatDay, searchedSinceDay } from "../../../../src/assets/search/search-wording.ts";

const info: PartInfo[] = [
  { path: "/pagefind/", pages: 1000, newest: "2025-12-29", oldest: "2024-03-04" },
  // The build split 12 June 2023 between parts 2 and 3.
  { path: "/pagefind/parts/2/", pages: 1000, newest: "2024-03-03", oldest: "2023-06-12" },
  { path: "/pagefind/parts/3/", pages: 400, newest: "2023-06-12", oldest: "2021-01-02" },
];

describe("how far back a search in parts reached", () => {
  it("is the oldest day of the last part opened", () => {
    expect(searchedSinceDay(info, 1)).toBe("2024-03-04");
    expect(searchedSinceDay(info, 3)).toBe("2021-01-02");
  });

  it("is the day after, when that day continues in the next part", () => {
    expect(searchedSinceDay(info, 2)).toBe("2023-06-13");
  });

  it("is unknown for a build that did not describe its parts, or described them oddly", () => {
    expect(searchedSinceDay(undefined, 1)).toBeUndefined();
    expect(searchedSinceDay([{ path: "/pagefind/", pages: 3, newest: "", oldest: "" }], 1)).toBeUndefined();
  });

  it("reads as a calendar day in the page's language", () => {
    expect(formatDay("2024-03-04", "en-GB")).toBe("4 March 2024");
    expect(formatDay("2024-03-04", "en-US")).toBe("March 4, 2024");
  });

  it("counts the articles of every part", () => {
    expect(articlesInParts(info)).toBe(2400);
    expect(articlesInParts(undefined)).toBeUndefined();
  });
});

describe("the search status", () => {
  const base = { query: "tariffs", filtered: false, newestFirst: false };

  it("says plainly how many articles matched once every article was searched", () => {
    expect(describeResults({ ...base, total: 57 })).toBe("57 articles found for “tariffs”.");
    expect(describeResults({ ...base, total: 1, newestFirst: true })).toBe("1 article found for “tariffs”, newest first.");
    expect(describeResults({ ...base, total: 0, filtered: true })).toBe("No articles found for “tariffs” with the chosen filters.");
  });

  it("says how far back the count reaches while older articles are unsearched", () => {
    expect(describeResults({ ...base, total: 23, searched: { since: "4 March 2024" } })).toBe(
      "23 articles found for “tariffs” among articles since 4 March 2024.",
    );
    expect(
      describeResults({ ...base, query: "", total: 1200, filtered: true, newestFirst: true, searched: { since: "4 March 2024" } }),
    ).toBe("1,200 articles found with the chosen filters among articles since 4 March 2024, newest first.");
    expect(describeResults({ ...base, total: 0, searched: { since: "4 March 2024" } })).toBe(
      "No articles found for “tariffs” among articles since 4 March 2024.",
    );
  });

  it("still says the count is partial when the build gave no dates", () => {
    expect(describeResults({ ...base, total: 23, searched: { since: undefined } })).toBe(
      "23 articles found for “tariffs” among the most recent articles.",
    );
  });
});
