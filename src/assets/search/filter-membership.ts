/**
 * Which pages hold each filter value, for the parts looked up so far. The
 * search matches words itself (archive-search.ts), so it applies the reader's
 * filters and counts filter values itself too, over exactly the pages it
 * found: counts always add up to what choosing a value gives. A value is
 * looked up in a part once, with one search for all the parts asked at once.
 */
import { PART_FILTER } from "./index-parts.ts";
import type { Pagefind } from "./pagefind-types.ts";

/** The reader's filters as indexed values: a page needs any one value of each filter given. */
export type ValueFilters = Partial<Record<string, { any: string[] }>>;

export class FilterMembership {
  /** Filter → value → pages. */
  readonly #pages = new Map<string, Map<string, Set<string>>>();
  /** Filter → value → parts looked up. */
  readonly #looked = new Map<string, Map<string, Set<number>>>();

  /** Looks up, in `parts`, the pages holding each of `values` (filter → values) not looked up there yet. */
  async add(pf: Pagefind, parts: readonly number[], values: Readonly<Record<string, readonly string[]>>): Promise<void> {
    const lookups = Object.entries(values).flatMap(([key, list]) =>
      list.map(async (value) => {
        const looked = this.#looked.get(key)?.get(value) ?? new Set<number>();
        const fresh = parts.filter((n) => !looked.has(n));
        if (!fresh.length) return;
        for (const n of fresh) looked.add(n);
        const byValue = this.#looked.get(key) ?? new Map<string, Set<number>>();
        byValue.set(value, looked);
        this.#looked.set(key, byValue);
        const found = await pf.search(null, { filters: { [PART_FILTER]: { any: fresh.map(String) }, [key]: value } });
        const pagesByValue = this.#pages.get(key) ?? new Map<string, Set<string>>();
        this.#pages.set(key, pagesByValue);
        const pages = pagesByValue.get(value) ?? new Set<string>();
        pagesByValue.set(value, pages);
        for (const result of found.results) pages.add(result.id);
      }),
    );
    await Promise.all(lookups);
  }

  /** The filters looked up. */
  keys(): string[] {
    return [...this.#pages.keys()];
  }

  /** Whether page `id` passes `filters`, leaving out filter `except`. */
  passes(id: string, filters: ValueFilters, except?: string): boolean {
    return Object.entries(filters).every(
      ([key, wanted]) => key === except || !wanted?.any.length || wanted.any.some((value) => this.#pages.get(key)?.get(value)?.has(id)),
    );
  }

  /** How many of `ids` hold each value of filter `key` looked up, among those passing the other filters. */
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
