/**
 * Keeps a long build's heap near what it holds. Between Eleventy runs the
 * pages of the last run are garbage, but V8, given a heap limit of several
 * gigabytes, lets such garbage pile up for many runs before collecting it.
 * A full collection between runs, once the heap has grown by `slackBytes`
 * since the last, keeps the peak near the live size. A collection costs more
 * the larger the heap, so the slack is at least half the heap left after the
 * last one.
 */
import v8 from "node:v8";
import vm from "node:vm";

let fullGc: (() => void) | undefined;

function collector(): () => void {
  if (!fullGc) {
    // Node exposes V8's collector only behind this flag; set now, it applies to new contexts.
    v8.setFlagsFromString("--expose-gc");
    fullGc = vm.runInNewContext("gc") as () => void;
  }
  return fullGc;
}

/** What the trimmer reads and does: the process's own heap, or a stand-in in tests. */
export interface Heap {
  used(): number;
  collect(): void;
}

const processHeap: Heap = { used: () => process.memoryUsage().heapUsed, collect: () => collector()() };

/**
 * Returns a function to call between runs: it collects garbage when the heap
 * has grown by the slack since the last collection. The baseline is the
 * smallest heap seen between runs, so a collection V8 made on its own counts
 * too: measured only after this one's, a baseline taken while the heap still
 * held the content phase's garbage let the heap grow by half as much again.
 */
export function heapTrimmer(slackBytes: number, heap: Heap = processHeap): () => void {
  let baseline = heap.used();
  return () => {
    const used = heap.used();
    baseline = Math.min(baseline, used);
    if (used - baseline < Math.max(slackBytes, baseline / 2)) return;
    heap.collect();
    baseline = heap.used();
  };
}
