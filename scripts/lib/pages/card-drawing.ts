/**
 * Draws a build's social cards on a worker thread, beside the pages: the
 * cards need only the plan (their specs and file names), which the pages use
 * at once, while the drawing runs on.
 */
import { startTsWorker } from "../util/ts-worker.ts";
import { onInterrupt } from "../util/interrupts.ts";
import type { CardJob, CardWorkerOut } from "./card-drawing-worker.ts";
import type { CardDirs, CardPlan, DrawReport, PlannedCard } from "./social-cards.ts";

/** Every card of a plan, once: the site card and each article's. */
export function plannedCards(plan: CardPlan): PlannedCard[] {
  return [...(plan.site ? [plan.site] : []), ...plan.articles.values()];
}

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

export function startCardDrawing(plan: CardPlan, dirs: CardDirs): CardDrawing {
  const job: CardJob = { cards: plannedCards(plan), dirs };
  const worker = startTsWorker(new URL("./card-drawing-worker.ts", import.meta.url), job, LIMITS);
  // Stopped before a signal's clean-up removes the folder it writes cards into.
  const forget = onInterrupt(async () => {
    await worker.terminate();
  });
  const done = new Promise<DrawReport>((resolve, reject) => {
    worker.once("message", (message: CardWorkerOut) =>
      message.type === "done" ? resolve(message.report) : reject(new Error(`Social cards: ${message.message}`)),
    );
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`Social cards: the worker stopped (exit code ${code}) before it finished`)));
  }).finally(() => {
    forget();
    void worker.terminate();
  });
  // Awaited by the build before it publishes; a failure before then must not count as unhandled.
  done.catch(() => {});
  return {
    done,
    stop: async () => {
      await worker.terminate();
    },
  };
}
