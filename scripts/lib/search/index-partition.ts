/**
 * Cuts a site's articles into search index parts by publication period, so a
 * part's boundaries stay where they are when an article is added or removed:
 * only the part holding that article changes, and the other parts' Pagefind
 * output can be reused from the build cache.
 *
 * Parts hold at most half as many again as `size` (the limit). A site within
 * the limit is one part. A larger one is cut along a fixed calendar: each
 * century is a part unless it holds more than the limit; then it is cut in
 * two halves of years (2000–2049, 2050–2099), each of which is a part or is
 * cut in two again, down to single years; a year too full is cut into halves
 * of months the same way, a month into halves of days, and a day into runs of
 * `size` articles in time order.
 *
 * Every boundary is fixed by the calendar, and whether a period is cut
 * depends only on its own articles, never on other periods' or on the site's
 * total: adding or removing an article changes the one part that holds it,
 * or, when that makes a period cross the limit, that period's parts, and
 * nothing outside it. Halving rather than cutting into `ceil(count / size)`
 * runs is what makes that so: runs sized by count move every boundary of a
 * period each time its count crosses a multiple of `size`.
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

/** An item with its publication day's numbers, read once: the halvings ask for them at every level. */
interface Entry<T> {
  item: T;
  year: number;
  month: number;
  day: number;
}

function entryOf<T extends Dated>(item: T): Entry<T> {
  const [year = "0", month = "0", day = "0"] = item.day.split("-");
  return { item, year: Number(year), month: Number(month), day: Number(day) };
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

/** The most articles a part holds, for parts of about `size`: a period just over `size` stays whole rather than becoming two halves. */
const limitFor = (size: number) => Math.floor((size * 3) / 2);

function cut<T>(entries: Entry<T>[], span: Span, size: number, out: IndexPart<T>[]): void {
  if (entries.length <= limitFor(size)) {
    out.push({ key: keyOf(span), items: entries.map((e) => e.item) });
    return;
  }
  if (span.from === span.to) {
    const finer = inner(span);
    if (finer) return cut(entries, finer, size, out);
    // One day with more articles than the limit: runs of `size` in time order, oldest first, so
    // articles added later in the day only change the last run.
    const oldestFirst = entries.map((e) => e.item).reverse();
    const runs: IndexPart<T>[] = [];
    for (let start = 0; start < oldestFirst.length; start += size) {
      runs.push({ key: `${keyOf(span)}.${runs.length + 1}`, items: oldestFirst.slice(start, start + size).reverse() });
    }
    out.push(...runs.reverse());
    return;
  }
  const middle = Math.floor((span.from + span.to) / 2);
  const older = entries.filter((entry) => entry[span.unit] <= middle);
  const newer = entries.filter((entry) => entry[span.unit] > middle);
  // Newest half first, as parts are listed.
  if (newer.length) cut(newer, { ...span, from: middle + 1 }, size, out);
  if (older.length) cut(older, { ...span, to: middle }, size, out);
}

/** The parts of `items`, newest part first, each part's items newest first. O(items × depth); the depth is at most ~17 halvings. */
export function partitionByPeriod<T extends Dated>(items: readonly T[], size: number): IndexPart<T>[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`part size must be a whole number of at least 1, got ${size}`);
  const sorted = [...items].sort(newestFirst);
  if (sorted.length <= limitFor(size)) return [{ key: "all", items: sorted }];
  const byCentury = new Map<number, Entry<T>[]>();
  for (const item of sorted) {
    const entry = entryOf(item);
    const century = Math.floor(entry.year / 100);
    const list = byCentury.get(century);
    if (list) list.push(entry);
    else byCentury.set(century, [entry]);
  }
  const parts: IndexPart<T>[] = [];
  for (const century of [...byCentury.keys()].sort((a, b) => b - a)) {
    const span: Span = { unit: "year", year: 0, month: 0, from: century * 100, to: century * 100 + 99 };
    cut(byCentury.get(century) ?? [], span, size, parts);
  }
  return parts;
}
