/**
 * Fault injection for the fault tests (test/integration/build-faults.test.ts):
 * with `BROADSHEET_PAUSE_AT=<point>`, a build stops at that point, says so on
 * stderr, and waits there until it is killed. The tests kill it with SIGKILL
 * and check what the output path serves. Unset, each point costs one lookup.
 */
import { complain } from "./terminal-text.ts";

export type FaultPoint = "content" | "render" | "index" | "publish" | "migrate";

export async function faultPoint(point: FaultPoint): Promise<void> {
  if (process.env.BROADSHEET_PAUSE_AT !== point) return;
  complain(`Paused at ${point} (BROADSHEET_PAUSE_AT)`);
  // A timer keeps the process alive; nothing resolves the promise.
  setInterval(() => {}, 60_000);
  await new Promise<never>(() => {});
}
