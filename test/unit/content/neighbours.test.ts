import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { linkNeighbours, orderFurtherReading } from "../../../scripts/lib/content/neighbours.ts";
import type { Article } from "../../../scripts/lib/content/site-model.ts";
import { makeArticle, sections, tag } from "../../helpers/model.ts";

const [world, opinion] = sections as [NonNullable<(typeof sections)[0]>, NonNullable<(typeof sections)[1]>];

/** Articles newest first, as the loader links them: one a day back from 31 March 2025. */
function site(specs: { section?: typeof world; tags?: string[] }[]): Article[] {
  return specs.map((spec, i) =>
    makeArticle(`2025-03-${String(31 - i).padStart(2, "0")}T09:00:00+00:00`, `s${i}`, {
      section: spec.section ?? world,
      tags: (spec.tags ?? []).map(tag),
    }),
  );
}

const titles = (a: Article | undefined) => a?.further.map((f) => `${f.relation}: ${f.title}`);

describe("orderFurtherReading", () => {
  it("puts each story once, at its first place, with every reason, and never the article itself", () => {
    const picks = orderFurtherReading({ self: 5, topic: [7, 5, 3], newer: 3, older: 6, section: [6, 8], next: 6 });
    expect(picks).toEqual([
      { index: 7, reasons: ["topic"] },
      { index: 3, reasons: ["topic", "newer"] },
      { index: 6, reasons: ["older", "section", "next"] },
      { index: 8, reasons: ["section"] },
    ]);
  });

  it("orders stories on the subject, then newer and older in the section, then the section, then the next story", () => {
    const picks = orderFurtherReading({ self: 0, topic: [4], newer: 1, older: 2, section: [3], next: 5 });
    expect(picks.map((p) => p.reasons[0])).toEqual(["topic", "newer", "older", "section", "next"]);
  });

  it("never repeats a story or offers the article itself, whatever the candidates", () => {
    const index = fc.integer({ min: 0, max: 9 });
    fc.assert(
      fc.property(
        index,
        fc.array(index, { maxLength: 5 }),
        fc.option(index, { nil: undefined }),
        fc.option(index, { nil: undefined }),
        fc.array(index, { maxLength: 5 }),
        fc.option(index, { nil: undefined }),
        (self, topic, newer, older, section, next) => {
          const picks = orderFurtherReading({ self, topic, newer, older, section, next }).map((p) => p.index);
          expect(new Set(picks).size).toBe(picks.length);
          expect(picks).not.toContain(self);
          const offered = new Set([...topic, newer, older, ...section, next].filter((i) => i !== undefined && i !== self));
          expect(new Set(picks)).toEqual(offered);
        },
      ),
    );
  });
});

describe("linkNeighbours", () => {
  it("offers the newer and older story of the article's own section, not of the site", () => {
    const articles = site([{}, { section: opinion }, {}, { section: opinion }, {}]);
    linkNeighbours(articles);
    expect(titles(articles[2])).toEqual(["Newer in World: Story s0", "Older in World: Story s4", "Next story: Story s3"]);
  });

  it("labels a story by the reason that placed it: a shared tag, in the article's own tag order", () => {
    const articles = site([{ tags: ["Coasts"] }, { section: opinion, tags: ["Labour", "Coasts"] }, { tags: ["Coasts", "Labour"] }]);
    linkNeighbours(articles);
    expect(titles(articles[2])).toEqual(["More on Coasts: Story s1", "More on Coasts: Story s0"]);
    expect(titles(articles[1])).toEqual(["More on Labour: Story s2", "More on Coasts: Story s0"]);
  });

  it("wraps the next story round from the oldest article to the newest, and gives a lone article nothing", () => {
    const articles = site([{ section: opinion }, {}, {}]);
    linkNeighbours(articles);
    expect(titles(articles[2])?.at(-1)).toBe("Next story: Story s0");
    const lone = site([{}]);
    linkNeighbours(lone);
    expect(lone[0]?.further).toEqual([]);
  });

  it("never lists a story twice or the article itself, on a site where every story is related to every other", () => {
    const articles = site(
      Array.from({ length: 30 }, (_, i) => ({ section: i % 3 ? world : opinion, tags: ["Coasts", "Labour", i % 2 ? "Trade" : "Weather"] })),
    );
    linkNeighbours(articles);
    for (const a of articles) {
      const urls = a.further.map((f) => f.url);
      expect(new Set(urls).size, a.url).toBe(urls.length);
      expect(urls, a.url).not.toContain(a.url);
      expect(urls.length, a.url).toBeGreaterThanOrEqual(3);
      expect(urls.length, a.url).toBeLessThanOrEqual(6);
    }
  });

  it("embeds small links, never whole articles", () => {
    const articles = site([{}, {}]);
    linkNeighbours(articles);
    expect(Object.keys(articles[0]?.further[0] ?? {}).sort()).toEqual(["date", "relation", "section", "standfirst", "title", "url"]);
  });
});
