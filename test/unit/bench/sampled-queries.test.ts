import { beforeAll, describe, expect, it } from "vitest";
import { parseQuery } from "../../../src/assets/search/query.ts";
import { sampleQueries } from "../../../scripts/lib/bench/sampled-queries.ts";
import { countInTexts, expectedFromCounts, readCorpus, type CorpusText } from "../../../scripts/lib/bench/search-eval.ts";

let corpus: CorpusText[];
beforeAll(async () => {
  corpus = await readCorpus();
});

describe("queries drawn at random from the State of the Union texts", () => {
  it("draws the same queries for the same seed and others for another", () => {
    const first = sampleQueries(corpus, { count: 30, seed: 7 });
    expect(sampleQueries(corpus, { count: 30, seed: 7 })).toEqual(first);
    const other = sampleQueries(corpus, { count: 30, seed: 8 }).map((q) => q.query);
    expect(other.filter((q) => first.some((f) => f.query === q)).length).toBeLessThan(5);
  });

  it("draws phrases, names and long words alike, each a distinctive stretch a reader could type", () => {
    const queries = sampleQueries(corpus, { count: 60, seed: 3 });
    expect(queries.length).toBeGreaterThanOrEqual(57);
    expect(new Set(queries.map((q) => q.query)).size).toBe(queries.length);
    for (const kind of ["phrase", "name", "word"]) expect(queries.filter((q) => q.kind === kind).length, kind).toBeGreaterThanOrEqual(18);
    for (const q of queries) {
      expect(q.query, q.query).toMatch(/^[\p{Ll}\p{Lo}]+(?: [\p{Ll}\p{Lo}]+)*$/u);
      expect(parseQuery(q.query).terms.length, q.query).toBeGreaterThan(0);
      const counts = countInTexts(corpus, q.query);
      expect(counts.size, q.query).toBeGreaterThan(0);
      expect(counts.size, q.query).toBeLessThanOrEqual(6);
    }
    for (const q of queries.filter((q) => q.kind === "word")) expect(q.query.length, q.query).toBeGreaterThanOrEqual(7);
  });

  it("expects, for every query, exactly the addresses the relevance set's rule finds", () => {
    for (const q of sampleQueries(corpus, { count: 30, seed: 11 })) {
      expect(q.expected, q.query).toEqual(expectedFromCounts(countInTexts(corpus, q.query)));
    }
  });
});
