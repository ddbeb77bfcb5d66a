import { DateTime } from "luxon";
import { cachedZone } from "./time-zones.ts";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

export const DATE_FORMS = "an ISO 8601 date (2025-03-12) or date-time with offset (2025-03-12T09:30:00+00:00)";
/** What an article's `date` accepts: the forms above, or only the year or the month when a source gives no more. */
export const PUBLICATION_DATE_FORMS = `${DATE_FORMS}, or a year (1790) or month (1790-12) when the day is not known`;

/** How much of a date is known: a year or a month alone, or the day (a date, or a date-time). */
export type DatePrecision = "year" | "month" | "day";

export type ParsedDate = { ok: true; value: DateTime } | { ok: false; reason: string };
export type ParsedPublicationDate = { ok: true; value: DateTime; precision: DatePrecision } | { ok: false; reason: string };

const YEAR = /^\d{4}$/;
const YEAR_MONTH = /^(\d{4})-(\d{2})$/;
/** 1 BC is followed by AD 1: a year 0 would be shown as "1 January 1" on one page and "0" in the archive. */
const NO_YEAR_ZERO = "there is no year 0: the earliest year is 0001";

/** A year written with too few or too many digits, as text or as a YAML number. */
const ODD_YEAR = /^\d{1,3}$|^\d{5,}$|^\d{1,3}-\d{1,2}$|^\d{4}-\d$/;

/**
 * Reads a front-matter date. A date alone means the start of that day in the
 * site time zone; a date-time must carry its offset, because "09:30" alone is
 * ambiguous across the zones authors work in. The written offset is kept, so
 * a correspondent's local time displays as they wrote it in the machine form.
 */
export function parseContentDate(input: unknown, zone: string): ParsedDate {
  if (typeof input !== "string") return { ok: false, reason: `expected ${DATE_FORMS}` };
  const text = input.trim();
  const dateOnly = DATE_ONLY.test(text);
  if (dateOnly || DATE_TIME_WITH_OFFSET.test(text)) {
    const calendar = calendarProblem(text);
    if (calendar) return { ok: false, reason: `no such date or time: ${calendar}` };
    const value = dateOnly ? DateTime.fromISO(text, { zone: cachedZone(zone) }) : DateTime.fromISO(text, { setZone: true });
    // An offset ahead of the site zone can carry the first hours of 0001 back into year 0 there.
    if (value.year === 1 && value.setZone(cachedZone(zone)).year < 1) return { ok: false, reason: `no such date or time: ${NO_YEAR_ZERO}` };
    return value.isValid
      ? { ok: true, value }
      : { ok: false, reason: `no such date or time${value.invalidExplanation ? `: ${value.invalidExplanation}` : ""}` };
  }
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text)) {
    return { ok: false, reason: "a date-time needs an offset such as +00:00 or Z" };
  }
  return { ok: false, reason: `expected ${DATE_FORMS}` };
}

/** A YAML number such as `date: 1790` reads as the year it spells. */
const asText = (input: unknown): unknown => (typeof input === "number" && Number.isInteger(input) && input >= 0 ? String(input) : input);

/**
 * Reads an article's `date`: any form `parseContentDate` reads (known to the
 * day), or a year (`1790`) or a month (`1790-12`) alone, for sources that give
 * no more. The value of a partial date is its first instant in the site time
 * zone, so it sorts and schedules as the start of its year or month; the
 * precision says how much of it pages and feeds may show.
 */
export function parsePublicationDate(input: unknown, zone: string): ParsedPublicationDate {
  // `date: 0000` unquoted is the YAML number 0.
  if (input === 0) return { ok: false, reason: `no such year: ${NO_YEAR_ZERO}` };
  const text = asText(input);
  if (typeof text === "string") {
    const trimmed = text.trim();
    if (YEAR.test(trimmed)) {
      if (Number(trimmed) < 1) return { ok: false, reason: `no such year: ${NO_YEAR_ZERO}` };
      return { ok: true, value: DateTime.fromObject({ year: Number(trimmed) }, { zone: cachedZone(zone) }), precision: "year" };
    }
    const month = YEAR_MONTH.exec(trimmed);
    if (month) {
      const [year, monthNumber] = [Number(month[1]), Number(month[2])];
      if (year < 1) return { ok: false, reason: `no such year: ${NO_YEAR_ZERO}` };
      if (monthNumber < 1 || monthNumber > 12) return { ok: false, reason: `no such month: there is no month ${monthNumber}` };
      return { ok: true, value: DateTime.fromObject({ year, month: monthNumber }, { zone: cachedZone(zone) }), precision: "month" };
    }
    if (ODD_YEAR.test(trimmed)) return { ok: false, reason: "a year is written with four digits, a month with two (1790, 1790-12)" };
  }
  const parsed = parseContentDate(text, zone);
  if (parsed.ok) return { ...parsed, precision: "day" };
  // The expected forms are named beside every problem; the reason need not repeat them.
  return { ok: false, reason: parsed.reason === `expected ${DATE_FORMS}` ? "is not a date in a form this site reads" : parsed.reason };
}

/**
 * Reads a date that must be known to the day (an article's `updated`): a
 * year or month alone is refused with a reason, since whoever updates an
 * article knows when they did.
 */
