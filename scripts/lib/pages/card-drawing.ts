/**
 * Draws a build's social cards on a worker thread, beside the pages: the
 * cards need only the plan (their specs and file names), which the pages use
 * at once, while the drawing runs on. The worker is handed the cards a batch
 * at a time, one batch waiting while it draws another, so no copy of the whole
 * plan, which grows with the archive, crosses threads, and the worker does not
 * wait on a main thread busy rendering for its next batch.
 */
import { startTsWorker } from "../util/ts-worker.ts";
import { onInterrupt } from "../util/interrupts.ts";
import type { CardJob, CardWorkerIn, CardWorkerOut } from "./card-drawing-worker.ts";
import type { CardDirs, CardPlan, DrawReport, PlannedCard } from "./social-cards.ts";

/** Every card of a plan, once: the site card and each article's. */
export function plannedCards(plan: CardPlan): PlannedCard[] {
  const unique = new Map<string, PlannedCard>();
  for (const card of [...(plan.site ? [plan.site] : []), ...plan.articles.values()]) if (!unique.has(card.key)) unique.set(card.key, card);
  return [...unique.values()];
}

/** Cards per message: big enough that a batch's hand-over costs nothing beside drawing it (~0.25 ms a card), small enough to hold. */
const CARDS_PER_BATCH = 256;

/**
 * Each card leaves its PNG and its stream's buffers as garbage; a small young
 * generation collects it as the drawing goes, where V8's default let the
 * worker grow for thousands of cards first, for the same CPU time
 * (docs/performance.md, "Social cards").
 */
const LIMITS = { maxYoungGenerationSizeMb: 4 };

export interface CardDrawing {
  done: Promise<DrawReport>;
  /** Stops the worker, e.g. when the build fails elsewhere; cards already in the cache stay there. */
  stop: () => Promise<void>;
}

export function startCardDrawing(plan: CardPlan, dirs: CardDirs, batchSize = CARDS_PER_BATCH): CardDrawing {
  const cards = plannedCards(plan);
  const worker = startTsWorker(new URL("./card-drawing-worker.ts", import.meta.url), { dirs } satisfies CardJob, LIMITS);
  // Stopped before a signal's clean-up removes the folder it writes cards into.
  const forget = onInterrupt(async () => {
    await worker.terminate();
  });
  let sent = 0;
  let ended = false;
  const sendNext = () => {
    if (ended) return;
    const batch = cards.slice(sent, sent + batchSize);
    sent += batch.length;
    ended = batch.length === 0;
    worker.postMessage((ended ? { type: "end" } : { type: "cards", cards: batch }) satisfies CardWorkerIn);
  };
  const done = new Promise<DrawReport>((resolve, reject) => {
    worker.on("message", (message: CardWorkerOut) => {
      if (message.type === "drawn") sendNext();
      else if (message.type === "done") resolve(message.report);
      else reject(new Error(`Social cards: ${message.message}`));
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`Social cards: the worker stopped (exit code ${code}) before it finished`)));
  }).finally(() => {
    forget();
    void worker.terminate();
  });
  // Awaited by the build before it publishes; a failure before then must not count as unhandled.
  done.catch(() => {});
  sendNext();
  sendNext();
  return {
    done,
    stop: async () => {
      await worker.terminate();
    },
  };
}
