/**
 * Draws social cards in a worker thread while the main thread renders pages
 * (card-drawing.ts). In: workerData { cards, dirs }. Out: one message,
 * { type: "done", report } or { type: "failed", message }.
 */
import { parentPort, workerData } from "node:worker_threads";
import { drawCards, type CardDirs, type DrawReport, type PlannedCard } from "./social-cards.ts";

export interface CardJob {
  cards: PlannedCard[];
  dirs: CardDirs;
}
export type CardWorkerOut = { type: "done"; report: DrawReport } | { type: "failed"; message: string };

const port = parentPort;
if (!port) throw new Error("card-drawing-worker.ts runs as a worker thread");
const { cards, dirs } = workerData as CardJob;
let out: CardWorkerOut;
try {
  out = { type: "done", report: drawCards(cards, dirs) };
} catch (error) {
  out = { type: "failed", message: error instanceof Error ? error.message : String(error) };
}
port.postMessage(out);
