/**
 * Reads and parses many files and, for the dev server, remembers what each
 * file parsed to. A rebuild then re-reads and re-parses only the files whose
 * modification time or size changed, or all of them when the context they
 * were parsed in changed (e.g. the known sections and authors).
 * The problems a file had are remembered with it, so every rebuild still
 * reports every problem.
 */
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { memoryBodies, type BodyStore } from "./article-bodies.ts";
import { articleParser, type ParseContext, type ParsedFile } from "./article-parse.ts";
import { withLastBuild } from "./parse-cache.ts";

export type ParseFile<R> = (file: string, bytes: Uint8Array) => R;

interface Entry<R> {
  /** Modification time and size when parsed, and the context it was parsed in. */
  key: string;
  parsed: R;
}

class FileCache<R> {
  readonly #entries = new Map<string, Entry<R>>();
  /** Files parsed (not taken from the cache) by the last `parse` call. */
  parsedLastTime: string[] = [];

  /**
   * Reads and parses `files` (relative to `root`), in order; a file whose
   * modification time, size and `context` are those of its last parse gives
   * the remembered result without being read.
   */
  parse(root: string, files: readonly string[], context: string, parse: ParseFile<R>): R[] {
    const parsedNow: string[] = [];
    const results = files.map((file) => {
      const full = path.join(root, file);
      const stats = statSync(full);
      const key = `${stats.mtimeMs}:${stats.size}:${context}`;
      const known = this.#entries.get(file);
      if (known?.key === key) return known.parsed;
      parsedNow.push(file);
      const parsed = parse(file, readFileSync(full));
      this.#entries.set(file, { key, parsed });
      return parsed;
    });
    // Deleted files are forgotten.
    const listed = new Set(files);
    for (const file of this.#entries.keys()) if (!listed.has(file)) this.#entries.delete(file);
    this.parsedLastTime = parsedNow.sort();
    return results;
  }
}

/** What the dev server keeps per article file between rebuilds: its parse, and its body, which a cached draft names. */
export class ArticleCache extends FileCache<ParsedFile> {
  readonly bodies: BodyStore = memoryBodies();
  /** The production build's cache of parsed articles (parse-cache.ts), read by the first load only, to which every file is new. */
  #buildCache: string | undefined;
  /** Files the first load took from the production build's cache rather than parsing them. */
  fromBuildCache: string[] = [];

  constructor(buildCache?: string) {
    super();
    this.#buildCache = buildCache;
  }

  /** Parses the article files that changed since the last load, their bodies into `bodies`. */
  parseArticles(root: string, files: readonly string[], context: ParseContext, bodies: BodyStore): ParsedFile[] {
    // A file's result depends on the settings and the known ids too: when they change, every file is parsed again.
    const key = JSON.stringify(context);
    const parse = articleParser(context, bodies);
    const buildCache = this.#buildCache;
    this.#buildCache = undefined;
    if (!buildCache) return this.parse(root, files, key, parse);
    const { result, taken } = withLastBuild(buildCache, context, bodies, parse, (seeded) => this.parse(root, files, key, seeded));
    this.fromBuildCache = taken;
    return result;
  }
}
