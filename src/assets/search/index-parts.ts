/**
 * A large site's search index is built in parts (scripts/lib/search/search-index.ts):
 * part 1, the newest articles, is the bundle at /pagefind/; older parts follow
 * at /pagefind/parts/2/, … . They are opened into one Pagefind runtime
 * (`mergeIndex`), newest first, each tagged with a `part` filter so a search
 * can be run on one part at a time (archive-search.ts). A site in one part
 * has an empty list.
 */
import type { FilterCounts, Pagefind } from "./pagefind-types.ts";
import { parseVocabulary } from "./spelling-vocabulary.ts";

/** One part as the build describes it: dates are publication days (YYYY-MM-DD) in the site's time zone. */
export interface PartInfo {
  path: string;
  pages: number;
  newest: string;
  oldest: string;
}

/** Written by the build beside Pagefind's files. */
export interface SearchPartsFile {
  /** The older parts, newest first. */
  parts: string[];
  /** Every part, part 1 first. */
  info: PartInfo[];
  /** Only in the dev server, until its first index is in place (scripts/lib/search/dev-index.ts). */
  building?: true;
  /** The spelling vocabulary's site path (spelling-vocabulary.ts); none for a language whose words are not spaced apart. */
  spelling?: string;
}

export const PARTS_URL = "/pagefind/parts.json";
/** The folder of part `n` (2, 3, …) relative to the site root. */
export const partPath = (key: string): string => `/pagefind/parts/${key}/`;

/** The spelling vocabulary's site path, named by `hash`, a hash of its text. */
export const spellingPath = (hash: string): string => `/pagefind/spelling/${hash}.txt`;

/** A filter Pagefind adds to every page of a part (`mergeFilter`), so a search can be limited to some parts. Its counts are never shown. */
export const PART_FILTER = "part";
const partTag = (n: number): Record<string, string> => ({ [PART_FILTER]: String(n) });

export interface PartsOptions {
  /** Where part paths are fetched from; the site root in a browser, a file URL in Node. */
  root?: string;
  /** Options of the primary bundle only (its `basePath` in Node). */
  primary?: Record<string, unknown>;
  /** Options every part needs (ranking, base URL). */
  instance: Record<string, unknown>;
}

/**
 * An index in parts, opened newest first: part 1 at once, older parts when
 * asked. Filter values are loaded only once asked for too, and from then on
 * for every part merged later (a search counts only loaded filters).
 */
export class PartedIndex {
  /** Parts merged so far, part 1 included. */
  #opened = 1;
  #opening: Promise<number[]> | undefined;
  #filters: Promise<FilterCounts> | undefined;
  #vocabulary: Promise<readonly string[] | undefined> | undefined;

  readonly pf: Pagefind;
  readonly file: SearchPartsFile;
  private readonly root: string;
  private readonly instance: Record<string, unknown>;

  private constructor(pf: Pagefind, file: SearchPartsFile, root: string, instance: Record<string, unknown>) {
    this.pf = pf;
    this.file = file;
    this.root = root;
    this.instance = instance;
  }

  /** Opens part 1 (`pf` must not be initialised yet). */
  static async open(pf: Pagefind, file: SearchPartsFile, { root = "", primary = {}, instance }: PartsOptions): Promise<PartedIndex> {
    // Before init, `options` replaces earlier options: everything goes in one call.
    await pf.options({ ...primary, ...instance, mergeFilter: partTag(1) });
    await pf.init();
    return new PartedIndex(pf, file, root, instance);
  }

  get partCount(): number {
    return this.file.parts.length + 1;
  }

  get opened(): number {
    return this.#opened;
  }

  get complete(): boolean {
    return this.#opened >= this.partCount;
  }

  /** Articles in part `n`. */
  pagesIn(n: number): number {
    return this.file.info[n - 1]?.pages ?? 0;
  }

  /** Articles in the whole index. */
  get pages(): number {
    return this.file.info.reduce((n, part) => n + part.pages, 0);
  }

  /**
   * Merges up to `count` older parts at once and returns their numbers; calls
   * made while parts are merging wait for them instead of merging more.
   */
  openNext(count = 1): Promise<number[]> {
    this.#opening ??= this.#merge(count).finally(() => (this.#opening = undefined));
    return this.#opening;
  }

  async #merge(count: number): Promise<number[]> {
    const numbers = Array.from({ length: Math.min(count, this.partCount - this.#opened) }, (_, i) => this.#opened + i + 1);
    // Each part's files are fetched at once; the runtime searches none of them until all are in.
    await Promise.all(
      numbers.map((n) => this.pf.mergeIndex(this.root + (this.file.parts[n - 2] ?? ""), { ...this.instance, mergeFilter: partTag(n) })),
    );
    if (this.#filters) await (this.#filters = this.pf.filters());
    this.#opened += numbers.length;
    return numbers;
  }

  async openAll(): Promise<void> {
    while (!this.complete) await this.openNext(this.partCount);
  }

  /**
   * The spelling vocabulary (spelling-vocabulary.ts), fetched the first time
   * it is asked for; undefined for an index without one, or while it cannot
   * be fetched (offline, the index not saved), when it is asked for again next time.
   */
  vocabulary(): Promise<readonly string[] | undefined> {
    const url = this.file.spelling;
    if (!url) return Promise.resolve(undefined);
    this.#vocabulary ??= fetch(this.root + url)
      .then(async (response) => (response.ok ? parseVocabulary(await response.text()) : undefined))
      .catch(() => undefined)
      .then((words) => {
        if (!words) this.#vocabulary = undefined;
        return words;
      });
    return this.#vocabulary;
  }

  /** Every filter's values with counts over the parts opened so far (loading them the first time). */
  async filters(): Promise<FilterCounts> {
    this.#filters ??= this.pf.filters();
    return readerFilters(await this.#filters);
  }
}

/** Filter counts without the part tag, which is not a reader's filter. */
const readerFilters = (counts: FilterCounts): FilterCounts =>
  Object.fromEntries(Object.entries(counts).filter(([key]) => key !== PART_FILTER));
