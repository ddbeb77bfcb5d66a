import { DateTime } from "luxon";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

export const DATE_FORMS = "an ISO 8601 date (2025-03-12) or date-time with offset (2025-03-12T09:30:00+00:00)";

export type ParsedDate = { ok: true; value: DateTime } | { ok: false; reason: string };

/**
 * Reads a front-matter date. A date alone means the start of that day in the
 * site time zone; a date-time must carry its offset, because "09:30" alone is
 * ambiguous across the zones authors work in. The written offset is kept, so
 * a correspondent's local time displays as they wrote it in the machine form.
 */
export function parseContentDate(input: unknown, zone: string): ParsedDate {
  if (typeof input !== "string") return { ok: false, reason: `expected ${DATE_FORMS}` };
  const text = input.trim();
  if (DATE_ONLY.test(text)) {
    const value = DateTime.fromISO(text, { zone });
    return value.isValid ? { ok: true, value } : { ok: false, reason: impossible(value) };
  }
  if (DATE_TIME_WITH_OFFSET.test(text)) {
    const value = DateTime.fromISO(text, { setZone: true });
    return value.isValid ? { ok: true, value } : { ok: false, reason: impossible(value) };
  }
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text)) {
    return { ok: false, reason: "a date-time needs an offset such as +00:00 or Z" };
  }
  return { ok: false, reason: `expected ${DATE_FORMS}` };
}

function impossible(value: DateTime): string {
  return `no such date or time${value.invalidExplanation ? `: ${value.invalidExplanation}` : ""}`;
}

/** Machine form for `<time datetime>`, feeds and JSON-LD: ISO 8601 with offset, in the site zone. */
export function machineDate(value: DateTime, zone: string): string {
  return value.setZone(zone).toISO({ suppressMilliseconds: true }) ?? "";
}

/** Reader form, e.g. "11 March 2025", in the site zone and locale. */
export function humanDate(value: DateTime, zone: string, locale: string): string {
  return value.setZone(zone).setLocale(locale).toLocaleString({ day: "numeric", month: "long", year: "numeric" });
}

/** Reader form with the time, e.g. "11 March 2025, 09:30 GMT", for updated stamps. */
export function humanDateTime(value: DateTime, zone: string, locale: string): string {
  return value
    .setZone(zone)
    .setLocale(locale)
    .toLocaleString({ day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" });
}

/** Parses `BUILD_NOW`-style overrides; the build's notion of "now" decides what is scheduled. */
export function parseNow(input: string | undefined, zone: string): DateTime {
  if (input === undefined || input.trim() === "") return DateTime.now().setZone(zone);
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