export function parseDayDate(input: unknown, zone: string): ParsedDate {
  const text = asText(input);
  if (typeof text === "string" && (YEAR.test(text.trim()) || YEAR_MONTH.test(text.trim()))) {
    return { ok: false, reason: "needs the day: only `date` may give just a year or a month" };
  }
  return parseContentDate(input, zone);
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Days in a month of the proleptic Gregorian calendar, as luxon counts them. */
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return [4, 6, 9, 11].includes(month) ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** Whether `text` is a `YYYY-MM-DD` on the calendar: what `parseContentDate` finds of it, without making a date (every file name has one). */
export const isCalendarDay = (text: string): boolean => DATE_ONLY.test(text) && calendarProblem(text) === undefined;

/** Says in words why a well-formed `YYYY-MM-DD[Thh:mm[:ss]]` is not on the calendar, or undefined when it is. */
function calendarProblem(text: string): string | undefined {
  const parts = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text);
  if (!parts) return "expected YYYY-MM-DD";
  const [year, month, day, hour, minute, second] = parts.slice(1).map((p) => Number(p ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (year < 1) return NO_YEAR_ZERO;
  if (month < 1 || month > 12) return `there is no month ${month}`;
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return `${MONTHS[month - 1]} ${year} has ${days} days, not day ${day}`;
  if (hour > 23 || minute > 59 || second > 59)
    return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:${String(second).padStart(2, "0")} is not a time of day`;
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(text);
  if (offset) {
    const minutes = Number(offset[2]) * 60 + Number(offset[3]);
    if (Number(offset[3]) > 59 || minutes > (offset[1] === "+" ? FARTHEST_AHEAD : FARTHEST_BEHIND))
      return `${offset[0]} is not an offset from UTC (they run from -12:00 to +14:00)`;
  }
  return undefined;
}

/** The farthest the world's time zones are from UTC, in minutes: Kiribati's +14:00 and Baker Island's -12:00. */
const FARTHEST_AHEAD = 14 * 60;
const FARTHEST_BEHIND = 12 * 60;

/**
 * Machine form for `<time datetime>`, feeds, sitemaps, Open Graph and JSON-LD:
 * ISO 8601 with offset, in the site zone. Those formats write an offset in
 * hours and minutes only, so an instant whose offset has seconds (local mean
 * time: Europe/London was −00:01:15 until 1847) is written in UTC instead,
 * never with its offset cut short. So is one whose minutes are not :00, :30
 * or :45 (Singapore's +07:20 in the 1930s): valid, but HTML checkers flag it
 * as a likely typing slip, and no zone uses such an offset today.
 */
export function machineDate(value: DateTime, zone: string): string {
  const local = value.setZone(cachedZone(zone));
  const usual = Number.isInteger(local.offset) && [0, 30, 45].includes(Math.abs(local.offset) % 60);
  return (usual ? local : local.toUTC()).toISO({ suppressMilliseconds: true }) ?? "";
}

/**
 * Reader forms already written, by locale, precision and day in the site zone:
 * the form depends on nothing else, and an archive has several articles a day,
 * while luxon's formatting was a tenth of parsing an article.
 */
const humanDates = new Map<string, string>();

/** Reader form, e.g. "11 March 2025", "March 2025" or "2025" (as much as is known), in the site zone and locale. */
export function humanDate(value: DateTime, zone: string, locale: string, precision: DatePrecision = "day"): string {
  const local = value.setZone(cachedZone(zone));
  const key = `${locale}\0${precision}\0${local.year}-${local.month}-${local.day}`;
  let human = humanDates.get(key);
  if (human === undefined) {
    const localised = local.setLocale(locale);
    human =
      precision === "year"
        ? localised.toLocaleString({ year: "numeric" })
        : precision === "month"
          ? localised.toLocaleString({ month: "long", year: "numeric" })
          : localised.toLocaleString({ day: "numeric", month: "long", year: "numeric" });
    humanDates.set(key, human);
  }
  return human;
}

/**
 * ISO 8601 of only what is known: `1790`, `1790-12`, or the full date-time
 * with offset. For `<time datetime>`, JSON-LD and Open Graph, which all take
 * a reduced-precision date; feeds that need a full date-time use `machineDate`.
 */
export function knownDate(value: DateTime, zone: string, precision: DatePrecision): string {
  if (precision === "day") return machineDate(value, zone);
  const local = value.setZone(cachedZone(zone));
  const year = String(local.year).padStart(4, "0");
  return precision === "year" ? year : `${year}-${String(local.month).padStart(2, "0")}`;
}

/** Parses `BUILD_NOW`-style overrides; the build's notion of "now" decides what is scheduled. */
export function parseNow(input: string | undefined, zone: string): DateTime {
  if (input === undefined || input.trim() === "") return DateTime.now().setZone(cachedZone(zone));
  const parsed = parseContentDate(input, zone);
  if (!parsed.ok) throw new Error(`BUILD_NOW: ${parsed.reason} (got ${JSON.stringify(input)})`);
  return parsed.value;
}

/** The latest of some ISO 8601 date-times. Compared as instants: strings with different offsets do not sort as text. */
export function latestIso(isos: Iterable<string>): string | undefined {
  let latest: string | undefined;
  let latestTime = -Infinity;
  for (const iso of isos) {
    const time = Date.parse(iso);
    if (time > latestTime) [latest, latestTime] = [iso, time];
  }
  return latest;
}
