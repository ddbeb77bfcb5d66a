import { describe, expect, it } from "vitest";
import { parseQuery } from "../../../../src/assets/search/query.ts";
import { idf, rank, type PartEvidence, type TermHit } from "../../../../src/assets/search/ranking.ts";

/** A page of a hand-made index: headline and body words. */
interface Page {
  id: string;
  headline?: string;
  body: string;
}

const words = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean);

/** Stems, as Pagefind's stemmer would give them, for the words that need one here. */
const STEMS: Record<string, string> = { election: "elect", elections: "elect", electricity: "electr" };
const stem = (word: string) => STEMS[word] ?? word;

/** Pages holding `sequence` word for word. */
const holding = (pages: readonly Page[], texts: string[][], sequence: readonly string[]) =>
  new Set(pages.filter((_, i) => (texts[i] ?? []).some((_, at) => sequence.every((w, k) => texts[i]?.[at + k] === w))).map((p) => p.id));

/**
 * What Pagefind's searches report for `pages` as one part: a page matches a
 * word when one of its words' stems starts with the word's stem (its score a
 * weighted count, headline words ten times, times the part's rarity of the
 * word), and holds the word itself when a stem is the same; quoted phrases
 * and the query from its first to its last scored word (the whole query when
 * it has one scored word among function words), word for word.
 */
function part(n: number, pages: readonly Page[], query: string): PartEvidence {
  const q = parseQuery(query);
  const texts = pages.map((p) => [...words(p.headline ?? ""), ...words(p.body)]);
  const scored = q.words.flatMap((w, i) => (w.scored ? [i] : []));
  const inner = scored.length === 1 && !q.phrases.length ? q.words : q.words.slice(scored[0], (scored.at(-1) ?? 0) + 1);
  return {
    part: n,
    pages: pages.length,
    terms: q.terms.map((term) => {
      const hits = new Map<string, TermHit>();
      const exact = new Set<string>();
      const matching = pages.filter((_, i) => texts[i]?.some((w) => stem(w).startsWith(stem(term))));
      const local = idf(pages.length, matching.length);
      pages.forEach((page, i) => {
        const text = texts[i] ?? [];
        const positions = text.flatMap((w, at) => (stem(w).startsWith(stem(term)) ? [at] : []));
        if (!positions.length) return;
        const headlineWords = words(page.headline ?? "").length;
        const weighted = positions.reduce((sum, at) => sum + (at < headlineWords ? 10 : 1), 0);
        hits.set(page.id, {
          score: local * (weighted / (weighted + 1.2)),
          positions,
          headline: positions.some((at) => at < headlineWords),
        });
        if (text.some((w) => stem(w) === stem(term))) exact.add(page.id);
      });
      return { df: matching.length, exact, hits };
    }),
    quoted: q.phrases.map((phrase) => holding(pages, texts, phrase)),
    ...(inner.some((w) => !w.scored)
      ? {
          phrase: holding(
            pages,
            texts,
            inner.map((w) => w.text),
          ),
        }
      : {}),
  };
}

const order = (query: string, ...parts: PartEvidence[]) => rank(parseQuery(query), parts).pages.map((p) => p.id);
const filler = (n: number) => Array.from({ length: n }, (_, i) => `filler${i % 7}`).join(" ");

