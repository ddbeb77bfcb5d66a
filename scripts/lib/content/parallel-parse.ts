/**
 * Reads and parses many article files, on two threads for a large site.
 * Parsing (front matter, Markdown) is most of loading a large site, and only
 * the garbage collector's helpers used the second core meanwhile. The main
 * thread and one worker (parallel-parse-worker.ts) take chunks of files in
 * turn from a shared counter, so neither waits on the other however fast each
 * runs. Each thread reads the files it parses: no file's bytes cross threads,
 * and the bodies go to a spool both threads append to.
 */
import type { BodyStore } from "./article-bodies.ts";
import { articleParser, parseFileAt, type ParseContext, type ParsedFile } from "./article-parse.ts";
import { claimChunks, shareNames, type ChunkParsed, type SharedParse } from "./parse-chunks.ts";
import { startTsWorker } from "../util/ts-worker.ts";

/** Below this many files a worker's start (loading its modules) costs more than it saves. */
const PARALLEL_FROM = 3000;
export interface ParallelOptions {
  /** Files from which a worker helps (default PARALLEL_FROM); only with a body spool. */
  parallelFrom?: number;
  /** Whether the main thread parses too (default true); false leaves every chunk to the worker. */
  mainThreadParses?: boolean;
}

/**
 * Parses `files` (relative to `root`), results in their order. Synchronous
 * reads: many small files read through promises spend most of their time in
 * thread-pool round trips, and parsing blocks anyway.
 */
export async function parseFiles(
  root: string,
  files: readonly string[],
  context: ParseContext,
  bodies: BodyStore,
  options: ParallelOptions = {},
): Promise<ParsedFile[]> {
  const { parallelFrom = PARALLEL_FROM, mainThreadParses = true } = options;
  const parse = articleParser(context, bodies);
  // Cloned as a worker's results are: strings cut from the file's text (a title, a teaser) are slices
  // that keep the whole text alive, and a large archive's model would hold every article's source.
  const parseOne = (i: number) => {
    return structuredClone(parseFileAt(parse, root, files[i] as string));
  };
  if (files.length < parallelFrom || bodies.shared === undefined) return files.map((_, i) => parseOne(i));

  const results = new Array<ParsedFile>(files.length);
  const shared: SharedParse = {
    context,
    root,
    spool: bodies.shared,
    names: shareNames(files),
    claimed: new Int32Array(new SharedArrayBuffer(4)),
  };
  const worker = startTsWorker(new URL("./parallel-parse-worker.ts", import.meta.url), shared);
  const workerDone = new Promise<void>((resolve, reject) => {
    worker.on("message", (message: ChunkParsed) => {
      if (message.type === "done") return resolve();
      message.results.forEach((result, k) => (results[message.start + k] = result));
    });
    worker.on("error", reject);
    worker.on("exit", (code) => reject(new Error(`the article parsing worker stopped (exit ${code}) before it was done`)));
  });
  // Awaited below, unless the main thread fails first (e.g. a full disk, which fails the worker too, later):
  // then the worker's failure must not count as unhandled and end the process before the build reports its own.
  workerDone.catch(() => {});
  let parsedHere = 0;
  try {
    if (mainThreadParses) {
      for (const [start, end] of claimChunks(shared.claimed, files.length)) {
        for (let i = start; i < end; i++) results[i] = parseOne(i);
        parsedHere += end - start;
      }
    }
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  if (parsedHere === files.length) {
    // The worker was still starting (a loaded machine): nothing to wait for.
    await worker.terminate();
    return results;
  }
  await workerDone;
  return results;
}
