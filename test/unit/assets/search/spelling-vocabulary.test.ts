import { describe, expect, it } from "vitest";
import {
  formatVocabulary,
  nearestInVocabulary,
  parseVocabulary,
  vocabularyReach,
} from "../../../../src/assets/search/spelling-vocabulary.ts";

describe("the spelling vocabulary", () => {
  it("is read back as written, skipping lines that are not a count and words", () => {
    const text = formatVocabulary([
      { word: "union", articles: 40 },
      { word: "state", articles: 40 },
      { word: "harbour", articles: 3 },
    ]);
    expect(text).toBe("40:union state\n3:harbour\n");
    expect(parseVocabulary(`${text}<!doctype html>\n:orphan\nx:word\n`)).toEqual(["union", "state", "harbour"]);
  });

  it("mends a typo anywhere in a word, the first letters too", () => {
    const vocabulary = ["president", "according", "government", "congress"];
    expect(nearestInVocabulary("fresident", vocabulary)).toBe("president");
    expect(nearestInVocabulary("acording", vocabulary)).toBe("according");
    expect(nearestInVocabulary("ogvernment", vocabulary)).toBe("government");
    expect(nearestInVocabulary("cogress", vocabulary)).toBe("congress");
  });

  it("takes the commoner of equally near words: the one listed first", () => {
    expect(nearestInVocabulary("moroality", ["morality", "mortality"])).toBe("morality");
    expect(nearestInVocabulary("moroality", ["mortality", "morality"])).toBe("mortality");
  });

  it("goes two edits from a word only from eight letters on, where two edits rarely turn one word into another", () => {
    expect(vocabularyReach("tariff")).toBe(1);
    expect(vocabularyReach("economic")).toBe(2);
    expect(nearestInVocabulary("laptop", ["atop", "lapdog"])).toBeUndefined();
    expect(nearestInVocabulary("laptop", ["laptops"])).toBe("laptops");
    expect(nearestInVocabulary("ecnoomcs", ["economics"])).toBe("economics");
    expect(nearestInVocabulary("qxzvwkl", ["president", "qxz"])).toBeUndefined();
  });
});
