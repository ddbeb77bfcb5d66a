/**
 * Which files of a Pagefind bundle each index part needs. The first part is
 * published whole: it carries the search runtime (the script, the wasm, the
 * ready-made UIs) that every part is searched with. A later part is merged
 * into the first and read only for its own entry, metadata, word index,
 * fragments and filters; its copy of the runtime is removed as soon as its
 * Pagefind run ends, so the build cache does not keep one per part.
 */
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";

/** The top-level names a later part is read for. */
export const PART_FILES = /^(pagefind-entry\.json|[^/]+\.pf_meta|index|fragment|filter)$/;

/** Pagefind's runtime script: a bundle without it was made for a later part and cannot be the first. */
export const RUNTIME_SCRIPT = "pagefind.js";

/** Removes from a finished bundle what only the first part needs. Synchronous: it runs on the index's worker thread. */
export function trimToPart(bundleDir: string): void {
  for (const name of readdirSync(bundleDir)) {
    if (!PART_FILES.test(name)) rmSync(path.join(bundleDir, name), { recursive: true, force: true });
  }
}
