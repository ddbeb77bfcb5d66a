/**
 * Writes rendered pages to disk off the main thread, while Eleventy renders
 * the next. Eleventy writes each page with synchronous calls on the thread
 * that renders; on a busy disk that was a large share of a big build's
 * main-thread time.
 *
 * Each page is taken as Eleventy finishes it (site-session.ts, `takePage`)
 * and encoded at once, so its text dies young: kept until the end of its run
 * as Eleventy keeps it, every page's text outlived the young generation and
 * was copied twice by the garbage collector. The bytes are transferred, not
 * copied, in batches to a worker thread that writes them with synchronous
 * calls (page-write-worker.ts). Written through the thread pool instead,
 * every page cost the main thread two round trips (its folder, then the
 * file), each waking a pool thread.
 */
import { startTsWorker } from "../util/ts-worker.ts";
import type { WrittenPage } from "./page-store.ts";
import type { WriteBatch, WriteOut } from "./page-write-worker.ts";

export interface PageWriter {
  /** Writes `html` to `outputPath` (its folder made as needed); the caller goes on. */
  write(outputPath: string, html: string): void;
  /** What was written of each page on disk by now, by its path as given: for the page store, which need not read it back. */
  readonly written: ReadonlyMap<string, WrittenPage>;
  /** Settles once every page given so far is written, or with the first failure (after which nothing more is written). */
  done(): Promise<void>;
  /** Stops the worker; the writer is not used afterwards. */
  stop(): Promise<void>;
}

/** Pages per message to the worker: enough that messages cost little, few enough that writing follows rendering closely. */
const BATCH = 16;

export function pageWriter(): PageWriter {
  const worker = startTsWorker(new URL("./page-write-worker.ts", import.meta.url), undefined);
  // A caller that neither finishes nor stops the writer must not keep the process alive.
  worker.unref();
  const encoder = new TextEncoder();
  let batch: WriteBatch = { files: [], bytes: [] };
  /** The files of each batch sent and not yet answered, oldest first: the worker answers in order. */
  const sent: string[][] = [];
  const written = new Map<string, WrittenPage>();
  let inFlight = 0;
  let failure: Error | undefined;
  const drained: (() => void)[] = [];
  const settle = () => {
    if (failure || inFlight === 0) for (const resolve of drained.splice(0)) resolve();
  };
  const fail = (error: Error) => {
    failure ??= error;
    settle();
  };
  const send = () => {
    if (batch.files.length === 0 || failure) return;
    inFlight++;
    sent.push(batch.files);
    worker.postMessage(
      batch,
      batch.bytes.map((b) => b.buffer),
    );
    batch = { files: [], bytes: [] };
  };
  worker.on("message", (out: WriteOut) => {
    inFlight--;
    const files = sent.shift() ?? [];
    if (out.type === "failed") return fail(new Error(`Writing pages: ${out.message}`));
    files.forEach((file, i) => {
      const [size, crc, start, end] = out.stamps.slice(i * 4, i * 4 + 4) as [number, number, number, number];
      written.set(file, start < 0 ? { size, crc } : { size, crc, rail: [start, end] });
    });
    settle();
  });
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`Writing pages: the worker stopped (exit code ${code}) before it finished`)));
  return {
    written,
    write(outputPath, html) {
      if (failure) return;
      batch.files.push(outputPath);
      batch.bytes.push(encoder.encode(html));
      if (batch.files.length >= BATCH) send();
    },
    async done() {
      send();
      if (!failure && inFlight > 0) await new Promise<void>((resolve) => drained.push(resolve));
      if (failure) throw failure;
    },
    async stop() {
      await worker.terminate();
    },
  };
}
