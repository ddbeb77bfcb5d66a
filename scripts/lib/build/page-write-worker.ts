/**
 * Writes pages on a worker thread with synchronous calls (page-writer.ts).
 * In: one message per batch, { files, bytes }: each page's path and its
 * UTF-8 bytes, transferred rather than copied. Out: one message per batch,
 * in order: { type: "written" } or { type: "failed", message }; after a
 * failure every later batch is answered with it and nothing more is written.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parentPort } from "node:worker_threads";

export interface WriteBatch {
  files: string[];
  bytes: Uint8Array<ArrayBuffer>[];
}
export type WriteOut = { type: "written" } | { type: "failed"; message: string };

const port = parentPort;
if (!port) throw new Error("page-write-worker.ts runs as a worker thread");
let failed: string | undefined;
port.on("message", ({ files, bytes }: WriteBatch) => {
  for (let i = 0; i < files.length && failed === undefined; i++) {
    const file = files[i] as string;
    try {
      // Every page has a folder of its own, so there is nothing to remember about which exist.
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, bytes[i] as Uint8Array);
    } catch (error) {
      // Some errors (a full disk) do not name the file.
      failed = `${file}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  port.postMessage(failed === undefined ? { type: "written" } : ({ type: "failed", message: failed } satisfies WriteOut));
});
