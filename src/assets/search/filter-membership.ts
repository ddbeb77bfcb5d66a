/**
 * Which pages hold each filter value, for the parts opened so far. The search
 * matches words itself (archive-search.ts), so it applies the reader's filters
 * and counts filter values itself too, over exactly the pages it found:
 * counts always add up to what choosing a value gives.
 */
import { PART_FILTER } from "./index-parts.ts";
import type { FilterCounts, Pagefind } from "./pagefind-types.ts";

/** The reader's filters as indexed values: a page needs any one value of each filter given. */
export type ValueFilters = Partial<Record<string, { any: string[] }>>;

export class FilterMembership {
  /** Filter → value → pages. */
  readonly #pages = new Map<string, Map<string, Set<string>>>();
  readonly #parts = new Set<number>();

  /** Adds the pages of `parts`, given every filter's values (`values`, as Pagefind's `filters()` counts them). */
  async addParts(pf: Pagefind, parts: readonly number[], values: FilterCounts): Promise<void> {
    const fresh = parts.filter((n) => !this.#parts.has(n));
    if (!fresh.length) return;
    for (const n of fresh) this.#parts.add(n);
    const within = { [PART_FILTER]: { any: fresh.map(String) } };
    const lookups = Object.entries(values).flatMap(([key, counts]) =>
      Object.entries(counts)
        .filter(([, count]) => count > 0)
        .map(async ([value]) => {
          const found = await pf.search(null, { filters: { ...within, [key]: value } });
          const byValue = this.#pages.get(key) ?? new Map<string, Set<string>>();
          this.#pages.set(key, byValue);
          const set = byValue.get(value) ?? new Set<string>();
          byValue.set(value, set);
          for (const result of found.results) set.add(result.id);
        }),
    );
    await Promise.all(lookups);
  }

  /** The filters known. */
  keys(): string[] {
    return [...this.#pages.keys()];
  }

  has(parts: readonly number[]): boolean {
    return parts.every((n) => this.#parts.has(n));
  }

  /** Whether page `id` passes `filters`, leaving out filter `except`. */
  passes(id: string, filters: ValueFilters, except?: string): boolean {
    return Object.entries(filters).every(
      ([key, wanted]) => key === except || !wanted?.any.length || wanted.any.some((value) => this.#pages.get(key)?.get(value)?.has(id)),
    );
  }

  /** How many of `ids` hold each value of filter `key`, among those passing the other filters. */
  counts(ids: readonly string[], filters: ValueFilters, key: string): Record<string, number> {
    const passing = ids.filter((id) => this.passes(id, filters, key));
    const counts: Record<string, number> = {};
    for (const [value, pages] of this.#pages.get(key) ?? []) {
      let n = 0;
      for (const id of passing) if (pages.has(id)) n++;
      if (n > 0) counts[value] = n;
    }
    return counts;
  }
}
