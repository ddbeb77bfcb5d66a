/**
 * Reads many files a bounded number at a time, and, for the dev server,
 * remembers what each file parsed to. A rebuild then re-reads and re-parses
 * only the files whose modification time or size changed, or all of them when
 * the context they were parsed in changed (e.g. the known sections and authors).
 * The problems a file had are remembered with it, so every rebuild still
 * reports every problem.
 */
import { statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Problem } from "./problems.ts";

export interface Parsed<T> {
  value: T | undefined;
  problems: Problem[];
}

export type ParseFile<T> = (file: string, source: string) => Parsed<T>;

/** Runs `task` on every item, at most `concurrency` at once: opening 100,000 files at once fails with EMFILE. */
export async function mapLimited<I, O>(items: readonly I[], task: (item: I) => Promise<O>, concurrency = 64): Promise<O[]> {
  const results = new Array<O>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await task(items[i] as I);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/** Reads and parses `files` (relative to `root`), in order, with no cache. */
export function parseFiles<T>(root: string, files: readonly string[], parse: ParseFile<T>): Promise<Parsed<T>[]> {
  return mapLimited(files, async (file) => parse(file, await readFile(path.join(root, file), "utf8")));
}

interface Entry<T> {
  /** Modification time and size when parsed, and the context it was parsed in. */
  key: string;
  parsed: Parsed<T>;
}

export class FileCache<T> {
  readonly #entries = new Map<string, Entry<T>>();
  /** Files parsed (not taken from the cache) by the last `parse` call. */
  parsedLastTime: string[] = [];

  /**
   * Like `parseFiles`, but a file whose modification time, size and `context`
   * are those of its last parse gives the remembered result without being read.
   */
  async parse(root: string, files: readonly string[], context: string, parse: ParseFile<T>): Promise<Parsed<T>[]> {
    const parsedNow: string[] = [];
    const results = await mapLimited(files, async (file) => {
      const full = path.join(root, file);
      // Synchronous: 10,000 promised stats through libuv's thread pool took ~250 ms, sync ones a fraction.
      const stats = statSync(full);
      const key = `${stats.mtimeMs}:${stats.size}:${context}`;
      const known = this.#entries.get(file);
      if (known?.key === key) return known.parsed;
      parsedNow.push(file);
      const parsed = parse(file, await readFile(full, "utf8"));
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
