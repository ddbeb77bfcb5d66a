import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { humanDate, machineDate, parseContentDate, parseNow } from "../../../scripts/lib/content/dates.ts";

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

  it("counts the days of every month of years 0 to 9999 as luxon does", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const days = DateTime.utc(year, month).daysInMonth;
        expect(parseContentDate(`${pad(year, 4)}-${pad(month)}-${days}`, LONDON).ok).toBe(true);
        expect(parseContentDate(`${pad(year, 4)}-${pad(month)}-${pad((days ?? 0) + 1)}`, LONDON).ok).toBe(false);
      }),
    );
    expect(parseContentDate("1900-02-29", LONDON).ok).toBe(false);
    expect(parseContentDate("2000-02-29", LONDON).ok).toBe(true);
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
