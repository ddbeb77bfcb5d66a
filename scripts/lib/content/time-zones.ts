/**
 * IANA time zones whose offsets are remembered per UTC day. Luxon asks a zone
 * for its offset (through `Intl` `formatToParts`, which is slow) every time a
 * DateTime is made in it or converted to it: most of the date cost of loading
 * a large site. A zone changes its offset a few times a year, so a day
 * whose start, middle and last second agree is taken to have one offset; a
 * day with a transition asks the zone every time.
 */
import { IANAZone } from "luxon";

const DAY = 86_400_000;
/** Dates beyond this many ms from 1970 are invalid. */
const MAX_TIME = 8.64e15;

export class CachedZone extends IANAZone {
  /** Offset per UTC day number; NaN marks a day with a transition. */
  readonly #days = new Map<number, number>();

  override offset(ts: number): number {
    if (!(Math.abs(ts) <= MAX_TIME - DAY)) return super.offset(ts);
    const day = Math.floor(ts / DAY);
    let known = this.#days.get(day);
    if (known === undefined) {
      const start = day * DAY;
      const first = super.offset(start);
      known = first === super.offset(start + DAY / 2) && first === super.offset(start + DAY - 1000) ? first : NaN;
      this.#days.set(day, known);
    }
    return Number.isNaN(known) ? super.offset(ts) : known;
  }
}

const zones = new Map<string, CachedZone>();

/** One cached zone per name, so every DateTime of a build shares its memory. */
export function cachedZone(name: string): CachedZone {
  let zone = zones.get(name);
  if (!zone) zones.set(name, (zone = new CachedZone(name)));
  return zone;
}
