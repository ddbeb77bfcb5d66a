/**
 * Draws social cards in a worker thread while the main thread renders pages
 * (card-drawing.ts). In: workerData { dirs }, then messages: batches of cards,
 * then the end. Out: { type: "drawn" } for each batch, then { type: "done",
 * report }; or { type: "failed", message }, after which it takes nothing more.
 */
import { parentPort, workerData } from "node:worker_threads";
import { CardDrawer, type CardDirs, type DrawReport, type PlannedCard } from "./social-cards.ts";

export interface CardJob {
  dirs: CardDirs;
}
export type CardWorkerIn = { type: "cards"; cards: PlannedCard[] } | { type: "end" };
export type CardWorkerOut = { type: "drawn" } | { type: "done"; report: DrawReport } | { type: "failed"; message: string };

const port = parentPort;
if (!port) throw new Error("card-drawing-worker.ts runs as a worker thread");
const post = (out: CardWorkerOut) => port.postMessage(out);
let drawer: CardDrawer | undefined;
let failed = false;
port.on("message", (message: CardWorkerIn) => {
  if (failed) return;
  try {
    drawer ??= new CardDrawer((workerData as CardJob).dirs);
    if (message.type === "cards") {
      drawer.draw(message.cards);
      post({ type: "drawn" });
    } else {
      post({ type: "done", report: drawer.report });
      port.close();
    }
  } catch (error) {
    failed = true;
    post({ type: "failed", message: error instanceof Error ? error.message : String(error) });
  }
});
