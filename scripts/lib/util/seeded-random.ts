/**
 * Seeded pseudo-random numbers, for whatever the bench makes up (a synthetic
 * corpus, queries drawn from texts): the same seed gives the same output on
 * every machine, so a run can be repeated and compared.
 */

/** mulberry32: small, fast and good enough to make content from. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

/** A whole number from `min` to `max`, both included. */
export const between = (random: () => number, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
