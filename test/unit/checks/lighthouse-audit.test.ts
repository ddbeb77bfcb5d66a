import { describe, expect, it } from "vitest";
import { cpuSlowdownFor } from "../../../scripts/lib/checks/lighthouse-audit.ts";

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
