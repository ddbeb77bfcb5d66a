/** The worker half of parallel-parse.ts: claims chunks of files until none is left, posting each chunk's drafts. */
import { parentPort, workerData } from "node:worker_threads";
import { articleParser, type Draft } from "./article-parse.ts";
import type { Parsed } from "./content-error.ts";
import { claimChunks, type ChunkParsed, type SharedParse } from "./parse-chunks.ts";

const port = parentPort;
if (!port) throw new Error("parallel-parse-worker.ts runs as a worker thread");
const { context, files, sources, claimed } = workerData as SharedParse;
const parse = articleParser(context);
for (const [start, end] of claimChunks(claimed, files.length)) {
  const results: Parsed<Draft>[] = [];
  for (let i = start; i < end; i++) results.push(parse(files[i] as string, sources[i] as Uint8Array));
  port.postMessage({ type: "chunk", start, results } satisfies ChunkParsed);
}
port.postMessage({ type: "done" } satisfies ChunkParsed);
