import { describe, expect, it } from "vitest";
import { sentenceBreaks } from "../../../scripts/lib/content/sentences.ts";

const split = (text: string) => {
  const parts: string[] = [];
  let start = 0;
  for (const { end, next } of sentenceBreaks(text)) {
    parts.push(text.slice(start, end));
    start = next;
  }
  return [...parts, text.slice(start)];
};

describe("sentenceBreaks", () => {
  it("ends sentences at stops, keeping closing quotes, but not after abbreviations or initials", () => {
    expect(split("Mr. Smith of the U.S. Navy spoke. “We sail,” he said. “Now.” Gen. J. Doe agreed! Was it 1812? 1813 says no.")).toEqual([
      "Mr. Smith of the U.S. Navy spoke.",
      "“We sail,” he said.",
      "“Now.”",
      "Gen. J. Doe agreed!",
      "Was it 1812?",
      "1813 says no.",
    ]);
  });

  it("does not end a sentence before a lower-case word", () => {
    expect([...sentenceBreaks("It cost 3 p. a day. and so on")]).toEqual([]);
  });
});
