/** What `npm run search` prints: the table, the JSON, and its errors for unknown filters. */
import { describe, expect, it } from "vitest";
import { asJson, asTable, filtersFromArgs, SearchCliError, type CliResult } from "../../../scripts/lib/search/search-cli.ts";
import type { SearchHit } from "../../../scripts/lib/search/node-search.ts";
import type { SearchVocabulary } from "../../../src/assets/search/filter-vocabulary.ts";

const hit = (n: number, extra: Partial<SearchHit> = {}): SearchHit => ({
  id: `page-${n}`,
  url: `/2025/03/1${n}/story-${n}/`,
  href: `/2025/03/1${n}/story-${n}/?highlight=harbour`,
  title: `Story ${n}`,
  excerpt: [
    { text: "The " },
    { text: "harbour", mark: true },
    { text: ` & its <tariffs> in story ${n}, with words enough to wrap across the lines of a narrow terminal.` },
  ],
  meta: { date: `1${n} March 2025`, section: "World" },
  filters: { author: ["Ada Reporter"], tag: ["Coasts"] },
  missing: [],
  ...extra,
});
const result = (hits: SearchHit[], total = hits.length): CliResult => ({ query: "harbour", filters: {}, sort: "relevance", total, hits });

describe("the search CLI's table", () => {
  it("heads the results with the count and numbers each with its date, headline, URL and excerpt", () => {
    const table = asTable(result([hit(1), hit(2)], 12), { bold: false, width: 100 });
    const lines = table.split("\n");
    expect(lines[0]).toBe("12 articles match “harbour”; showing 2.");
    expect(lines[2]).toBe("1  11 March 2025  Story 1");
    expect(lines[3]).toBe("   /2025/03/11/story-1/");
    expect(table).toContain("The harbour & its <tariffs> in story 1");
    expect(table).not.toMatch(/\x1b/);
  });

  it("wraps excerpts to the terminal's width under the result's indent", () => {
    const table = asTable(result([hit(1)]), { bold: false, width: 50 });
    const excerpt = table.split("\n").slice(4);
    expect(excerpt.length).toBeGreaterThan(1);
    for (const line of excerpt) {
      expect(line.startsWith("   ")).toBe(true);
      expect(line.length).toBeLessThanOrEqual(50);
    }
  });

  it("marks the headline and the matches in bold only on a terminal that shows it", () => {
    const table = asTable(result([hit(1)]), { bold: true, width: 100 });
    expect(table).toContain("\x1b[1mStory 1\x1b[22m");
    expect(table).toContain("\x1b[1mharbour\x1b[22m");
  });

  it("says so when nothing matches, and says 'newest first' for a date sort", () => {
    expect(asTable(result([], 0), { bold: false, width: 80 })).toBe("No articles match “harbour”.");
    const sorted = asTable({ ...result([hit(1)]), sort: "date" }, { bold: false, width: 80 });
    expect(sorted.split("\n")[0]).toBe("1 article matches “harbour”, newest first; showing 1.");
  });
});

describe("results holding some of the words", () => {
  const partly = result([hit(1, { missing: ["tariffs"] }), hit(2, { missing: ["tariffs", "Pilots"] })], 7);

  it("say no article holds every word, and under each result which it misses", () => {
    const table = asTable(partly, { bold: false, width: 100 });
    const lines = table.split("\n");
    expect(lines[0]).toBe("No article holds every word of “harbour”; 7 articles hold some of them; showing 2.");
    expect(lines).toContain("   Missing: tariffs");
    expect(lines).toContain("   Missing: tariffs, Pilots");
  });

  it("give the words each misses in the JSON, and nothing for a result holding every word", () => {
    const json = JSON.parse(asJson(result([hit(1), hit(2, { missing: ["tariffs"] })]))) as { results: Record<string, unknown>[] };
    expect(json.results.map((r) => r.missing)).toEqual([undefined, ["tariffs"]]);
  });
});

describe("the search CLI's JSON", () => {
  it("gives each result's fields with a plain-text excerpt, and the image only when there is one", () => {
    const withImage = hit(2, { meta: { date: "12 March 2025", section: "World", image: "/images/gull.jpg", image_alt: "A gull" } });
    const json = JSON.parse(asJson({ ...result([hit(1), withImage]), filters: { section: { any: ["World"] } } })) as {
      filters: Record<string, string[]>;
      results: Record<string, unknown>[];
    };
    expect(json.filters).toEqual({ section: ["World"] });
    expect(json.results[0]).toEqual({
      title: "Story 1",
      url: "/2025/03/11/story-1/",
      date: "11 March 2025",
      section: "World",
      authors: ["Ada Reporter"],
      tags: ["Coasts"],
      excerpt: expect.stringContaining("The harbour & its <tariffs>") as unknown,
    });
    expect(json.results[1]?.image).toEqual({ src: "/images/gull.jpg", alt: "A gull" });
  });
});

describe("the search CLI's filters", () => {
  const vocabulary: SearchVocabulary = {
    section: [{ id: "world", name: "World" }],
    author: [{ id: "ada", name: "Ada Reporter" }],
    tag: [{ id: "coasts", name: "Coasts" }],
    year: [{ id: "2025", name: "2025" }],
  };

  it("takes ids or display names and gives the indexed values", () => {
    expect(filtersFromArgs({ section: ["world"], author: ["ada reporter"], year: ["2025"] }, vocabulary)).toEqual({
      section: { any: ["World"] },
      author: { any: ["Ada Reporter"] },
      year: { any: ["2025"] },
    });
  });

  it("names every unknown value with a suggestion and the values there are", () => {
    expect(() => filtersFromArgs({ section: ["wrold"], tag: ["nothing"] }, vocabulary)).toThrow(SearchCliError);
    try {
      filtersFromArgs({ section: ["wrold"], tag: ["nothing"] }, vocabulary);
    } catch (error) {
      expect((error as Error).message.split("\n")).toEqual([
        "--section wrold: no such section (did you mean world?); expected one of: world",
        "--tag nothing: no such tag; expected one of: coasts",
      ]);
    }
  });
});

describe("what the index holds, on a terminal", () => {
  const hostile = hit(1, {
    title: "Story\x1b]0;pwned\x07 \x1b[2J\u009b31m one",
    url: "/2025/03/11/story-1/\x1b[8m",
    excerpt: [
      { text: "Win\rOverwritten \x1b]8;;https://evil.example\x07click\x1b]8;;\x07 " },
      { text: "harbour", mark: true },
      { text: " \u202Eevil" },
    ],
    meta: { date: "11 March\x1b[5m 2025" },
  });

  it("reaches the table escaped, whether or not the table adds its own bold", () => {
    for (const bold of [false, true]) {
      const table = asTable({ ...result([hostile]), query: "harbour\x1b[31m" }, { bold, width: 200 });
      const own = bold ? table.replaceAll("\x1b[1m", "").replaceAll("\x1b[22m", "") : table;
      expect(own).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/);
      expect(table).toContain("Story\\x1B]0;pwned\\x07 \\x1B[2J\\x9B31m one");
      expect(table).toContain("Win\\x0DOverwritten");
    }
  });

  it("reaches JSON as \\u escapes, which read back as the index's text", () => {
    const json = asJson(result([hostile]));
    expect(json).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/);
    const parsed = JSON.parse(json) as { results: { title: string; url: string }[] };
    expect(parsed.results[0]?.title).toBe(hostile.title);
    expect(parsed.results[0]?.url).toBe(hostile.url);
  });
});
