import { beforeAll, describe, expect, it } from "vitest";
import { editDistance } from "../../../src/assets/did-you-mean.ts";
import { sampleTypos } from "../../../scripts/lib/bench/sampled-typos.ts";
import { readCorpus, scoreSpelling, type CorpusText } from "../../../scripts/lib/bench/search-eval.ts";

let corpus: CorpusText[];
let words: Set<string>;
beforeAll(async () => {
  corpus = await readCorpus();
  words = new Set(corpus.flatMap((c) => c.text.toLowerCase().match(/\p{L}+/gu) ?? []));
});

describe("typos drawn at random from the State of the Union texts", () => {
  it("draws the same typos for the same seed and others for another", () => {
    const first = sampleTypos(corpus, { count: 40, seed: 7 });
    expect(sampleTypos(corpus, { count: 40, seed: 7 })).toEqual(first);
    const other = sampleTypos(corpus, { count: 40, seed: 8 }).map((t) => t.typo);
    expect(other.filter((t) => first.some((f) => f.typo === t)).length).toBeLessThan(3);
  });

  it("makes one slip in a word the texts use, anywhere in it, never making another of their words", () => {
    const typos = sampleTypos(corpus, { count: 200, seed: 3 });
    expect(typos).toHaveLength(200);
    expect(new Set(typos.map((t) => t.typo)).size).toBe(200);
    for (const { typo, meant } of typos) {
      expect(words.has(meant), meant).toBe(true);
      expect(words.has(typo), typo).toBe(false);
      expect(editDistance(typo, meant), `${typo} for ${meant}`).toBe(1);
    }
    // Slips early in a word as well as late: a third of the places are in the first three letters of a word of five to nine.
    expect(typos.filter((t) => t.typo.slice(0, 3) !== t.meant.slice(0, 3)).length).toBeGreaterThan(40);
  });

  it("scores a suggestion as the word meant, another word or none", async () => {
    const suggestions: Record<string, string> = { goverment: "government", presidnt: "resident" };
    const score = await scoreSpelling(
      1,
      [
        { typo: "goverment", meant: "government" },
        { typo: "presidnt", meant: "president" },
        { typo: "rpesident", meant: "president" },
      ],
      async (q) => suggestions[q],
    );
    expect(score).toMatchObject({ typos: 3, meant: 1, other: 1, none: 1, early: { typos: 1, meant: 0 } });
    expect(score.missed).toEqual(["presidnt (president): resident", "rpesident (president): no suggestion"]);
  });
});
