import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  humanDate,
  isCalendarDay,
  knownDate,
  machineDate,
  parseContentDate,
  parseDayDate,
  parseNow,
  parsePublicationDate,
} from "../../../scripts/lib/content/dates.ts";

const LONDON = "Europe/London";

function parsed(input: unknown, zone = LONDON) {
  const r = parseContentDate(input, zone);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

describe("parseContentDate", () => {
  it("reads a date alone as midnight in the site time zone", () => {
    expect(machineDate(parsed("2025-03-12"), LONDON)).toBe("2025-03-12T00:00:00+00:00");
    expect(machineDate(parsed("2025-07-01"), LONDON)).toBe("2025-07-01T00:00:00+01:00");
    expect(machineDate(parsed("2025-03-12", "Asia/Shanghai"), "Asia/Shanghai")).toBe("2025-03-12T00:00:00+08:00");
  });

  it("keeps the instant of a date-time with an offset", () => {
    const d = parsed("2025-03-12T23:30:00-05:00");
    expect(machineDate(d, LONDON)).toBe("2025-03-13T04:30:00+00:00");
    expect(humanDate(d, LONDON, "en-GB")).toBe("13 March 2025");
  });

  it("rejects impossible dates with a reason", () => {
    for (const bad of ["2025-02-30", "2025-13-01", "2025-00-10", "2023-02-29T10:00:00Z", "2025-03-12T25:00:00Z"]) {
      const r = parseContentDate(bad, LONDON);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/no such date or time/);
    }
    expect(parseContentDate("2024-02-29", LONDON).ok).toBe(true);
  });

  it("rejects an offset no time zone has, and takes the farthest real ones", () => {
    for (const bad of ["2025-03-12T10:00:00+25:00", "2025-03-12T10:00:00+14:30", "2025-03-12T10:00:00-13:00", "2025-03-12T10:00+05:75"]) {
      const r = parseContentDate(bad, LONDON);
      expect(r.ok ? "" : r.reason, bad).toMatch(
        /^no such date or time: [+-]\d\d:?\d\d is not an offset from UTC \(they run from -12:00 to \+14:00\)$/,
      );
    }
    for (const good of ["2025-03-12T10:00:00+14:00", "2025-03-12T10:00:00-12:00", "2025-03-12T10:00:00+0545", "2025-03-12T10:00:00Z"])
      expect(parseContentDate(good, LONDON).ok, good).toBe(true);
  });

  it("asks for an offset on a bare date-time and names the accepted forms otherwise", () => {
    const bare = parseContentDate("2025-03-12T09:30", LONDON);
    expect(bare.ok ? "" : bare.reason).toMatch(/needs an offset/);
    for (const bad of ["12/03/2025", "March 12", 20250312, null]) {
      const r = parseContentDate(bad, LONDON);
      expect(r.ok ? "" : r.reason).toMatch(/ISO 8601/);
    }
  });

  it("formats for readers in the site locale", () => {
    expect(humanDate(parsed("2025-03-11"), LONDON, "en-GB")).toBe("11 March 2025");
  });

  it("round-trips any real date", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1790-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true }),
        (date) => {
          const day = date.toISOString().slice(0, 10);
          const value = parsed(day);
          expect(machineDate(value, LONDON).slice(0, 10)).toBe(day);
        },
      ),
    );
  });
});

describe("parseNow", () => {
  it("accepts BUILD_NOW overrides and rejects nonsense", () => {
    expect(machineDate(parseNow("2030-01-01T12:00:00Z", LONDON), LONDON)).toBe("2030-01-01T12:00:00+00:00");
    expect(() => parseNow("tomorrow", LONDON)).toThrow(/BUILD_NOW/);
  });
});

