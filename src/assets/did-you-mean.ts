/**
 * Edit distance counting a swap of neighbours as one edit (optimal string
 * alignment), since `wrold` for `world` is the commonest typo: three rows, O(a×b).
 */
export function editDistance(a: string, b: string): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (beforePrevious[j - 2] ?? 0) + 1);
      current[j] = best;
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Edits a plausible typo of `word` is within: a third of its length, at least one. */
export const typoReach = (word: string): number => Math.max(1, Math.floor(word.length / 3));

/**
 * The closest candidate within `limit` edits, by default when it is plausibly
 * a typo (within `typoReach`), so `tittle` finds `title` but `colour` does
 * not find `tags`; of equally close candidates, the first.
 */
export function didYouMean(word: string, candidates: Iterable<string>, limit = typoReach(word)): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d <= limit && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
