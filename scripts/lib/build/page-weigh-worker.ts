/**
 * Weighs article pages on a worker thread while the main thread renders
 * (page-weigher.ts). In: workerData { outDir }, then one message per batch:
 * its pages, and the HTML of those given as rendered, all in one buffer
 * handed over rather than copied. Out: one message per batch, in order:
 * { type: "weighed", weights } or { type: "failed", message }.
 */
import { parentPort, workerData } from "node:worker_threads";
import { pageWeighing, type PageToWeigh, type PageWeight } from "./page-budgets.ts";

export interface WeighJob {
  outDir: string;
}
export interface WeighBatch {
  /** Each page, with where its HTML is in `html` when it was given as rendered. */
  pages: { page: Omit<PageToWeigh, "html">; at?: number; bytes?: number }[];
  html: ArrayBuffer;
  exact: boolean;
}
export type WeighOut = { type: "weighed"; weights: PageWeight[] } | { type: "failed"; message: string };

const port = parentPort;
if (!port) throw new Error("page-weigh-worker.ts runs as a worker thread");
const weigh = pageWeighing((workerData as WeighJob).outDir);
port.on("message", ({ pages, html, exact }: WeighBatch) => {
  let out: WeighOut;
  try {
    const weights = pages.map(({ page, at, bytes }) =>
      weigh(page, at === undefined || bytes === undefined ? undefined : Buffer.from(html, at, bytes), exact),
    );
    out = { type: "weighed", weights };
  } catch (error) {
    out = { type: "failed", message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(out);
});
