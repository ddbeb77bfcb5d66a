import { describe, expect, it } from "vitest";
import { relatedIndices, type Relatable } from "../../../scripts/lib/content/related.ts";

/** Articles newest first, as the loader passes them. */
const items = (...specs: [tags: string[], section: string][]): Relatable[] =>
  specs.map(([tags, section], index) => ({ index, tags, section }));

describe("related articles", () => {
  it("ranks shared tags above a shared section, and more shared tags above fewer", () => {
    const related = relatedIndices(
      items(
        [["coasts", "labour"], "world"], // 0: the article
        [[], "world"], // 1: same section only
        [["coasts"], "opinion"], // 2: one tag
        [["coasts", "labour"], "opinion"], // 3: two tags
        [["trade"], "science"], // 4: nothing shared
      ),
    );
    expect(related[0]).toEqual([3, 2, 1]);
  });

  it("never relates an article to itself or to one with nothing in common", () => {
    const related = relatedIndices(items([["a"], "s1"], [["b"], "s2"], [["a"], "s3"]));
    expect(related[0]).toEqual([2]);
    expect(related[1]).toEqual([]);
    expect(related.flatMap((r, i) => r.filter((j) => j === i))).toEqual([]);
  });

  it("breaks ties by nearness in time and returns at most `limit`", () => {
    const related = relatedIndices(items([["a"], "x"], [["a"], "y"], [["a"], "z"], [["a"], "w"], [["a"], "v"]), 2);
    expect(related[2]).toEqual([1, 3]);
    expect(related.every((r) => r.length <= 2)).toBe(true);
  });

  it("counts a tag written twice once", () => {
    // For article 1, article 2 shares the tag and the section (3); article 0 only the tag (2), however often it lists it.
    const related = relatedIndices(items([["a", "a"], "x"], [["a"], "y"], [["a"], "y"]));
    expect(related[1]).toEqual([2, 0]);
  });

  it("looks only at neighbours in time within each list, so a huge tag stays cheap", () => {
    const n = 5000;
    const related = relatedIndices(Array.from({ length: n }, (_, index) => ({ index, tags: ["everything"], section: "news" })));
    // Every article shares the tag and section with all others; only the nearest few are candidates.
    for (const i of [0, 1, 2500, n - 1]) {
      expect(related[i]?.length).toBe(3);
      for (const j of related[i] ?? []) expect(Math.abs(j - i)).toBeLessThanOrEqual(12);
    }
  });
});
