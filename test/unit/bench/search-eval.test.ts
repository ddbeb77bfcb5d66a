import { beforeAll, describe, expect, it } from "vitest";
import {
  articleIdOf,
  countInTexts,
  expectedFromCounts,
  readCorpus,
  readRelevanceSet,
  score,
  type CorpusText,
  type RelevanceSet,
} from "../../../scripts/lib/bench/search-eval.ts";

let corpus: CorpusText[];
let set: RelevanceSet;
beforeAll(async () => {
  [corpus, set] = await Promise.all([readCorpus(), readRelevanceSet()]);
});

describe("the relevance set of the search evaluation", () => {
  it("has at least 40 queries, of phrases, names, events and single words", () => {
    expect(set.queries.length).toBeGreaterThanOrEqual(40);
    expect(new Set(set.queries.map((q) => q.kind))).toEqual(new Set(["phrase", "name", "event", "word"]));
    expect(new Set(set.queries.map((q) => q.query)).size).toBe(set.queries.length);
  });

  it("expects, for every query, exactly the addresses its rule finds in the texts", () => {
    expect(corpus).toHaveLength(233);
    for (const q of set.queries) expect(q.expected, q.query).toEqual(expectedFromCounts(countInTexts(corpus, q.query)));
  });
});

describe("counting a query in the texts", () => {
  const texts: CorpusText[] = [
    { file: "a", text: "The axis of evil, the Axis-of-evil; an axis and evil. Mormons and a Mormon's creed." },
    { file: "b", text: "Taxis of evil-doers; axis of evildoers." },
  ];

  it("counts whole words in order, across spaces and punctuation, with plurals and possessives", () => {
    expect(countInTexts(texts, "axis of evil")).toEqual(new Map([["a", 2]]));
    expect(countInTexts(texts, "mormon")).toEqual(new Map([["a", 2]]));
  });

  it("expects the addresses holding the query at least half as often as the one holding it most", () => {
    expect(
      expectedFromCounts(
        new Map([
          ["x", 9],
          ["y", 5],
          ["z", 4],
        ]),
      ),
    ).toEqual(["x", "y"]);
    expect(expectedFromCounts(new Map())).toEqual([]);
  });
});

describe("scoring a search", () => {
  it("counts top-1, top-3 and the reciprocal rank of the first expected address", async () => {
    const small: RelevanceSet = {
      method: "",
      queries: [
        { query: "first", kind: "word", expected: ["a"], note: "" },
        { query: "third", kind: "word", expected: ["c"], note: "" },
        { query: "missing", kind: "word", expected: ["z"], note: "" },
      ],
    };
    const results = { first: ["a", "b"], third: ["a", "b", "c"], missing: ["a"] } as Record<string, string[]>;
    const scores = await score(
      small,
      async (q) => results[q] ?? [],
      (id) => id,
    );
    expect(scores.top1).toBeCloseTo(1 / 3);
    expect(scores.top3).toBeCloseTo(2 / 3);
    expect(scores.mrr).toBeCloseTo((1 + 1 / 3) / 3);
    expect(scores.queries.map((q) => q.rank)).toEqual([1, 3, undefined]);
  });

  it("reads an article's id from either site's address", () => {
    expect(articleIdOf("/1862/01/01/state-of-the-union-1862-abraham-lincoln/?highlight=x")).toBe(
      "1862-01-01-state-of-the-union-1862-abraham-lincoln",
    );
    expect(articleIdOf("/articles/1862-01-01-state-of-the-union-1862-abraham-lincoln/")).toBe(
      "1862-01-01-state-of-the-union-1862-abraham-lincoln",
    );
  });
});
