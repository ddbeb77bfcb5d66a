/**
 * Builds go to a fresh sibling folder and replace the published folder only
 * once everything succeeded, so a failed build never leaves a half-written
 * site where a good one was.
 */
import { mkdir, mkdtemp, rename, rm, stat } from "node:fs/promises";
import path from "node:path";

/** A new empty folder beside `target` (same file system, so the final rename is cheap). */
export async function stagingDirFor(target: string): Promise<string> {
  const parent = path.dirname(path.resolve(target));
  await mkdir(parent, { recursive: true });
  return mkdtemp(path.join(parent, `.${path.basename(target)}-build-`));
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

/** Moves `staging` to `target`, replacing what was there; the old copy is removed last. */
export async function publish(staging: string, target: string): Promise<void> {
  const resolved = path.resolve(target);
  if (!(await exists(resolved))) {
    await rename(staging, resolved);
    return;
  }
  const retired = `${staging}-old`;
  await rename(resolved, retired);
  try {
    await rename(staging, resolved);
  } catch (error) {
    await rename(retired, resolved);
    throw error;
  }
  await rm(retired, { recursive: true, force: true });
}

export async function discard(staging: string): Promise<void> {
  await rm(staging, { recursive: true, force: true });
}
