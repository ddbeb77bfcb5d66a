/**
 * Clean-up when a command is stopped by a signal (Ctrl+C, `kill`): the code
 * that makes something temporary (a staging folder, a child process, a lock)
 * registers a synchronous clean-up for as long as the thing exists, and an
 * entry point that wants it calls `exitOnSignals`. A signal then runs every
 * registered clean-up, newest first, and exits with 128 + the signal's number
 * (130 for SIGINT, 143 for SIGTERM), as a shell reports it.
 *
 * A clean-up may be asynchronous (stopping a worker thread is); they run one
 * after another, and the process exits after the last, or after
 * CLEANUP_LIMIT_MS whatever is still pending.
 */
import os from "node:os";
import { complain } from "./terminal-text.ts";

type Cleanup = () => void | Promise<void>;
const cleanups = new Set<Cleanup>();

/** Runs `cleanup` if a signal stops the process before the returned function is called. */
export function onInterrupt(cleanup: Cleanup): () => void {
  const entry: Cleanup = () => cleanup();
  cleanups.add(entry);
  return () => void cleanups.delete(entry);
}

/** Runs and forgets every registered clean-up, newest first; one that fails does not stop the others. */
export async function runInterruptCleanups(): Promise<void> {
  const pending = [...cleanups].reverse();
  cleanups.clear();
  for (const cleanup of pending) {
    try {
      await cleanup();
    } catch {
      // Best effort: the next build removes what is left (build/publish.ts).
    }
  }
}

/** A clean-up that hangs must not keep a stopped command alive. */
const CLEANUP_LIMIT_MS = 10_000;

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** The exit status a shell gives a process stopped by `signal`. */
export const signalExitCode = (signal: (typeof SIGNALS)[number]): number => 128 + os.constants.signals[signal];

/** For entry points: a signal runs the clean-ups and exits; `said` is printed first (e.g. "Build stopped"). */
export function exitOnSignals(said: (signal: string) => string): void {
  let stopping = false;
  for (const signal of SIGNALS) {
    process.on(signal, () => {
      // A second Ctrl+C while cleaning up must not cut the clean-up short.
      if (stopping) return;
      stopping = true;
      complain(said(signal));
      const code = signalExitCode(signal);
      setTimeout(() => process.exit(code), CLEANUP_LIMIT_MS).unref();
      void runInterruptCleanups().finally(() => process.exit(code));
    });
  }
}
