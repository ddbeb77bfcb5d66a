/**
 * Weighs a build's article pages against their budgets (page-budgets.ts) on a
 * worker thread, one run of pages while Eleventy renders the next. O(pages).
 */
import { startTsWorker } from "../util/ts-worker.ts";
import type { PageToWeigh, PageWeight } from "./page-budgets.ts";
import type { WeighBatch, WeighJob, WeighOut } from "./page-weigh-worker.ts";

export interface PageWeigher {
  /**
   * Weighs these pages, which must be written, while the caller goes on (e.g. rendering the next run of pages);
   * settles once the pages given before are weighed.
   */
  weigh(pages: readonly PageToWeigh[]): Promise<void>;
  /** Weights known without weighing (pages taken from the build cache, weighed when they were rendered). */
  add(weights: readonly PageWeight[]): void;
  /**
   * Every page's weight as screened, in the order given (a page near its budget is weighed exactly there), and the
   * heaviest, weighed exactly; the worker stops.
   */
  done(): Promise<{ weights: PageWeight[]; heaviest?: PageWeight }>;
  /** Stops the worker, e.g. when the build fails elsewhere. */
  stop(): Promise<void>;
}

/** Each page weighed leaves its bytes and their compressed copy as garbage: a small young generation collects them as the weighing goes. */
const LIMITS = { maxYoungGenerationSizeMb: 4 };

/**
 * The worker reads each page back from `outDir` (from the page cache, just
 * written), rather than being handed the rendered text: as copied strings,
 * that held ~200 MB more at the peak of a 10,000-article rebuild. A failure
 * (a page that cannot be read) fails `done()`. The worker does not keep the
 * process alive, should a caller neither finish nor stop it.
 */
export function pageWeigher(outDir: string): PageWeigher {
  const worker = startTsWorker(new URL("./page-weigh-worker.ts", import.meta.url), { outDir } satisfies WeighJob, LIMITS);
  worker.unref();
  const waiting: { resolve: (weights: PageWeight[]) => void; reject: (error: Error) => void }[] = [];
  const failAll = (error: Error) => {
    for (const batch of waiting.splice(0)) batch.reject(error);
  };
  worker.on("message", (out: WeighOut) => {
    const batch = waiting.shift();
    if (out.type === "weighed") batch?.resolve(out.weights);
    else batch?.reject(new Error(`Page weights: ${out.message}`));
  });
  worker.on("error", failAll);
  worker.on("exit", (code) => failAll(new Error(`Page weights: the worker stopped (exit code ${code}) before it finished`)));
  const send = (pages: readonly PageToWeigh[], exact: boolean) =>
    new Promise<PageWeight[]>((resolve, reject) => {
      waiting.push({ resolve, reject });
      worker.postMessage({ pages, exact } satisfies WeighBatch);
    });

  const batches: Promise<PageWeight[]>[] = [];
  return {
    async weigh(pages) {
      if (pages.length === 0) return;
      await batches.at(-1);
      const batch = send(pages, false);
      // Settled by done(); until then a failure must not count as unhandled.
      batch.catch(() => {});
      batches.push(batch);
    },
    add(weights) {
      if (weights.length > 0) batches.push(Promise.resolve([...weights]));
    },
    async done() {
      try {
        const weights = (await Promise.all(batches)).flat();
        const top = weights.reduce((best, w, i) => (best < 0 || w.total > (weights[best] as PageWeight).total ? i : best), -1);
        if (top < 0) return { weights };
        // The heaviest as screened, weighed exactly: the one the build reports.
        const { url, file, budget } = weights[top] as PageWeight;
        const [heaviest] = (await send([{ url, file, budget }], true)) as [PageWeight];
        return { weights, heaviest };
      } finally {
        await worker.terminate();
      }
    },
    stop: async () => {
      await worker.terminate();
    },
  };
}
