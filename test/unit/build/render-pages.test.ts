import { describe, expect, it } from "vitest";
import { heapTrimmer } from "../../../scripts/lib/build/heap-trimmer.ts";
import { renderRuns } from "../../../scripts/lib/build/render-pages.ts";
import { makeArticle, makeSite } from "../../helpers/model.ts";

const site = (n: number) =>
  makeSite(Array.from({ length: n }, (_, i) => makeArticle(`2025-01-${String((i % 28) + 1).padStart(2, "0")}T10:00:00Z`, `story-${i}`)));

describe("renderRuns", () => {
  it("renders a small site in one Eleventy run of every template", () => {
    const small = site(5);
    expect(renderRuns({ articles: small.articles, lists: small.listings.lists }, 2000)).toEqual([
      { input: "src", renderSet: { articles: small.articles, lists: small.listings.lists } },
    ]);
  });

  it("renders a large site's other pages first, then its lists and articles in runs, each page exactly once", () => {
    const big = site(45);
    const runs = renderRuns({ articles: big.articles, lists: big.listings.lists }, 10);
    expect(runs[0]).toEqual({ input: "src", renderSet: { articles: [], lists: [] } });
    const lists = runs.filter((r) => r.input === "src/list.njk");
    const articles = runs.filter((r) => r.input === "src/article.njk");
    expect(lists.length + articles.length + 1).toBe(runs.length);
    expect(articles.map((r) => r.renderSet.articles.length)).toEqual([10, 10, 10, 10, 5]);
    expect(articles.flatMap((r) => r.renderSet.articles)).toEqual(big.articles);
    expect(lists.flatMap((r) => r.renderSet.lists)).toEqual(big.listings.lists);
    for (const r of runs) expect(r.renderSet.articles.length + r.renderSet.lists.length).toBeLessThanOrEqual(10);
  });
});

describe("heapTrimmer", () => {
  it("collects garbage once the heap has grown by the slack", () => {
    const trim = heapTrimmer(64 * 1024 * 1024);
    let garbage: string[] | undefined = Array.from({ length: 1_500_000 }, (_, i) => `garbage ${i}`);
    const grown = process.memoryUsage().heapUsed;
    garbage = undefined;
    trim();
    expect(garbage).toBeUndefined();
    expect(process.memoryUsage().heapUsed).toBeLessThan(grown - 32 * 1024 * 1024);
  });

  it("counts from a collection V8 made on its own, not from a heap full of the content phase's garbage", () => {
    const MB = 1024 * 1024;
    const collections: number[] = [];
    let used = 1200 * MB;
    const trim = heapTrimmer(128 * MB, { used: () => used, collect: () => collections.push((used = 850 * MB)) });
    // V8 collected during the first runs: 850 MB live.
    for (const size of [1300, 850, 1000, 1200]) {
      used = size * MB;
      trim();
    }
    expect(collections).toEqual([]);
    // Half the live heap again since then: collected, though still below where the trimmer began.
    used = 1280 * MB;
    trim();
    expect(collections).toHaveLength(1);
    used = 1100 * MB;
    trim();
    expect(collections).toHaveLength(1);
  });
});
