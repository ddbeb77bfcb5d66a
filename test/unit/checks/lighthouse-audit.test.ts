import { describe, expect, it } from "vitest";
import { countedRun, cpuSlowdownFor } from "../../../scripts/lib/checks/lighthouse-audit.ts";

type Run = Parameters<typeof countedRun>[0][number];

/** A Lighthouse result with only what judging a run reads: the four category scores, first paint and interactive times. */
function run(performance: number, fcp: number, interactive: number): Run {
  const score = (s: number) => ({ score: s });
  const result = {
    categories: { performance: score(performance), accessibility: score(1), "best-practices": score(1), seo: score(1) },
    audits: { "first-contentful-paint": { numericValue: fcp }, interactive: { numericValue: interactive } },
  };
  return result as unknown as Run;
}

describe("the Lighthouse CPU slowdown", () => {
  it("is Lighthouse's default 4x on the high-end desktop that default is meant for", () => {
    expect(cpuSlowdownFor(1750)).toBe(4);
  });

  it("emulates the same phone from a slower host with less slowdown, and from a faster one with more", () => {
    expect(cpuSlowdownFor(1100)).toBeCloseTo(2.5, 1);
    expect(cpuSlowdownFor(875)).toBe(2);
    expect(cpuSlowdownFor(2625)).toBe(6);
    // Task times scale as 1 / benchmark index, so the emulated phone's are the same on each host.
    for (const index of [900, 1300, 1750, 2400]) expect(cpuSlowdownFor(index) / index).toBeCloseTo(4 / 1750, 4);
  });

  it("never speeds a host up, and falls back to the default when the index is unusable", () => {
    expect(cpuSlowdownFor(300)).toBe(1);
    expect(cpuSlowdownFor(0)).toBe(4);
    expect(cpuSlowdownFor(Number.NaN)).toBe(4);
  });
});

describe("the run a page is judged by", () => {
  it("is the first one that scores 100 everywhere, however many missed before it", () => {
    const perfect = run(1, 800, 1200);
    expect(countedRun([run(0.99, 790, 1300), run(0.98, 820, 1400), perfect, run(1, 700, 1000)])).toEqual({
      run: perfect,
      counted: "perfect",
    });
  });

  it("is the median run when none scores 100, so a page that always misses fails with its typical figures", () => {
    const typical = run(0.98, 800, 1300);
    const runs = [run(0.99, 700, 1100), run(0.9, 950, 1900), typical, run(0.97, 820, 1450), run(0.99, 760, 1250)];
    expect(countedRun(runs)).toEqual({ run: typical, counted: "median" });
    expect(countedRun([typical])).toEqual({ run: typical, counted: "median" });
  });

  it("refuses to judge no runs at all", () => {
    expect(() => countedRun([])).toThrow(/No Lighthouse run/);
  });
});
