import { describe, expect, it } from "vitest";
import { buildExcerpt, excerptText, type ExcerptPart } from "../../../../src/assets/search/excerpt.ts";
import { parseQuery } from "../../../../src/assets/search/query.ts";
import type { PhraseRun } from "../../../../src/assets/search/ranking.ts";

const HEAD = "Axis of evil: a speech. The president spoke of evil and of the axis.";
const BODY =
  "The session opened at noon. Members heard reports on trade. " +
  "States like these, and their terrorist allies, constitute an axis of evil, arming to threaten the peace of the world. " +
  "Later the house rose. The debate on the budget went on late into the night and nothing of note was decided.";
const content = `${HEAD} ${BODY}`;
const words = content.split(/\s+/);
const bodyStart = HEAD.split(/\s+/).length;

/** Positions of the words starting with `term`, as Pagefind reports them. */
const at = (term: string) => words.flatMap((w, i) => (w.toLowerCase().replace(/\W/g, "").startsWith(term) ? [i] : []));
const marked = (parts: readonly ExcerptPart[]) => parts.filter((p) => p.mark).map((p) => p.text);

function excerpt(query: string, runs: PhraseRun[] = [], length = 20) {
  const q = parseQuery(query);
  return buildExcerpt({ content, bodyStart, query: q, positions: q.terms.map(at), weights: q.terms.map(() => 1), runs, length });
}

describe("the excerpt under a result", () => {
  it("shows the passage holding the phrase, marked whole, and never the headline or standfirst", () => {
    const axis = words.indexOf("axis", bodyStart);
    const parts = excerpt("axis of evil", [{ at: axis, from: 0, to: 2 }]);
    expect(marked(parts)).toEqual(["axis of evil"]);
    expect(excerptText(parts)).toMatch(/^States like these, and their terrorist allies, constitute an axis of evil, arming/);
    expect(excerptText(parts)).not.toContain("speech");
    // The comma after "evil" is not marked.
    expect(parts.find((p) => p.mark)?.text.endsWith(",")).toBe(false);
  });

  it("marks scored words where no phrase stands, and function words never on their own", () => {
    const parts = excerpt("the budget of the night");
    expect(marked(parts)).toEqual(["budget", "night"]);
    expect(excerptText(parts)).toContain("the budget went on late into the night");
  });

  it("shows the body's opening, unmarked, when only the headline and standfirst match", () => {
    const parts = excerpt("speech");
    expect(marked(parts)).toEqual([]);
    expect(excerptText(parts)).toMatch(/^The session opened at noon\./);
  });

  it("picks and marks the word as typed over longer words Pagefind matched for its stem, where the text has it", () => {
    // Pagefind's positions for "session" also count "sessional", a longer word starting like it.
    const text =
      "Headline here. The sessional papers piled up in the corner of the room all week. Much later, after the vote, the session opened at noon.";
    const all = text.split(/\s+/);
    const q = parseQuery("session");
    const parts = buildExcerpt({
      content: text,
      bodyStart: 2,
      query: q,
      positions: [all.flatMap((w, i) => (w.toLowerCase().startsWith("session") ? [i] : []))],
      weights: [1],
      runs: [],
      length: 8,
    });
    expect(marked(parts)).toEqual(["session"]);
    // A page holding only other words matched for it keeps them marked: they are why it was found.
    const other = buildExcerpt({
      content: text,
      bodyStart: 2,
      query: parseQuery("sessions"),
      positions: [[3]],
      weights: [1],
      runs: [],
      length: 8,
    });
    expect(marked(other)).toEqual(["sessional"]);
  });

  it("goes for the passage with the rarer words", () => {
    const q = parseQuery("house trade");
    const parts = buildExcerpt({
      content,
      bodyStart,
      query: q,
      positions: q.terms.map(at),
      weights: [5, 1],
      runs: [],
      length: 8,
    });
    expect(marked(parts)).toEqual(["house"]);
    expect(excerptText(parts)).toMatch(/^Later the house rose\./);
  });

  it("marks only the matching word of words joined by a hyphen", () => {
    const text = "A Great Society-in its growth. The time-tested ways.";
    const q = parseQuery("great society");
    const parts = buildExcerpt({
      content: text,
      bodyStart: 0,
      query: q,
      positions: [[1], [2]],
      weights: [1, 1],
      runs: [{ at: 1, from: 0, to: 1 }],
      length: 10,
    });
    expect(marked(parts)).toEqual(["Great Society"]);
    expect(excerptText(parts)).toBe(text);
  });

  it("says where it cuts into a sentence", () => {
    const text = excerptText(excerpt("threaten", [], 6));
    expect(text.startsWith("… ") || /^[A-Z]/.test(text)).toBe(true);
    expect(text.endsWith(" …") || /[.!?]$/.test(text)).toBe(true);
  });
});
