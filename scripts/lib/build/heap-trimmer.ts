/**
 * Keeps a long build's heap near what it holds. Between Eleventy runs the
 * pages of the last run are garbage, but V8, given a heap limit of several
 * gigabytes, lets such garbage pile up: at 10,000 articles the heap grew by
 * ~130 MB a run to 1.1 GB before V8 collected it, while ~0.5 GB was live.
 * A full collection between runs, once the heap has grown by `slackBytes`
 * since the last, keeps the peak near the live size for ~0.25 s each. On a
 * larger heap a collection costs more (1–2 s with 3 GB live at 100,000
 * articles), so the slack is at least half the heap left after the last one.
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
