/**
 * Reads and parses many files and, for the dev server, remembers what each
 * file parsed to. A rebuild then re-reads and re-parses only the files whose
 * modification time or size changed, or all of them when the context they
 * were parsed in changed (e.g. the known sections and authors).
 * The problems a file had are remembered with it, so every rebuild still
 * reports every problem.
 */
import { statSync } from "node:fs";
import path from "node:path";
import { memoryBodies, type BodyStore } from "./article-bodies.ts";
import { articleParser, parseFileAt, type ParseContext, type ParsedFile } from "./article-parse.ts";
import { withLastBuild } from "./parse-cache.ts";

/** Reads and parses one file, named relative to the root. */
export type ParseFile<R> = (file: string) => R;

/**
 * What a file's parse depends on besides `context`: its modification time
 * and size, and its change time, which alone moves when only its permissions
 * change (an unreadable file made readable); undefined when it cannot be
 * looked at, so it is read, which reports why.
 */
function fileKey(full: string, context: string): string | undefined {
  try {
    const stats = statSync(full);
    return `${stats.mtimeMs}:${stats.ctimeMs}:${stats.size}:${context}`;
  } catch {
    return undefined;
  }
}

interface Entry<R> {
  /** The file's key (fileKey) when parsed. */
  key: string;
  parsed: R;
}

class FileCache<R> {
  readonly #entries = new Map<string, Entry<R>>();
  /** Files parsed (not taken from the cache) by the last `parse` call. */
  parsedLastTime: string[] = [];

  /**
   * Reads and parses `files` (relative to `root`), in order; a file whose
   * key (times, size and `context`) is that of its last parse gives the
   * remembered result without being read.
   */
  parse(root: string, files: readonly string[], context: string, parse: ParseFile<R>): R[] {
    const parsedNow: string[] = [];
    const results = files.map((file) => {
      const key = fileKey(path.join(root, file), context);
      const known = this.#entries.get(file);
      if (key !== undefined && known?.key === key) return known.parsed;
      parsedNow.push(file);
      const parsed = parse(file);
      if (key === undefined) this.#entries.delete(file);
      else this.#entries.set(file, { key, parsed });
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
    if (!buildCache) return this.parse(root, files, key, (file) => parseFileAt(parse, root, file));
    const { result, taken } = withLastBuild(buildCache, context, bodies, parse, (seeded) =>
      this.parse(root, files, key, (file) => parseFileAt(seeded, root, file)),
    );
    this.fromBuildCache = taken;
    return result;
  }
}