describe("parseContentDate properties", () => {
  const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");

  it("accepts exactly the days on the calendar, and says why the others are not", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 2999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        (year, month, day) => {
          const text = `${year}-${pad(month)}-${pad(day)}`;
          const r = parseContentDate(text, LONDON);
          const real = month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
          expect(r.ok, text).toBe(real);
          if (!r.ok && (month < 1 || month > 12)) expect(r.reason).toBe(`no such date or time: there is no month ${month}`);
          else if (!r.ok)
            expect(r.reason).toMatch(new RegExp(`^no such date or time: \\w+ ${year} has ${daysIn(year, month)} days, not day ${day}$`));
        },
      ),
    );
  });

  it("counts the days of every month of years 1 to 9999 as luxon does", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const days = DateTime.utc(year, month).daysInMonth;
        expect(parseContentDate(`${pad(year, 4)}-${pad(month)}-${days}`, LONDON).ok).toBe(true);
        expect(parseContentDate(`${pad(year, 4)}-${pad(month)}-${pad((days ?? 0) + 1)}`, LONDON).ok).toBe(false);
      }),
    );
    expect(parseContentDate("1900-02-29", LONDON).ok).toBe(false);
    expect(parseContentDate("2000-02-29", LONDON).ok).toBe(true);
  });

  it("finds a file name's day on the calendar exactly when parseContentDate does", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        (year, month, day) => {
          const text = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
          expect(isCalendarDay(text), text).toBe(parseContentDate(text, LONDON).ok);
        },
      ),
      { numRuns: 2000 },
    );
    for (const text of ["2024-02-29", "2023-02-29", "1900-02-29", "2000-02-29", "0000-01-01", "0001-01-01", "2025-04-31"])
      expect(isCalendarDay(text), text).toBe(parseContentDate(text, LONDON).ok);
    expect(isCalendarDay("2025-03-12T09:30:00Z")).toBe(false);
    expect(isCalendarDay("2025-3-12")).toBe(false);
  });

  it("refuses year 0, written or reached through an offset ahead of the site zone", () => {
    const noYearZero = "no such date or time: there is no year 0: the earliest year is 0001";
    expect(parseContentDate("0000-03-10", LONDON)).toEqual({ ok: false, reason: noYearZero });
    expect(parseContentDate("0000-12-31T12:00:00Z", LONDON)).toEqual({ ok: false, reason: noYearZero });
    expect(parseContentDate("0001-01-01T00:30:00+01:00", LONDON)).toEqual({ ok: false, reason: noYearZero });
    expect(parseContentDate("0001-01-01", LONDON).ok).toBe(true);
  });

  it("words any instant as luxon does with the zone named, in any zone and locale", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1800-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.constantFrom("Europe/London", "America/New_York", "Pacific/Apia", "Asia/Kathmandu"),
        fc.constantFrom("en-GB", "en-US", "de-DE", "ar-EG"),
        (date, zone, locale) => {
          const value = DateTime.fromJSDate(date, { zone: "UTC" });
          const direct = value.setZone(zone).setLocale(locale).toLocaleString({ day: "numeric", month: "long", year: "numeric" });
          expect(humanDate(value, zone, locale)).toBe(direct);
          const machine = machineDate(value, zone);
          expect(Date.parse(machine)).toBe(date.getTime());
          const offset = value.setZone(zone).offset;
          if (Number.isInteger(offset) && [0, 30, 45].includes(Math.abs(offset) % 60))
            expect(machine).toBe(value.setZone(zone).toISO({ suppressMilliseconds: true }));
          else expect(machine).toMatch(/Z$/);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("words each instant by the day it falls on in the zone named, whatever was worded before", () => {
    const lateInLondon = DateTime.fromISO("2025-03-11T23:30:00Z", { zone: "UTC" });
    const nextMorning = DateTime.fromISO("2025-03-12T10:00:00Z", { zone: "UTC" });
    expect(humanDate(lateInLondon, LONDON, "en-GB")).toBe("11 March 2025");
    expect(humanDate(lateInLondon, "Asia/Kathmandu", "en-GB")).toBe("12 March 2025");
    expect(humanDate(nextMorning, LONDON, "en-GB")).toBe("12 March 2025");
    expect(humanDate(lateInLondon, LONDON, "de-DE")).toBe("11. März 2025");
    expect(humanDate(lateInLondon, LONDON, "en-US")).toBe("March 11, 2025");
    expect(humanDate(lateInLondon, LONDON, "en-GB", "month")).toBe("March 2025");
    expect(humanDate(lateInLondon, "Asia/Kathmandu", "en-GB", "year")).toBe("2025");
    expect(humanDate(DateTime.fromISO("2025-12-31T23:30:00Z", { zone: "UTC" }), "Asia/Kathmandu", "en-GB", "year")).toBe("2026");
  });

  it("writes an offset with seconds (local mean time) in UTC rather than cutting it to minutes", () => {
    // London kept local mean time, 1 min 15 s behind Greenwich, until December 1847; Monrovia was −00:43:08 until 1972.
    expect(machineDate(parsed("1790-01-01"), LONDON)).toBe("1790-01-01T00:01:15Z");
    expect(machineDate(parsed("1847-12-01T12:00:00Z"), LONDON)).toBe("1847-12-01T12:00:00+00:00");
    expect(machineDate(parsed("1900-06-01", "Africa/Monrovia"), "Africa/Monrovia")).toBe("1900-06-01T00:43:08Z");
    expect(humanDate(parsed("1790-01-01"), LONDON, "en-GB")).toBe("1 January 1790");
  });

  it("writes an offset whose minutes HTML checkers flag (Singapore's +07:20 of the 1930s) in UTC, and usual ones as they are", () => {
    expect(machineDate(parsed("1935-06-01", "Asia/Singapore"), "Asia/Singapore")).toBe("1935-05-31T16:40:00Z");
    expect(machineDate(parsed("2025-06-01", "Asia/Kathmandu"), "Asia/Kathmandu")).toBe("2025-06-01T00:00:00+05:45");
    expect(machineDate(parsed("2025-06-01", "Australia/Adelaide"), "Australia/Adelaide")).toBe("2025-06-01T00:00:00+09:30");
  });

  it("reads any date-time with an offset as that instant", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1790-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: -12 * 4, max: 14 * 4 }),
        (date, quarterHours) => {
          const offsetMinutes = quarterHours * 15;
          const local = new Date(date.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
          const sign = offsetMinutes < 0 ? "-" : "+";
          const text = `${local}${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
          const value = parsed(text);
          expect(value.toMillis()).toBe(Math.floor(date.getTime() / 1000) * 1000);
        },
      ),
    );
  });
});

describe("parsePublicationDate", () => {
  const read = (input: unknown, zone = LONDON) => {
    const r = parsePublicationDate(input, zone);
    if (!r.ok) throw new Error(r.reason);
    return r;
  };

  it("reads a year or a month alone as its first instant in the site zone, with its precision", () => {
    const year = read(1790);
    expect(year.precision).toBe("year");
    expect(year.value.setZone(LONDON).toFormat("yyyy-MM-dd HH:mm")).toBe("1790-01-01 00:00");
    expect(read("1790").precision).toBe("year");
    const month = read("1790-12", "America/New_York");
    expect(month.precision).toBe("month");
    expect(month.value.setZone("America/New_York").toFormat("yyyy-MM-dd HH:mm:ss")).toBe("1790-12-01 00:00:00");
    // New York kept local mean time then (−04:56:02): an offset with seconds is written in UTC, never cut.
    expect(machineDate(month.value, "America/New_York")).toBe("1790-12-01T04:56:02Z");
  });

  it("reads full dates and date-times as known to the day", () => {
    expect(read("2025-03-12").precision).toBe("day");
    expect(read("2025-03-12T09:30:00Z").precision).toBe("day");
  });

  it("says why a partial date is not one", () => {
    const reason = (input: unknown) => {
      const r = parsePublicationDate(input, LONDON);
      return r.ok ? "" : r.reason;
    };
    expect(reason("1790-13")).toBe("no such month: there is no month 13");
    expect(reason("1790-00")).toBe("no such month: there is no month 0");
    expect(reason(790)).toMatch(/four digits/);
    expect(reason("1790-3")).toMatch(/four digits, a month with two/);
    expect(reason("December 1790")).toBe("is not a date in a form this site reads");
    expect(reason(1790.5)).toBe("is not a date in a form this site reads");
    expect(reason("2025-02-30")).toMatch(/^no such date or time/);
    for (const zero of [0, "0000", "0000-03"]) expect(reason(zero)).toBe("no such year: there is no year 0: the earliest year is 0001");
    expect(reason(10000)).toMatch(/four digits/);
  });

  it("accepts every month of every four-digit year from 0001", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const text = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
        const r = read(text, "Asia/Kathmandu");
        expect(knownDate(r.value, "Asia/Kathmandu", r.precision)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe("parseDayDate", () => {
  it("refuses a year or month alone, and reads the rest as parseContentDate does", () => {
    for (const partial of [2025, "2025", "2025-03"]) {
      const r = parseDayDate(partial, LONDON);
      expect(r.ok ? "" : r.reason).toBe("needs the day: only `date` may give just a year or a month");
    }
    expect(parseDayDate("2025-03-12", LONDON).ok).toBe(true);
  });
});

describe("dates shown and published to their precision", () => {
  const value = DateTime.fromObject({ year: 1790, month: 12 }, { zone: LONDON });

  it("words only what is known", () => {
    expect(humanDate(value, LONDON, "en-GB", "year")).toBe("1790");
    expect(humanDate(value, LONDON, "en-GB", "month")).toBe("December 1790");
    expect(humanDate(value, LONDON, "en-US", "month")).toBe("December 1790");
    expect(humanDate(value, LONDON, "de-DE", "month")).toBe("Dezember 1790");
    expect(humanDate(value, LONDON, "en-GB", "day")).toBe("1 December 1790");
  });

  it("writes ISO 8601 of only what is known, in the site zone", () => {
    expect(knownDate(value, LONDON, "year")).toBe("1790");
    expect(knownDate(value, LONDON, "month")).toBe("1790-12");
    expect(knownDate(value, LONDON, "day")).toBe(machineDate(value, LONDON));
    // Midnight on 1 January in London is still 1789 in New York: the site zone decides.
    const newYear = DateTime.fromObject({ year: 1790 }, { zone: LONDON });
    expect(knownDate(newYear, LONDON, "year")).toBe("1790");
  });
});
