/**
 * Removes folders a build no longer needs (the site it replaced) after the
 * build has exited, in a detached process at the lowest CPU priority. Deleting
 * a 10,000-article site's ~30,000 files and folders took 2–4 s on the build
 * machine, and the user waited for it after the new site was already
 * published. If the removal is stopped (or cannot start), the next build to
 * the same output sweeps what is left (`sweepLeftovers`).
 */
import { spawn } from "node:child_process";
import { setPriority } from "node:os";

/**
 * Runs in the detached process: removes each folder given, then the folder
 * that held them if that is left empty (a builds folder after publishing as a
 * folder). Plain JavaScript, so the process starts without a TypeScript loader.
 */
const REMOVE_FOLDERS = `
const { rmSync, rmdirSync } = process.getBuiltinModule("node:fs");
const { dirname } = process.getBuiltinModule("node:path");
const folders = process.argv.slice(1);
for (const folder of folders) rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
for (const parent of new Set(folders.map((folder) => dirname(folder)))) {
  try { rmdirSync(parent); } catch {}
}
`;

/** The lowest scheduling priority, so the removal takes only what a following build leaves idle. */
const LOWEST_PRIORITY = 19;

/** Starts removing `folders` in a process of its own and returns at once; the process outlives this one. */
export function removeInBackground(folders: readonly string[]): void {
  if (folders.length === 0) return;
  const child = spawn(process.execPath, ["-e", REMOVE_FOLDERS, ...folders], { detached: true, stdio: "ignore" });
  // A removal that cannot start leaves the folders to the next build's sweep.
  child.on("error", () => {});
  if (child.pid !== undefined) {
    try {
      setPriority(child.pid, LOWEST_PRIORITY);
    } catch {
      // The removal runs at normal priority.
    }
  }
  child.unref();
}
