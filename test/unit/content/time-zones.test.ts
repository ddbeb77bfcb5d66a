import fc from "fast-check";
import { DateTime, IANAZone } from "luxon";
import { describe, expect, it } from "vitest";
import { CachedZone, cachedZone } from "../../../scripts/lib/content/time-zones.ts";

/** Summer time both ways, half-hour summer time, a skipped day, half- and quarter-hour offsets, local mean time. */
const ZONES = [
  "Europe/London",
  "America/New_York",
  "Australia/Lord_Howe",
  "Pacific/Apia",
  "Asia/Kathmandu",
  "America/Sao_Paulo",
  "Africa/Casablanca",
  "Europe/Dublin",
  "UTC",
];
const MINUTE = 60_000;

describe("CachedZone", () => {
  it("gives luxon's offsets every quarter hour across a year of transitions, asked in any order", () => {
    for (const name of ["Europe/London", "Australia/Lord_Howe"]) {
      const cached = new CachedZone(name);
      const plain = IANAZone.create(name);
      const from = Date.UTC(2025, 0, 1);
      // Backwards, so days are remembered from their last minutes too.
      const wrong: string[] = [];
      for (let i = (365 * 24 * 60) / 15; i >= 0; i--) {
        for (const ts of [from + i * 15 * MINUTE, from + i * 15 * MINUTE + 7 * MINUTE]) {
          if (cached.offset(ts) !== plain.offset(ts)) wrong.push(new Date(ts).toISOString());
        }
      }
      expect(wrong, name).toEqual([]);
    }
  });

  it("gives luxon's offsets at random instants from 1800 to 2100, including seconds-precise local mean time", () => {
    const zones = ZONES.map((name) => [new CachedZone(name), IANAZone.create(name)] as const);
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1800, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.nat({ max: zones.length - 1 }), (ts, z) => {
        const [cached, plain] = zones[z]!;
        expect(cached.offset(ts)).toBe(plain.offset(ts));
        // The same day again comes from memory.
        expect(cached.offset(ts + 1000)).toBe(plain.offset(ts + 1000));
      }),
      { numRuns: 3000 },
    );
  });

  it("is exact within a day that has a transition", () => {
    const zone = new CachedZone("Europe/London");
    const change = Date.UTC(2025, 2, 30, 1); // 01:00 GMT becomes 02:00 BST
    expect(zone.offset(change - 1000)).toBe(0);
    expect(zone.offset(change)).toBe(60);
    expect(zone.offset(change - 1000)).toBe(0);
  });

  it("is a zone luxon formats like the plain one, and invalid like it for unknown names", () => {
    const ts = Date.UTC(2025, 6, 1, 12);
    const a = DateTime.fromMillis(ts, { zone: cachedZone("Europe/London") });
    const b = DateTime.fromMillis(ts, { zone: "Europe/London" });
    expect(a.toISO()).toBe(b.toISO());
    expect(a.toLocaleString(DateTime.DATETIME_FULL, { locale: "en-GB" })).toBe(
      b.toLocaleString(DateTime.DATETIME_FULL, { locale: "en-GB" }),
    );
    expect(a.zone.equals(b.zone)).toBe(true);
    expect(cachedZone("Europe/London")).toBe(cachedZone("Europe/London"));
    expect(cachedZone("Mars/Olympus").isValid).toBe(false);
    expect(DateTime.fromMillis(ts, { zone: cachedZone("Mars/Olympus") }).isValid).toBe(false);
    expect(new CachedZone("Europe/London").offset(Number.NaN)).toBeNaN();
  });
});
