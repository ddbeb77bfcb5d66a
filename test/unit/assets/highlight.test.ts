import { describe, expect, it } from "vitest";
import { queryFromUrl, queryMatches, wordsInText } from "../../../src/assets/highlight.ts";
import { parseQuery, splitsWithDictionary } from "../../../src/assets/search/query.ts";

/** The words of `text` as a page in `language` reads them, and the stretches marked for `query` (a phrase as one). */
function marks(text: string, query: string, language = "en-GB"): string[] {
  const parsed = parseQuery(query);
  const words = wordsInText(text, parsed.terms, splitsWithDictionary(language));
  const { marked, joined } = queryMatches(
    words.map((w) => w.text),
    parsed,
  );
  const out: { start: number; end: number }[] = [];
  for (const i of marked) {
    const word = words[i] ?? { start: 0, end: 0 };
    const last = out.at(-1);
    if (joined.has(i - 1) && last) last.end = word.end;
    else out.push({ start: word.start, end: word.end });
  }
  return out.map((m) => text.slice(m.start, m.end));
}

describe("marking the searched words on an article", () => {
  it("marks the phrase whole, function words included, and function words nowhere else", () => {
    expect(marks("Of the axis: an axis of evil, and of evil axes.", "axis of evil")).toEqual(["axis", "axis of evil", "evil"]);
  });

  it("matches words at their start, in any case, never inside a word", () => {
    expect(marks("Automated lamplighter; semiautomatic", "lamp automat")).toEqual(["Automated", "lamplighter"]);
  });

  it("marks only the word as typed, or with an ending, where the page has it, not longer words starting like it", () => {
    expect(marks("Korean buyers bound for Korea; Korea’s ports", "korea")).toEqual(["Korea", "Korea’s"]);
    expect(marks("Automated lamps; semiautomatic lamplighter", "lamp automat")).toEqual(["Automated", "lamps"]);
    expect(marks("Sea elections, the elected board and electric cranes", "election")).toEqual(["elections"]);
  });

  it("marks a quoted phrase whole wherever it stands, and its words nowhere else", () => {
    expect(marks("The new deal, a new trade deal, a New Deal.", `"new deal" trade`)).toEqual(["new deal", "trade", "New Deal"]);
  });

  it("finds the words on a page in Japanese by the query's words themselves, kana's voicing marks kept", () => {
    const text = "ガス料金が来月から上がる。がっこうの給食も値上げになる。カスタードの値段は変わらない。";
    expect(marks(text, "がっこう", "ja")).toEqual(["がっこう"]);
    expect(marks(text, "給食 値上げ", "ja")).toEqual(["給食", "値上げ"]);
    expect(marks(text, "ガス", "ja-JP")).toEqual(["ガス"]);
    expect(marks(text, "カス", "ja")).toEqual(["カス"]);
    expect(marks("Détente in 東京", "detente 東京", "zh")).toEqual(["Détente", "東京"]);
    // On an English page a Japanese name is a word like any other, and "lamp" is not marked inside "clamp".
    expect(marks("The clamp and lamp of 東京", "lamp 東京")).toEqual(["lamp", "東京"]);
  });

  it("reads the query from ?highlight=, also as Pagefind writes it, one word a parameter", () => {
    expect(queryFromUrl(new URL("https://x.test/a/?highlight=axis+of+evil")).text).toBe("axis of evil");
    expect(queryFromUrl(new URL("https://x.test/a/?highlight=axis&highlight=of&highlight=evil")).terms).toEqual(["axis", "evil"]);
    expect(queryFromUrl(new URL("https://x.test/a/")).words).toEqual([]);
  });
});
