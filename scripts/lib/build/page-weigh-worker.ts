/**
 * Weighs article pages on a worker thread while the main thread renders
 * (page-weigher.ts). In: workerData { outDir }, then one message per batch,
 * { pages, exact }: pages already written, which the worker reads back. Out:
 * one message per batch, in order: { type: "weighed", weights } or
 * { type: "failed", message }.
 */
import { parentPort, workerData } from "node:worker_threads";
import { pageWeighing, type PageToWeigh, type PageWeight } from "./page-budgets.ts";

export interface WeighJob {
  outDir: string;
}
export interface WeighBatch {
  pages: readonly PageToWeigh[];
  exact: boolean;
}
export type WeighOut = { type: "weighed"; weights: PageWeight[] } | { type: "failed"; message: string };

const port = parentPort;
if (!port) throw new Error("page-weigh-worker.ts runs as a worker thread");
const weigh = pageWeighing((workerData as WeighJob).outDir);
port.on("message", ({ pages, exact }: WeighBatch) => {
  let out: WeighOut;
  try {
    out = { type: "weighed", weights: pages.map((page) => weigh(page, exact)) };
  } catch (error) {
    out = { type: "failed", message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(out);
});
