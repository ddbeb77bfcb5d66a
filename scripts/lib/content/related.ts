/**
 * Related articles, computed for the whole site at once. Each article scores
 * its neighbours in time within each of its tags and its section; looking only
 * at the `window` nearest articles of each list keeps the work
 * O(articles × (tags + 1) × window) however large a tag grows, never O(articles²).
 */
export interface Relatable {
  index: number;
  tags: readonly string[];
  section: string;
}

export function relatedIndices(items: readonly Relatable[], limit = 3, window = 24): number[][] {
  const lists = new Map<string, number[]>();
  const positions: Map<string, number>[] = items.map(() => new Map());
  for (const item of items) {
    // A tag written twice on one article counts once.
    for (const key of new Set([...item.tags.map((t) => `t:${t}`), `s:${item.section}`])) {
      let list = lists.get(key);
      if (!list) lists.set(key, (list = []));
      positions[item.index]?.set(key, list.length);
      list.push(item.index);
    }
  }
  // One score array reused for every item (reset through `touched`): a Map per item cost more than the scoring.
  const scores = new Float64Array(items.length);
  return items.map((item) => {
    const touched: number[] = [];
    for (const [key, position] of positions[item.index] ?? []) {
      const list = lists.get(key) ?? [];
      const weight = key.startsWith("t:") ? 2 : 1;
      const from = Math.max(0, position - window / 2);
      for (let i = from; i < Math.min(list.length, from + window + 1); i++) {
        const other = list[i];
        if (other === undefined || other === item.index) continue;
        if (scores[other] === 0) touched.push(other);
        scores[other] = (scores[other] ?? 0) + weight;
      }
    }
    // Ties go to the nearer article in time (indices are in date order), then to the first one scored.
    const better = (a: number, b: number) => (scores[a] ?? 0) - (scores[b] ?? 0) || Math.abs(b - item.index) - Math.abs(a - item.index);
    const best: number[] = [];
    for (const other of touched) {
      let at = best.length;
      while (at > 0 && better(other, best[at - 1] ?? 0) > 0) at--;
      if (at < limit) best.splice(at, 0, other);
      if (best.length > limit) best.pop();
    }
    for (const other of touched) scores[other] = 0;
    return best;
  });
}
