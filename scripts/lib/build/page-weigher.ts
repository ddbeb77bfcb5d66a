/**
 * Weighs a build's article pages against their budgets (page-budgets.ts) on a
 * worker thread, one run of pages while Eleventy renders the next. O(pages).
 */
import { startTsWorker } from "../util/ts-worker.ts";
import type { PageToWeigh, PageWeight } from "./page-budgets.ts";
import type { WeighBatch, WeighJob, WeighOut } from "./page-weigh-worker.ts";

export interface PageWeigher {
  /**
   * Weighs these pages (written, unless given with their HTML) while the caller goes on (e.g. rendering the next
   * run of pages); settles once the pages given before are weighed, so no more than two batches are held.
   */
  weigh(pages: readonly PageToWeigh[]): Promise<void>;
  /** Every page's weight, in the order given, and the heaviest, weighed exactly; the worker stops. */
  done(): Promise<{ weights: PageWeight[]; heaviest?: PageWeight }>;
}

/**
 * A batch as the worker takes it: the pages' HTML encoded into one buffer,
 * which is handed over to the worker, not copied (copying each page's text
 * to the worker held a few hundred MB more at the peak).
 */
function packed(pages: readonly PageToWeigh[], exact: boolean): WeighBatch {
  const html = Buffer.allocUnsafeSlow(pages.reduce((sum, { html }) => sum + (html === undefined ? 0 : Buffer.byteLength(html)), 0));
  let at = 0;
  const entries = pages.map(({ html: text, ...page }) => {
    if (text === undefined) return { page };
    const bytes = html.write(text, at);
    at += bytes;
    return { page, at: at - bytes, bytes };
  });
  return { pages: entries, html: html.buffer, exact };
}

/** Each page weighed leaves its compressed bytes as garbage: a small young generation collects them as the weighing goes. */
const LIMITS = { maxYoungGenerationSizeMb: 4 };

/**
 * The heaviest page is weighed again exactly from disk, so `done()` must wait
 * until every page is written. A failure (a page that cannot be read) fails
 * `done()`. The worker does not keep the process alive: a build that fails
 * elsewhere need not stop it.
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
      const batch = packed(pages, exact);
      worker.postMessage(batch, [batch.html]);
    });

  // Only what the exact weighing of the heaviest needs is kept of each page, not its HTML.
  const weighed: PageToWeigh[] = [];
  const batches: Promise<PageWeight[]>[] = [];
  let last: Promise<unknown> = Promise.resolve();
  return {
    async weigh(pages) {
      await last;
      for (const { html: _, ...page } of pages) weighed.push(page);
      const batch = send(pages, false);
      // Settled by done(); until then a failure must not count as unhandled.
      batch.catch(() => {});
      batches.push(batch);
      last = batch;
    },
    async done() {
      try {
        const weights = (await Promise.all(batches)).flat();
        const top = weights.reduce((best, w, i) => (best < 0 || w.total > (weights[best] as PageWeight).total ? i : best), -1);
        if (top < 0) return { weights };
        // The heaviest as screened, weighed exactly: the one the build reports.
        const [heaviest] = (await send([weighed[top] as PageToWeigh], true)) as [PageWeight];
        weights[top] = heaviest;
        return { weights, heaviest };
      } finally {
        await worker.terminate();
      }
    },
  };
}