describe("phrase-aware ranking", () => {
  it("puts the words as a phrase above the same words scattered, however often those occur", () => {
    const pages: Page[] = [
      { id: "scattered", body: `axis powers ${filler(30)} evil deeds ${filler(30)} axis ${filler(30)} evil axis evil` },
      { id: "phrase", body: `${filler(20)} an axis of evil arming ${filler(40)}` },
      { id: "other", body: `nothing here ${filler(10)}` },
    ];
    expect(order("axis of evil", part(1, pages, "axis of evil"))).toEqual(["phrase", "scattered"]);
  });

  it("puts close words above scattered ones, when no page has the phrase", () => {
    const pages: Page[] = [
      { id: "far", body: `tariffs rise ${filler(60)} harbour news` },
      { id: "close", body: `${filler(30)} the harbour board set new tariffs today ${filler(30)}` },
    ];
    expect(order("harbour tariffs", part(1, pages, "harbour tariffs"))).toEqual(["close", "far"]);
    const ranked = rank(parseQuery("harbour tariffs"), [part(1, pages, "harbour tariffs")]).pages;
    expect(ranked.map((p) => p.tier)).toEqual([1, 0]);
  });

  it("lets function words join a phrase but never rank or match on their own", () => {
    const pages: Page[] = [
      { id: "of-only", body: `of the of the of the ${filler(10)}` },
      { id: "no-of", body: `axis and evil ${filler(10)}` },
      { id: "with-of", body: `the axis of evil ${filler(10)}` },
    ];
    const ranked = rank(parseQuery("axis of evil"), [part(1, pages, "axis of evil")]);
    expect(ranked.pages.map((p) => p.id)).toEqual(["with-of", "no-of"]);
    // "axis and evil" has the words the phrase's distance apart, but not its "of".
    expect(ranked.pages.map((p) => p.tier)).toEqual([2, 1]);
    expect(ranked.pages[0]?.runs[0]).toMatchObject({ at: 1, from: 0, to: 2 });
  });

  it("ranks a query of one word among function words by the query as typed, above the word alone", () => {
    const pages: Page[] = [
      { id: "month", body: `march march march rains ${filler(20)} march` },
      { id: "typed", body: `${filler(20)} the army on the march ${filler(20)}` },
      { id: "apart", body: `on ${filler(5)} the march ${filler(20)}` },
    ];
    const ranked = rank(parseQuery("on the march"), [part(1, pages, "on the march")]).pages;
    expect(ranked.map((p) => [p.id, p.tier])).toEqual([
      ["typed", 2],
      ["month", 0],
      ["apart", 0],
    ]);
    // One word alone has no phrase to find.
    expect(rank(parseQuery("march"), [part(1, pages, "march")]).pages.every((p) => p.tier === 0)).toBe(true);
  });

  it("counts words in the headline as close to the other words of the text", () => {
    const pages: Page[] = [
      { id: "passing", headline: "Johnson speaks", body: `${filler(10)} truman and korea ${filler(40)}` },
      { id: "about", headline: "Truman speaks", body: `${filler(40)} korea ${filler(40)} korea ${filler(10)}` },
      { id: "scattered", headline: "Ford speaks", body: `truman ${filler(40)} korea ${filler(10)}` },
    ];
    const ranked = rank(parseQuery("truman korea"), [part(1, pages, "truman korea")]).pages;
    expect(ranked.map((p) => [p.id, p.tier])).toEqual([
      ["about", 1],
      ["passing", 1],
      ["scattered", 0],
    ]);
  });

  it("searches a query of function words alone as it is", () => {
    const pages: Page[] = [
      { id: "a", body: `${filler(5)} of the people ${filler(5)}` },
      { id: "b", body: `the ${filler(5)} of` },
    ];
    expect(order("of the", part(1, pages, "of the"))).toEqual(["a", "b"]);
  });

  it("keeps a quoted phrase exact, and mixes it with other words", () => {
    const pages: Page[] = [
      { id: "exact", body: `the new deal helped ${filler(10)} roosevelt` },
      { id: "apart", body: `a new trade deal ${filler(10)} roosevelt roosevelt` },
      { id: "no-name", body: `the new deal ${filler(10)}` },
    ];
    expect(order(`"new deal" roosevelt`, part(1, pages, `"new deal" roosevelt`))).toEqual(["exact"]);
    expect(order(`"new deal"`, part(1, pages, `"new deal"`)).sort()).toEqual(["exact", "no-name"]);
  });

  it("weighs the rarer word more", () => {
    const common = Array.from({ length: 8 }, (_, i): Page => ({ id: `c${i}`, body: `harbour ${filler(20)}` }));
    const pages: Page[] = [
      ...common,
      { id: "rare-often", body: `gull gull gull ${filler(40)} harbour` },
      { id: "common-often", body: `harbour harbour harbour ${filler(40)} gull` },
    ];
    expect(order("harbour gull", part(1, pages, "harbour gull"))).toEqual(["rare-often", "common-often"]);
  });

  it("counts a headline holding every word with the phrase, above the words close together", () => {
    const pages: Page[] = [
      { id: "quoted", body: `${filler(10)} as franklin roosevelt said ${filler(10)}` },
      { id: "close", body: `${filler(10)} franklin d roosevelt ${filler(10)}` },
      { id: "headline", headline: "Franklin D. Roosevelt", body: `my friends ${filler(30)}` },
    ];
    const ranked = rank(parseQuery("franklin roosevelt"), [part(1, pages, "franklin roosevelt")]).pages;
    expect(Object.fromEntries(ranked.map((p) => [p.id, p.tier]))).toEqual({ headline: 2, quoted: 2, close: 1 });
    expect(ranked.at(-1)?.id).toBe("close");
  });

  it("weighs the headline most", () => {
    const pages: Page[] = [
      { id: "body", body: `gull gull gull gull ${filler(20)}` },
      { id: "headline", headline: "Gull census", body: `birds ${filler(20)}` },
    ];
    expect(order("gull", part(1, pages, "gull"))).toEqual(["headline", "body"]);
  });

  it("counts a word's rarity over every part searched, not per part", () => {
    // "ferry" is in every page of part 1 but rare over both parts; "timetable" the other way round.
    const one: Page[] = [
      { id: "1a", body: `ferry timetable ${filler(20)}` },
      { id: "1b", body: `ferry ${filler(20)}` },
      { id: "1c", body: `ferry ${filler(20)}` },
    ];
    const two: Page[] = Array.from({ length: 12 }, (_, i) => ({ id: `2${i}`, body: `timetable ${filler(20)}` }));
    const ranking = rank(parseQuery("ferry timetable"), [part(1, one, "ferry timetable"), part(2, two, "ferry timetable")]);
    const [ferry = 0, timetable = 0] = ranking.weights;
    expect(ferry).toBeCloseTo(idf(15, 3));
    expect(timetable).toBeCloseTo(idf(15, 13));
    expect(ferry).toBeGreaterThan(timetable);
  });

  it("once a part holds a word itself, counts no page that only has longer words starting like it", () => {
    const one: Page[] = [{ id: "electric", body: `electricity bills ${filler(10)}` }];
    const two: Page[] = [{ id: "election", body: `the election was close ${filler(10)}` }];
    expect(order("election", part(1, one, "election"), part(2, two, "election"))).toEqual(["election"]);
    // With the word itself nowhere, a longer word is what the reader is typing towards.
    expect(order("election", part(1, one, "election"))).toEqual(["electric"]);
  });

  it("leaves out a word no part holds, as one Pagefind index does", () => {
    const pages: Page[] = [{ id: "storm", body: `storm surge ${filler(5)}` }];
    expect(order("storm zzzqqq", part(1, pages, "storm zzzqqq"))).toEqual(["storm"]);
    expect(order("zzzqqq", part(1, pages, "zzzqqq"))).toEqual([]);
  });

  it("ranks the same evidence the same way every time, whatever order the parts come in", () => {
    const one: Page[] = [
      { id: "x", body: `axis of evil ${filler(5)}` },
      { id: "y", body: `axis ${filler(9)} evil` },
    ];
    const two: Page[] = [{ id: "z", body: `the axis of evil ${filler(30)} axis of evil` }];
    const a = rank(parseQuery("axis of evil"), [part(1, one, "axis of evil"), part(2, two, "axis of evil")]);
    const b = rank(parseQuery("axis of evil"), [part(1, one, "axis of evil"), part(2, two, "axis of evil")]);
    expect(a).toEqual(b);
    expect(a.pages.map((p) => p.id)).toEqual(["z", "x", "y"]);
  });
});

