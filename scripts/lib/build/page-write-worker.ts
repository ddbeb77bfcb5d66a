/**
 * Writes pages on a worker thread with synchronous calls (page-writer.ts).
 * In: one message per batch, { files, bytes }: each page's path and its
 * UTF-8 bytes, transferred rather than copied. Out: one message per batch,
 * in order: { type: "written", stamps } or { type: "failed", message };
 * after a failure every later batch is answered with it and nothing more is
 * written. The stamps are what the page store records of each page (its
 * size, CRC-32 and where the site rail is), taken from the bytes written, so
 * the main thread does not read the pages back.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parentPort } from "node:worker_threads";
import { crc32 } from "node:zlib";
import { railRange } from "../pages/rail-range.ts";

export interface WriteBatch {
  files: string[];
  bytes: Uint8Array<ArrayBuffer>[];
}
/** Per page of a batch, in order: size, CRC-32, and the rail's start and end (-1 and -1 for a page without one). */
export type WriteOut = { type: "written"; stamps: number[] } | { type: "failed"; message: string };

const port = parentPort;
if (!port) throw new Error("page-write-worker.ts runs as a worker thread");
let failed: string | undefined;
port.on("message", ({ files, bytes }: WriteBatch) => {
  const stamps: number[] = [];
  for (let i = 0; i < files.length && failed === undefined; i++) {
    const file = files[i] as string;
    const page = bytes[i] as Uint8Array<ArrayBuffer>;
    try {
      // Every page has a folder of its own, so there is nothing to remember about which exist.
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, page);
    } catch (error) {
      // Some errors (a full disk) do not name the file.
      failed = `${file}: ${error instanceof Error ? error.message : String(error)}`;
      break;
    }
    const [start, end] = railRange(Buffer.from(page.buffer, page.byteOffset, page.byteLength)) ?? [-1, -1];
    stamps.push(page.byteLength, crc32(page), start, end);
  }
  port.postMessage(failed === undefined ? { type: "written", stamps } : ({ type: "failed", message: failed } satisfies WriteOut));
});
