/**
 * Ends the current task so the browser can paint and answer input before the
 * rest of the work runs: a search's steps (starting Pagefind, ranking,
 * drawing results, the summary below them) each stay short on a slow phone
 * instead of adding up to one long task. `scheduler.yield()` resumes ahead of
 * other queued tasks where the browser has it; elsewhere a zero timeout.
 */
interface Scheduler {
  yield?: () => Promise<void>;
}

export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (typeof scheduler?.yield === "function") return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
