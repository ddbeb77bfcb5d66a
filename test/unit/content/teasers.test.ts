import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cutStandfirst, cutTeaser, graphemeLength } from "../../../scripts/lib/content/teasers.ts";

const ELLIPSIS = "…";
const words = new Intl.Segmenter("en", { granularity: "word" });

/** True when `prefix` ends on a word boundary of `full` (its last word is whole). */
function endsOnWordBoundary(full: string, prefix: string): boolean {
  for (const { index, segment } of words.segment(full)) {
    if (index < prefix.length && index + segment.length > prefix.length) return false;
  }
  return true;
}

describe("cutTeaser", () => {
  it("leaves text that fits alone, whatever its punctuation", () => {
    expect(cutTeaser("Markets rally.")).toEqual({ text: "Markets rally.", full: "Markets rally.", cut: false });
    const exactly60 = "a".repeat(30) + " " + "b".repeat(29);
    expect(cutTeaser(exactly60).cut).toBe(false);
  });

  it("cuts between words, never inside one", () => {
    const text = "Recently, the United States announced that it had resumed intelligence sharing with Ukraine";
    const { text: cut, cut: wasCut, full } = cutTeaser(text);
    expect(wasCut).toBe(true);
    expect(full).toBe(text);
    expect(cut).toBe("Recently, the United States announced that it had resumed…");
    expect(graphemeLength(cut)).toBeLessThanOrEqual(60);
  });

  it("drops punctuation and spaces left before the ellipsis", () => {
    const cut = cutTeaser("One two three four five six seven, eight nine ten eleven twelve thirteen").text;
    expect(cut).toBe("One two three four five six seven, eight nine ten eleven…");
    expect(cutTeaser("Alpha beta gamma delta epsilon zeta eta theta iota kappa — lambda mu nu xi omicron").text).toBe(
      "Alpha beta gamma delta epsilon zeta eta theta iota kappa…",
    );
    expect(cutTeaser("Words words words words words words words words word, “quoted words follow here”").text).toBe(
      "Words words words words words words words words word…",
    );
  });

  it("cuts CJK text with no spaces between words at a word boundary", () => {
    const text =
      "美国近日宣布已恢复与乌克兰的情报共享，并预计将在不久的将来与乌克兰签署矿产资源协议。这一决定是在特朗普政府利用暂停情报共享和军事援助作为筹码向乌克兰施压的背景下做出的";
    const { text: cut } = cutTeaser(text);
    expect(graphemeLength(cut)).toBeLessThanOrEqual(60);
    expect(cut.endsWith(ELLIPSIS)).toBe(true);
    expect(text.startsWith(cut.slice(0, -1))).toBe(true);
    expect(endsOnWordBoundary(text, cut.slice(0, -1))).toBe(true);
  });

  it("never splits an emoji grapheme, and counts each as one character", () => {
    const family = "👨‍👩‍👧‍👦";
    const { text } = cutTeaser(family.repeat(70));
    expect(text).toBe(family.repeat(59) + ELLIPSIS);
    const flags = "Flags " + "🇺🇦🇺🇸".repeat(40);
    const cut = cutTeaser(flags).text;
    expect(graphemeLength(cut)).toBeLessThanOrEqual(60);
    expect(
      [...new Intl.Segmenter().segment(cut)].every((g) => g.segment === "🇺🇦" || g.segment === "🇺🇸" || !/\p{RI}/u.test(g.segment)),
    ).toBe(true);
  });

  it("treats an upstream ellipsis as a possible mid-word cut", () => {
    expect(cutTeaser("On March 9, local time, Tesla CEO Musk reposted on social m…").text).toBe(
      "On March 9, local time, Tesla CEO Musk reposted on social…",
    );
    expect(cutTeaser('Recently, the United States has been included in the "Civil…').text).toBe(
      "Recently, the United States has been included in the…",
    );
  });

  it("ends the whole text of an upstream cut at a word as well, for screen readers and the tooltip", () => {
    const musk = "On March 9, local time, Tesla CEO Musk reposted on social…";
    expect(cutTeaser("On March 9, local time, Tesla CEO Musk reposted on social m…")).toEqual({ text: musk, full: musk, cut: false });
    const long = cutTeaser("A long wire story about the harbour that goes on and on well past the limit of sixty charac…");
    expect(long.full).toBe("A long wire story about the harbour that goes on and on well past the limit of sixty…");
    expect(long.text).toBe("A long wire story about the harbour that goes on and on…");
    expect(long.cut).toBe(true);
  });

  it("respects a custom limit", () => {
    expect(cutTeaser("The quick brown fox jumps over the lazy dog", 20).text).toBe("The quick brown fox…");
  });

  it("holds its promises for any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), fc.integer({ min: 2, max: 80 }), (input, limit) => {
        const result = cutTeaser(input, limit);
        expect(graphemeLength(result.text)).toBeLessThanOrEqual(Math.max(limit, 1));
        expect(result.cut).toBe(result.text !== result.full);
        if (!result.cut) return;
        expect(result.text.endsWith(ELLIPSIS)).toBe(true);
        const kept = result.text.slice(0, -1);
        expect(kept).not.toMatch(/[\p{P}\p{Z}\s]$/u);
        expect(result.full.startsWith(kept)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe("cutTeaser on plain text", () => {
  /** The cut as the word segmenter makes it: after the last word ending within `budget` characters, with what trails it trimmed. */
  const segmenterCut = (text: string, limit: number) => {
    const budget = limit - 1;
    let end = 0;
    for (const { index, segment, isWordLike } of new Intl.Segmenter("en", { granularity: "word" }).segment(text))
      if (isWordLike && index + segment.length <= budget) end = index + segment.length;
    return `${(end ? text.slice(0, end) : text.slice(0, budget)).replace(/[\p{P}\p{Z}\s]+$/u, "")}${ELLIPSIS}`;
  };

  it("cuts where the word segmenter does, though it does not set one up for letters, digits and plain punctuation", () => {
    // The commonest leads: ASCII words, numbers ("3,000", "3.5"), abbreviations ("U.S."), apostrophes and underscores.
    const piece = fc.constantFrom(
      "a",
      "Z",
      "word",
      "9",
      "3,000",
      "3.5",
      "U.S.",
      "don't",
      "snake_case",
      " ",
      " ",
      " ",
      ",",
      ".",
      ";",
      ":",
      "!",
      "?",
      "-",
      "(",
      '"',
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 40 }), fc.integer({ min: 2, max: 80 }), (pieces, limit) => {
        const text = pieces.join("").replace(/\s+/g, " ").trim();
        fc.pre(text.length > limit);
        expect(cutTeaser(text, limit).text).toBe(segmenterCut(text, limit));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("cutStandfirst", () => {
  const lead =
    "Recently, the United States announced that it had resumed intelligence sharing with Ukraine and is expected to sign a mineral resources agreement with Ukraine in the near future. This decision, set against the backdrop of pressure, highlights the transactional nature of U.S. diplomacy.";

  it("keeps text that fits whole", () => {
    expect(cutStandfirst("The port authority says the money will pay for dredging.", 200)).toBe(
      "The port authority says the money will pay for dredging.",
    );
  });

  it("ends at a sentence when whole sentences fill most of the card", () => {
    expect(cutStandfirst(lead, 200)).toBe(
      "Recently, the United States announced that it had resumed intelligence sharing with Ukraine and is expected to sign a mineral resources agreement with Ukraine in the near future.",
    );
  });

  it("does not end a sentence at an abbreviation or an initial", () => {
    const text =
      "Officials at the U.S. Treasury met Mr. J. Smith on Monday to talk about the harbour and the fees it charges ships. Then they left.";
    expect(cutStandfirst(text, 100)).toBe(
      "Officials at the U.S. Treasury met Mr. J. Smith on Monday to talk about the harbour and the fees it…",
    );
  });

  it("cuts at a word, with an ellipsis, when the first sentence is too long or too short", () => {
    expect(cutStandfirst(lead, 120)).toBe(
      "Recently, the United States announced that it had resumed intelligence sharing with Ukraine and is expected to sign a…",
    );
    expect(cutStandfirst(`Short one. ${"word ".repeat(60)}`, 200)).toMatch(/^Short one\. word word .*word…$/);
  });

  it("never exceeds its length", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("Word", "word.", "U.S.", "Mr.", "end!", "Next", "“Quote.”", " "), { maxLength: 80 }),
        fc.integer({ min: 60, max: 300 }),
        (parts, limit) => {
          expect(graphemeLength(cutStandfirst(parts.join(" "), limit))).toBeLessThanOrEqual(limit);
        },
      ),
    );
  });
});
