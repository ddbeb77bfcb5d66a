/** The worker half of parallel-parse.ts: claims chunks of files until none is left, reading and parsing each, posting each chunk's drafts. */
import { parentPort, workerData } from "node:worker_threads";
import { spooledBodies } from "./article-bodies.ts";
import { articleParser, parseFileAt, type ParsedFile } from "./article-parse.ts";
import { claimChunks, sharedNames, type ChunkParsed, type SharedParse } from "./parse-chunks.ts";

const port = parentPort;
if (!port) throw new Error("parallel-parse-worker.ts runs as a worker thread");
const { context, root, spool, names, claimed } = workerData as SharedParse;
const files = sharedNames(names);
const parse = articleParser(context, spooledBodies(spool));
for (const [start, end] of claimChunks(claimed, files.length)) {
  const results: ParsedFile[] = [];
  for (let i = start; i < end; i++) results.push(parseFileAt(parse, root, files[i] as string));
  port.postMessage({ type: "chunk", start, results } satisfies ChunkParsed);
}
port.postMessage({ type: "done" } satisfies ChunkParsed);
