/**
 * Cuts a site's articles into search index parts by publication period, so a
 * part's boundaries stay where they are when an article is added or removed:
 * only the part holding that article changes, and the other parts' Pagefind
 * output can be reused from the build cache.
 *
 * A site within `size` articles is one part. A larger one is cut along a
 * fixed calendar: each century is a part, unless it holds more than `size`
 * articles; then it is cut into `k = ceil(count / size)` equal runs of years,
 * each of which is a part or is cut again the same way; a single year is cut
 * into runs of months, a month into runs of days, and a day into runs of
 * `size` articles in time order. A period's runs depend only on the period
 * and its count, so adding an article changes the one part that receives it,
 * except when the count of a period crosses a multiple of `size`: then that
 * period's parts are cut anew (and nothing outside it moves).
 */

export interface Dated {
  /** Publication day in the site's time zone, YYYY-MM-DD. */
  day: string;
  /** Publication instant, milliseconds since the epoch: orders articles within a day. */
  time: number;
  /** Unique and stable (the URL): orders articles of the same instant. */
  id: string;
}

export interface IndexPart<T> {
  /** The period the part covers, usable in a URL path: `all`, `1900-1949`, `2024`, `2024-01_2024-03`, `2024-03-05`, `2024-03-05.2`. */
  key: string;
  /** Newest first. */
  items: T[];
}

type Unit = "year" | "month" | "day";

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** `a` newer than `b` first: by instant, then by id. */
function newestFirst(a: Dated, b: Dated): number {
  return b.time - a.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

interface Span {
  unit: Unit;
  /** The enclosing year and month, for months and days. */
  year: number;
  month: number;
  from: number;
  to: number;
}

function unitOf(item: Dated, unit: Unit): number {
  const [y = "0", m = "0", d = "0"] = item.day.split("-");
  return Number(unit === "year" ? y : unit === "month" ? m : d);
}

function label(span: Span, at: number): string {
  if (span.unit === "year") return String(at).padStart(4, "0");
  if (span.unit === "month") return `${pad(span.year, 4)}-${pad(at)}`;
  return `${pad(span.year, 4)}-${pad(span.month)}-${pad(at)}`;
}

function keyOf(span: Span): string {
  const from = label(span, span.from);
  if (span.from === span.to) return from;
  // Runs of years read as 1900-1949; runs of months and days name both ends.
  return span.unit === "year" ? `${from}-${label(span, span.to)}` : `${from}_${label(span, span.to)}`;
}

/** The next finer period inside a span of one unit: a year's months, a month's days. */
function inner(span: Span): Span | undefined {
  if (span.unit === "year") return { unit: "month", year: span.from, month: 0, from: 1, to: 12 };
  if (span.unit === "month") return { unit: "day", year: span.year, month: span.from, from: 1, to: daysIn(span.year, span.from) };
  return undefined;
}

function cut<T extends Dated>(items: T[], span: Span, size: number, out: IndexPart<T>[]): void {
  if (items.length <= size) {
    out.push({ key: keyOf(span), items });
    return;
  }
  if (span.from === span.to) {
    const finer = inner(span);
    if (finer) return cut(items, finer, size, out);
    // One day with more than `size` articles: runs of `size` in time order, oldest first, so
    // articles added later in the day only change the last run.
    const oldestFirst = [...items].reverse();
    const runs: IndexPart<T>[] = [];
    for (let start = 0; start < oldestFirst.length; start += size) {
      runs.push({ key: `${keyOf(span)}.${runs.length + 1}`, items: oldestFirst.slice(start, start + size).reverse() });
    }
    out.push(...runs.reverse());
    return;
  }
  const length = span.to - span.from + 1;
  const k = Math.min(length, Math.ceil(items.length / size));
  // Newest run first, as parts are listed.
  for (let i = k - 1; i >= 0; i--) {
    const from = span.from + Math.floor((i * length) / k);
    const to = span.from + Math.floor(((i + 1) * length) / k) - 1;
    const inRun = items.filter((item) => {
      const at = unitOf(item, span.unit);
      return at >= from && at <= to;
    });
    if (inRun.length) cut(inRun, { ...span, from, to }, size, out);
  }
}

/** The parts of `items`, newest part first, each part's items newest first. O(items × depth). */
export function partitionByPeriod<T extends Dated>(items: readonly T[], size: number): IndexPart<T>[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`part size must be a whole number of at least 1, got ${size}`);
  const sorted = [...items].sort(newestFirst);
  if (sorted.length <= size) return [{ key: "all", items: sorted }];
  const byCentury = new Map<number, T[]>();
  for (const item of sorted) {
    const century = Math.floor(unitOf(item, "year") / 100);
    const list = byCentury.get(century);
    if (list) list.push(item);
    else byCentury.set(century, [item]);
  }
  const parts: IndexPart<T>[] = [];
  for (const century of [...byCentury.keys()].sort((a, b) => b - a)) {
    const span: Span = { unit: "year", year: 0, month: 0, from: century * 100, to: century * 100 + 99 };
    cut(byCentury.get(century) ?? [], span, size, parts);
  }
  return parts;
}
