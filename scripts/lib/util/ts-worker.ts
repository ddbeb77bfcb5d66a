/** Worker threads that run a TypeScript module. */
import { Worker, type ResourceLimits } from "node:worker_threads";

/** Starts `module` in a worker thread; Node strips its types as it does the build's own modules. */
export function startTsWorker(module: URL, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  return new Worker(module, { workerData, ...(resourceLimits ? { resourceLimits } : {}) });
}
