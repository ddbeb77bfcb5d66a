/**
 * What the two threads of parallel-parse.ts share: the article files' names
 * (in shared memory, not copied), where to read them and the spool their bodies go to, a
 * counter of chunks claimed, and the messages the worker sends back.
 */
import type { SharedSpool } from "./article-bodies.ts";
import type { ParseContext, ParsedFile } from "./article-parse.ts";

/** Files per chunk: small enough to balance the threads, large enough that claiming costs nothing. */
export const CHUNK = 64;

/** The file ranges [start, end) of the chunks this thread claims from `claimed`, shared with the other thread, until none is left. */
export function* claimChunks(claimed: Int32Array, files: number): Generator<[number, number]> {
  const chunks = Math.ceil(files / CHUNK);
  for (let chunk = Atomics.add(claimed, 0, 1); chunk < chunks; chunk = Atomics.add(claimed, 0, 1)) {
    yield [chunk * CHUNK, Math.min(files, (chunk + 1) * CHUNK)];
  }
}

/** File names in shared memory, one per line: the worker reads them where they are. */
export function shareNames(names: readonly string[]): SharedArrayBuffer {
  const bytes = new TextEncoder().encode(names.join("\n"));
  const shared = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(shared).set(bytes);
  return shared;
}

export function sharedNames(shared: SharedArrayBuffer): string[] {
  // TextDecoder does not read shared memory; a private view of it is decoded instead.
  const text = new TextDecoder().decode(new Uint8Array(shared).slice());
  return text === "" ? [] : text.split("\n");
}

export interface SharedParse {
  context: ParseContext;
  root: string;
  /** The body spool both threads append to (article-bodies.ts). */
  spool: SharedSpool;
  names: SharedArrayBuffer;
  /** Chunks claimed so far, by either thread. */
  claimed: Int32Array;
}
export type ChunkParsed = { type: "chunk"; start: number; results: ParsedFile[] } | { type: "done" };
