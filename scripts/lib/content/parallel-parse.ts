/**
 * Parses many article files on two threads. Parsing (front matter, Markdown)
 * is most of loading a large site, and only the garbage collector's helpers
 * used the second core meanwhile. The main thread and one worker (parallel-parse-worker.ts)
 * take chunks of files in turn from a shared counter, so neither waits on the
 * other however fast each runs.
 */
import { articleParser, type Draft, type ParseContext } from "./article-parse.ts";
import type { Parsed } from "./content-error.ts";
import { claimChunks, type ChunkParsed, type SharedParse } from "./parse-chunks.ts";
import { startTsWorker } from "../util/ts-worker.ts";

/** Below this many files a worker's start (loading its modules) costs more than it saves. */
const PARALLEL_FROM = 3000;
export interface ParallelOptions {
  /** Files from which a worker helps (default PARALLEL_FROM). */
  parallelFrom?: number;
  /** Whether the main thread parses too (default true); false leaves every chunk to the worker. */
  mainThreadParses?: boolean;
}

/** Parses `files` from their bytes (`sources[i]` is `files[i]`); results in the order of `files`. */
export async function parseSources(
  sources: readonly Buffer[],
  files: readonly string[],
  context: ParseContext,
  options: ParallelOptions = {},
): Promise<Parsed<Draft>[]> {
  const { parallelFrom = PARALLEL_FROM, mainThreadParses = true } = options;
  const parse = articleParser(context);
  const parseOne = (i: number) => parse(files[i] as string, sources[i] as Buffer);
  if (files.length < parallelFrom) return files.map((_, i) => parseOne(i));

  const results = new Array<Parsed<Draft>>(files.length);
  const shared: SharedParse = { context, files, sources, claimed: new Int32Array(new SharedArrayBuffer(4)) };
  const worker = startTsWorker(new URL("./parallel-parse-worker.ts", import.meta.url), shared);
  const workerDone = new Promise<void>((resolve, reject) => {
    worker.on("message", (message: ChunkParsed) => {
      if (message.type === "done") return resolve();
      message.results.forEach((result, k) => (results[message.start + k] = result));
    });
    worker.on("error", reject);
    worker.on("exit", (code) => reject(new Error(`the article parsing worker stopped (exit ${code}) before it was done`)));
  });
  let parsedHere = 0;
  if (mainThreadParses) {
    for (const [start, end] of claimChunks(shared.claimed, files.length)) {
      for (let i = start; i < end; i++) results[i] = parseOne(i);
      parsedHere += end - start;
    }
  }
  if (parsedHere === files.length) {
    // The worker was still starting (a loaded machine): nothing to wait for.
    workerDone.catch(() => {});
    await worker.terminate();
    return results;
  }
  await workerDone;
  return results;
}