describe("a partial ranking, when no page holds every word", () => {
  const pages: Page[] = [
    { id: "moon-kennedy", body: `kennedy said we choose the moon ${filler(20)}` },
    { id: "moon-only", body: `the moon rose ${filler(20)}` },
    { id: "speech-only", body: `a speech ${filler(20)}` },
    { id: "kennedy-speech-moon-far", body: `kennedy gave a speech ${filler(40)} moon` },
    { id: "harbour", body: `harbour tariffs ${filler(20)}` },
    { id: "talks", body: `pay talks ${filler(20)}` },
  ];
  const evidence = (query: string) => [part(1, pages, query)];

  it("is not made by default: a page must hold every word", () => {
    expect(rank(parseQuery("kennedy talks moon speech"), evidence("kennedy talks moon speech")).pages).toEqual([]);
  });

  it("takes the pages holding the most words, then one fewer, and says which each misses", () => {
    const query = parseQuery("kennedy talks moon speech");
    const ranked = rank(query, evidence("kennedy talks moon speech"), { partial: true }).pages;
    expect(ranked.map((p) => p.id)).toEqual(["kennedy-speech-moon-far", "moon-kennedy"]);
    expect(ranked.map((p) => p.missing.map((t) => query.terms[t]))).toEqual([["talks"], ["talks", "speech"]]);
  });

  it("orders pages holding as many words by the rarity of those they hold", () => {
    const ranked = rank(parseQuery("moon harbour"), evidence("moon harbour"), { partial: true }).pages;
    // One word each: "harbour" (one page) is rarer than "moon" (three).
    expect(ranked.map((p) => p.id)).toEqual(["harbour", "moon-kennedy", "moon-only", "kennedy-speech-moon-far"]);
  });

  it("takes one word fewer only while that is half the words or more", () => {
    // Two of three words at most: pages with one alone hold too little of the query.
    expect(rank(parseQuery("moon speech harbour"), evidence("moon speech harbour"), { partial: true }).pages.map((p) => p.id)).toEqual([
      "kennedy-speech-moon-far",
    ]);
  });

  it("leaves out a word no page holds, as a full ranking does", () => {
    expect(rank(parseQuery("kennedy moon zebra"), evidence("kennedy moon zebra")).pages.map((p) => p.id)).toEqual([
      "moon-kennedy",
      "kennedy-speech-moon-far",
    ]);
  });

  it("misses nothing for a page holding every word, which comes first", () => {
    const ranked = rank(parseQuery("kennedy moon"), evidence("kennedy moon"), { partial: true }).pages;
    expect(ranked.map((p) => [p.id, p.missing.length])).toEqual([
      ["moon-kennedy", 0],
      ["kennedy-speech-moon-far", 0],
      ["moon-only", 1],
    ]);
  });
});
