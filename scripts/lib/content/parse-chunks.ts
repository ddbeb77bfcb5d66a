/**
 * What the two threads of parallel-parse.ts share: the files, their bytes, a
 * counter of chunks claimed, and the messages the worker sends back.
 */
import type { Draft, ParseContext } from "./article-parse.ts";
import type { Parsed } from "./content-error.ts";

/** Files per chunk: small enough to balance the threads, large enough that claiming costs nothing. */
export const CHUNK = 64;

/** The file ranges [start, end) of the chunks this thread claims from `claimed`, shared with the other thread, until none is left. */
export function* claimChunks(claimed: Int32Array, files: number): Generator<[number, number]> {
  const chunks = Math.ceil(files / CHUNK);
  for (let chunk = Atomics.add(claimed, 0, 1); chunk < chunks; chunk = Atomics.add(claimed, 0, 1)) {
    yield [chunk * CHUNK, Math.min(files, (chunk + 1) * CHUNK)];
  }
}

export interface SharedParse {
  context: ParseContext;
  files: readonly string[];
  sources: readonly Uint8Array[];
  /** Chunks claimed so far, by either thread. */
  claimed: Int32Array;
}
export type ChunkParsed = { type: "chunk"; start: number; results: Parsed<Draft>[] } | { type: "done" };
