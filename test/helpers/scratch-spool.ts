/** A body spool in a temporary file, unlinked at once, for tests of what parses into one. */
import { closeSync, openSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sharedSpool, spooledBodies, type BodyStore, type SharedSpool } from "../../scripts/lib/content/article-bodies.ts";

export function scratchSpool(): BodyStore & { fd: number; shared: SharedSpool } {
  const file = path.join(tmpdir(), `broadsheet-test-spool-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const fd = openSync(file, "wx+", 0o600);
  unlinkSync(file);
  const shared = sharedSpool(fd, 0);
  return { ...spooledBodies(shared), shared, fd, close: () => closeSync(fd) };
}
