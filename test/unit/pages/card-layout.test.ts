import { describe, expect, it } from "vitest";
import { breakLines, ELLIPSIS, fitText, type Measure } from "../../../scripts/lib/pages/card-layout.ts";

/** Every character is `size / 2` wide: easy to reason about. */
const measure: Measure = (text, size) => [...text].length * (size / 2);

describe("breakLines", () => {
  it("puts as many words on a line as fit, breaking only between words", () => {
    // At size 2 a character is 1 wide: lines of at most 11.
    expect(breakLines("the tide is high and rising".split(" "), 2, 11, measure)).toEqual([
      ["the", "tide", "is"],
      ["high", "and"],
      ["rising"],
    ]);
  });

  it("splits a word wider than the line rather than let it run off the card", () => {
    expect(breakLines(["abcdefghij", "k"], 2, 4, measure)).toEqual([["abcd"], ["efgh"], ["ij", "k"]]);
  });
});

describe("fitText", () => {
  const text = "Harbour tariffs rise for the first time in a decade";

  it("takes the largest size at which the text fits its lines", () => {
    // At 10 the text needs three lines of 24 characters; at 8, two of 30.
    const fitted = fitText(text, [10, 8, 6, 4], () => 2, 120, measure);
    expect(fitted.cut).toBe(false);
    expect(fitted.size).toBe(8);
    expect(fitted.lines).toEqual(["Harbour tariffs rise for the", "first time in a decade"]);
    expect(fitted.lines.join(" ")).toBe(text);
    for (const line of fitted.lines) expect(measure(line, fitted.size)).toBeLessThanOrEqual(120);
  });

  it("cuts at a word with an ellipsis when even the smallest size is too big, dropping punctuation before it", () => {
    const fitted = fitText("One, two, three, four, five, six", [4], () => 1, 28, measure);
    expect(fitted).toEqual({ size: 4, lines: [`One, two${ELLIPSIS}`], cut: true });
    expect(measure(fitted.lines[0] ?? "", 4)).toBeLessThanOrEqual(28);
  });

  it("keeps whole lines before the cut one", () => {
    const fitted = fitText(text, [4], () => 2, 40, measure);
    expect(fitted.lines).toEqual(["Harbour tariffs rise", `for the first time${ELLIPSIS}`]);
  });
});
