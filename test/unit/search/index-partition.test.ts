import { describe, expect, it } from "vitest";
import { partitionByPeriod, type Dated } from "../../../scripts/lib/search/index-partition.ts";

/** An article on `day` at `hour` (UTC, for ordering only). */
const at = (day: string, hour = 12, id = `${day}-${hour}`): Dated => ({
  day,
  time: Date.parse(`${day}T${String(hour).padStart(2, "0")}:00:00Z`),
  id,
});

/** `count` articles spread over the days from `start`, one a day. */
function daily(start: string, count: number): Dated[] {
  const first = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => at(new Date(first + i * 86_400_000).toISOString().slice(0, 10)));
}

const shape = (items: Dated[], size: number) => partitionByPeriod(items, size).map((p) => [p.key, p.items.length]);
/** Parts as key → ids, to compare two partitions part by part. */
const byKey = (items: Dated[], size: number) =>
  new Map(partitionByPeriod(items, size).map((p) => [p.key, p.items.map((i) => i.id).join(",")]));
function changedParts(before: Dated[], after: Dated[], size: number): string[] {
  const a = byKey(before, size);
  const b = byKey(after, size);
  return [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).sort();
}

describe("index parts by publication period", () => {
  it("keeps a site within the part size in one part, newest first", () => {
    const parts = partitionByPeriod([at("1790-01-08"), at("2021-04-28"), at("1862-12-01")], 500);
    expect(parts.map((p) => [p.key, p.items.map((i) => i.day)])).toEqual([["all", ["2021-04-28", "1862-12-01", "1790-01-08"]]]);
  });

  it("cuts a larger site by century, then into halves of years, months and days as each period needs", () => {
    // 2020–2024, one article a day, size 400 (at most 600 a part): the century is halved down to
    // 2019–2024, then 2019–2021 and 2022–2024, and those into 2019–2020, 2021, 2022–2023 (halved again) and 2024.
    const items = daily("2020-01-01", 1827);
    expect(shape(items, 400)).toEqual([
      ["2024", 366],
      ["2023", 365],
      ["2022", 365],
      ["2021", 365],
      ["2019-2020", 366],
    ]);
    // Size 100: each year is halved into January–June and July–December, and those into quarters.
    const quarters = shape(items.slice(0, 366), 100);
    expect(quarters.map(([key]) => key)).toEqual(["2020-10_2020-12", "2020-07_2020-09", "2020-04_2020-06", "2020-01_2020-03"]);
    expect(quarters.reduce((n, [, c]) => n + Number(c), 0)).toBe(366);
  });

  it("keeps a period a little fuller than the part size whole, up to half as many again", () => {
    // Size 70 (at most 105 a part): quarters of 91 and 92 articles stay whole; size 60 (at most 90) halves them.
    expect(shape(daily("2020-01-01", 366), 70).map(([key]) => key)).toEqual([
      "2020-10_2020-12",
      "2020-07_2020-09",
      "2020-04_2020-06",
      "2020-01_2020-03",
    ]);
    const halved = shape(daily("2020-01-01", 366), 60);
    expect(halved.map(([key]) => key)).toEqual([
      "2020-12",
      "2020-10_2020-11",
      "2020-09",
      "2020-07_2020-08",
      "2020-06",
      "2020-04_2020-05",
      "2020-03",
      "2020-01_2020-02",
    ]);
    expect(Math.max(...halved.map(([, count]) => Number(count)))).toBeLessThanOrEqual(90);
  });

  it("cuts a day with more articles than the part size into runs in time order", () => {
    const busy = Array.from({ length: 5 }, (_, h) => at("2025-03-05", h + 8));
    const parts = partitionByPeriod([...busy, ...daily("2025-01-01", 3)], 2);
    expect(
      parts.filter((p) => p.key.startsWith("2025-03-05")).map((p) => [p.key, p.items.map((i) => new Date(i.time).getUTCHours())]),
    ).toEqual([
      ["2025-03-05.3", [12]],
      ["2025-03-05.2", [11, 10]],
      ["2025-03-05.1", [9, 8]],
    ]);
  });

  it("never loses or repeats an article, and lists parts newest first", () => {
    const items = [...daily("1995-06-01", 900), ...daily("2019-12-20", 40), at("1801-01-01")];
    const parts = partitionByPeriod(items, 50);
    expect(parts.flatMap((p) => p.items.map((i) => i.id)).sort()).toEqual(items.map((i) => i.id).sort());
    const newest = parts.map((p) => Math.max(...p.items.map((i) => i.time)));
    expect([...newest].sort((a, b) => b - a)).toEqual(newest);
    expect(Math.max(...parts.map((p) => p.items.length))).toBeLessThanOrEqual(75);
  });

  it("changes only the part that receives an added article", () => {
    const items = daily("2020-01-01", 1500);
    const added = [...items, at("2021-06-15", 18, "new")];
    expect(changedParts(items, added, 400)).toEqual(["2021"]);
  });

  it("changes only the part that loses a deleted article", () => {
    const items = daily("2020-01-01", 1500);
    const removed = items.filter((i) => i.day !== "2022-02-02");
    expect(changedParts(items, removed, 400)).toEqual(["2022"]);
  });

  it("leaves every other period alone when one period grows past the part size and is cut anew", () => {
    const items = daily("2020-01-01", 1500);
    const crowded = [...items, ...Array.from({ length: 300 }, (_, i) => at("2023-03-01", 13, `extra-${i}`))];
    const changed = changedParts(items, crowded, 400);
    expect(changed.every((key) => key.startsWith("2023"))).toBe(true);
    expect(changed).toContain("2023");
  });

  it("leaves older parts alone however far the site grows at its newest end", () => {
    // Four part sizes' worth of new articles: a count-based cut would have moved every boundary several times.
    const items = daily("2020-01-01", 1500);
    const grown = [...items, ...Array.from({ length: 1600 }, (_, i) => at("2024-03-01", 8 + (i % 12), `new-${i}`))];
    const changed = changedParts(items, grown, 400);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((key) => key.startsWith("2024"))).toBe(true);
  });

  it("refuses a part size that is not a whole number of at least 1", () => {
    expect(() => partitionByPeriod([], 0)).toThrow(RangeError);
  });
});
