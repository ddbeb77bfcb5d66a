/** Worker threads that run a TypeScript module. */
import { Worker, type ResourceLimits } from "node:worker_threads";

/** Starts `module` in a worker thread: it registers tsx, as the build's command line does, then imports the module. */
export function startTsWorker(module: URL, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const boot = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(module.href)}); });`;
  return new Worker(boot, { eval: true, workerData, ...(resourceLimits ? { resourceLimits } : {}) });
}
