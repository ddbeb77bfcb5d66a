import { describe, expect, it } from "vitest";
import { pagefindThreads } from "../../../scripts/lib/search/search-index.ts";

describe("pagefindThreads", () => {
  it("shares the cores between the Pagefind runs at once, so they do not contend with each other", () => {
    expect(pagefindThreads(2, 2)).toBe(1);
    expect(pagefindThreads(2, 8)).toBe(4);
    expect(pagefindThreads(2, 5)).toBe(2);
  });

  it("gives a run on its own every core", () => {
    expect(pagefindThreads(1, 2)).toBe(2);
    expect(pagefindThreads(1, 16)).toBe(16);
  });

  it("never gives a run no thread", () => {
    expect(pagefindThreads(2, 1)).toBe(1);
    expect(pagefindThreads(0, 0)).toBe(1);
  });
});
