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
  return items.map((item) => {
    const scores = new Map<number, number>();
    for (const [key, position] of positions[item.index] ?? []) {
      const list = lists.get(key) ?? [];
      const weight = key.startsWith("t:") ? 2 : 1;
      const from = Math.max(0, position - window / 2);
      for (let i = from; i < Math.min(list.length, from + window + 1); i++) {
        const other = list[i];
        if (other === undefined || other === item.index) continue;
        scores.set(other, (scores.get(other) ?? 0) + weight);
      }
    }
    // Ties go to the nearer article in time: indices are in date order.
    return [...scores.entries()]
      .sort((a, b) => b[1] - a[1] || Math.abs(a[0] - item.index) - Math.abs(b[0] - item.index))
      .slice(0, limit)
      .map(([index]) => index);
  });
}
