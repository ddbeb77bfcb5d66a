import { describe, expect, it } from "vitest";
import { queryFromUrl, queryMatches } from "../../../src/assets/highlight.ts";
import { normaliseWord, parseQuery } from "../../../src/assets/search/query.ts";

/** The words of `text` as the article page reads them, and which are marked for `query`. */
function marks(text: string, query: string): string[] {
  const words = text.match(/[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu) ?? [];
  const { marked, joined } = queryMatches(words.map(normaliseWord), parseQuery(query));
  const out: string[] = [];
  for (const i of marked) {
    if (joined.has(i - 1) && out.length) out[out.length - 1] += ` ${words[i]}`;
    else out.push(words[i] ?? "");
  }
  return out;
}

describe("marking the searched words on an article", () => {
  it("marks the phrase whole, function words included, and function words nowhere else", () => {
    expect(marks("Of the axis: an axis of evil, and of evil axes.", "axis of evil")).toEqual(["axis", "axis of evil", "evil"]);
  });

  it("matches words at their start, in any case, never inside a word", () => {
    expect(marks("Automated lamps; semiautomatic lamplighter", "lamp automat")).toEqual(["Automated", "lamps", "lamplighter"]);
  });

  it("marks a quoted phrase whole wherever it stands, and its words nowhere else", () => {
    expect(marks("The new deal, a new trade deal, a New Deal.", `"new deal" trade`)).toEqual(["new deal", "trade", "New Deal"]);
  });

  it("reads the query from ?highlight=, also as Pagefind writes it, one word a parameter", () => {
    expect(queryFromUrl(new URL("https://x.test/a/?highlight=axis+of+evil")).text).toBe("axis of evil");
    expect(queryFromUrl(new URL("https://x.test/a/?highlight=axis&highlight=of&highlight=evil")).terms).toEqual(["axis", "evil"]);
    expect(queryFromUrl(new URL("https://x.test/a/")).words).toEqual([]);
  });
});
