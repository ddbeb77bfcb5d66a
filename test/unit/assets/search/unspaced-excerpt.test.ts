import { describe, expect, it } from "vitest";
import { buildExcerpt } from "../../../../src/assets/search/excerpt.ts";
import { parseQuery } from "../../../../src/assets/search/query.ts";
import { unspacedExcerpt } from "../../../../src/assets/search/unspaced-excerpt.ts";

const HEADLINE = "ガス料金の値上げ";
const CONTENT = `${HEADLINE}. ガス料金が来月から上がる。がっこうの給食も値上げになる。カスタードの値段は変わらない。`;
const excerpt = (query: string, length = 24, content = CONTENT) =>
  unspacedExcerpt({ content, headline: HEADLINE, query: parseQuery(query), weights: [1, 1], length });
const marked = (parts: { text: string; mark?: true }[]) => parts.filter((p) => p.mark).map((p) => p.text);
const text = (parts: { text: string }[]) => parts.map((p) => p.text).join("");

describe("the excerpt of a page in a script without spaces between words", () => {
  it("shows the body's sentence holding the word, marked, not the headline", () => {
    expect(marked(excerpt("給食"))).toEqual(["給食"]);
    expect(text(excerpt("給食"))).toMatch(/^がっこうの給食も値上げになる。/);
    // The headline holds it too; the body's place is shown.
    expect(text(excerpt("ガス"))).toMatch(/^ガス料金が来月から上がる。/);
    expect(text(excerpt("カスタード"))).toMatch(/^カスタードの値段は変わらない。$/);
  });

  it("tells a kana word from the same word without its voicing marks, and marks every word of the query", () => {
    expect(marked(excerpt("カス"))).toEqual(["カス"]);
    expect(text(excerpt("カス"))).toMatch(/^カスタード/);
    expect(marked(excerpt("給食 値上げ"))).toEqual(["給食", "値上げ"]);
  });

  it("is cut to about three characters a word, with an ellipsis where the text goes on", () => {
    const long = `${HEADLINE}. ${"前文。".repeat(40)}ここに給食の話がある。${"後文。".repeat(40)}`;
    const parts = excerpt("給食", 10, long);
    expect(text(parts).length).toBeLessThanOrEqual(10 * 3 + 1);
    expect(text(parts)).toMatch(/^ここに給食の話がある。/);
    expect(text(parts).endsWith("…")).toBe(true);
  });

  it("is what buildExcerpt gives for a page whose words Pagefind split with a dictionary, whatever its positions", () => {
    const parts = buildExcerpt({
      content: CONTENT,
      headline: HEADLINE,
      wordCount: 29,
      bodyStart: 5,
      query: parseQuery("給食"),
      positions: [[12]],
      weights: [1],
      runs: [],
      length: 24,
    });
    expect(marked(parts)).toEqual(["給食"]);
  });
});
