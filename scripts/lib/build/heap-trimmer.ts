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

/** Returns a function to call between runs: it collects garbage when the heap has grown by the slack since the last collection. */
export function heapTrimmer(slackBytes: number): () => void {
  let baseline = process.memoryUsage().heapUsed;
  return () => {
    if (process.memoryUsage().heapUsed - baseline < Math.max(slackBytes, baseline / 2)) return;
    collector()();
    baseline = process.memoryUsage().heapUsed;
  };
}
