import { describe, expect, it } from "vitest";
import { foldText, isFunctionWord, normaliseWord, parseQuery } from "../../../../src/assets/search/query.ts";

describe("reading a query", () => {
  it("keeps every word in order and scores only the words that carry meaning", () => {
    const q = parseQuery("  Axis of Evil ");
    expect(q.text).toBe("Axis of Evil");
    expect(q.words).toEqual([
      { typed: "Axis", text: "axis", scored: true },
      { typed: "of", text: "of", scored: false },
      { typed: "Evil", text: "evil", scored: true },
    ]);
    expect(q.terms).toEqual(["axis", "evil"]);
    expect(q.phrases).toEqual([]);
  });

  it("reads a word typed with a minus before it as one to leave out, beside words to search for", () => {
    const q = parseQuery('Lincoln -slavery --Civil "-not left out" -5 -slavery');
    expect(q.terms).toEqual(["lincoln", "left", "5"]);
    expect(q.phrases).toEqual([["not", "left", "out"]]);
    expect(q.excluded).toEqual([
      { text: "slavery", typed: "-slavery" },
      { text: "civil", typed: "--Civil" },
    ]);
    expect(q.words.some((w) => w.text === "slavery")).toBe(false);
    // With nothing else to search for, the minus is punctuation, as it was typed on its own.
    expect(parseQuery("-slavery").terms).toEqual(["slavery"]);
    expect(parseQuery("-slavery -war").excluded).toEqual([]);
    expect(parseQuery("-slavery -war").terms).toEqual(["slavery", "war"]);
    // A hyphen inside a word is not a minus.
    expect(parseQuery("anti-slavery lincoln").excluded).toEqual([]);
  });

  it("scores function words when the query has nothing else", () => {
    expect(parseQuery("to be or not to be").terms).toEqual(["to", "be", "or", "not"]);
    expect(parseQuery("of the").words.every((w) => w.scored)).toBe(true);
  });

  it("reads quoted phrases, straight or curly, beside plain words", () => {
    const q = parseQuery(`"state of the union" “new deal” roosevelt`);
    expect(q.phrases).toEqual([
      ["state", "of", "the", "union"],
      ["new", "deal"],
    ]);
    expect(q.terms).toEqual(["state", "union", "new", "deal", "roosevelt"]);
    expect(q.words.map((w) => w.phrase)).toEqual([0, 0, 0, 0, 1, 1, undefined]);
  });

  it("keeps each word as typed beside its normalised form", () => {
    expect(parseQuery(`"Rosevelt’s New" Deal, & $100`).words.map((w) => [w.typed, w.text])).toEqual([
      ["Rosevelt’s", "rosevelts"],
      ["New", "new"],
      ["Deal,", "deal"],
      ["$100", "100"],
    ]);
  });

  it("reads a quote inside a word as an apostrophe when the quotes do not pair up", () => {
    expect(parseQuery(`keeper"s lamp`).words.map((w) => [w.typed, w.text])).toEqual([
      ["keeper’s", "keepers"],
      ["lamp", "lamp"],
    ]);
    expect(parseQuery(`"the keeper"s lamp" lit`).phrases).toEqual([["the", "keepers", "lamp"]]);
    // Paired, quotes mark phrases wherever they stand.
    expect(parseQuery(`"axis of"evil`).phrases).toEqual([["axis", "of"]]);
  });

  it("reads an unclosed quote as plain words, as while the reader is still typing", () => {
    const q = parseQuery(`"axis of`);
    expect(q.phrases).toEqual([]);
    expect(q.words.map((w) => w.text)).toEqual(["axis", "of"]);
  });

  it("normalises words as the index does: case, diacritics and punctuation", () => {
    expect(normaliseWord("Don’t")).toBe("dont");
    expect(normaliseWord("Café,")).toBe("cafe");
    expect(normaliseWord("time-tested")).toBe("timetested");
    // Symbols too, as Pagefind indexes "$100 billion": "100".
    expect(normaliseWord("$100")).toBe("100");
    expect(normaliseWord("€5bn")).toBe("5bn");
    expect(normaliseWord("C++")).toBe("c");
    expect(normaliseWord("AT&T")).toBe("att");
    expect(normaliseWord("snake_case")).toBe("snake_case");
    expect(parseQuery(`-- ! "" `).words).toEqual([]);
    expect(isFunctionWord("the")).toBe(true);
    expect(isFunctionWord("deal")).toBe(false);
  });
});

describe("folding text as Pagefind compares it", () => {
  it("drops case and diacritics but keeps the kana's voicing marks, which make other words", () => {
    expect(foldText("Détente À LA Crème")).toBe("detente a la creme");
    expect(foldText("ガス")).toBe("ガス");
    expect(foldText("がっこう")).toBe("がっこう");
    expect(foldText("パン")).toBe("パン");
    expect(foldText("ガス") === foldText("カス")).toBe(false);
    expect(foldText("한국어")).toBe("한국어");
  });
});
