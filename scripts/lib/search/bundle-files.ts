/**
 * Which files of a Pagefind bundle each index part needs. The first part is
 * published whole: it carries the search runtime (the script, the wasm, the
 * ready-made UIs) that every part is searched with. A later part is merged
 * into the first and read only for its own entry, metadata, word index,
 * fragments and filters.
 *
 * A later part's Pagefind run writes into a folder kept for such runs (a
 * slot, one per run at once), which each run overwrites in place; only the
 * part's own files are moved out into its bundle, so the build cache keeps one
 * copy of the runtime, not one per part. Deleting each part's copy instead
 * removed ~15 files a part, and on ext4 without a journal every file created
 * in the next minutes (the next build's too) steps over freshly deleted
 * inodes one by one.
 */
import { mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";

/** The top-level names a later part is read for. */
export const PART_FILES = /^(pagefind-entry\.json|[^/]+\.pf_meta|index|fragment|filter)$/;

/** A part's words and how many of its articles use each (spelling-words.ts): kept with its bundle in the build cache, never published. */
export const PART_WORDS = "words.json";

/** Pagefind's runtime script: a bundle without it was made for a later part and cannot be the first. */
export const RUNTIME_SCRIPT = "pagefind.js";

const partFilesIn = (dir: string): string[] => {
  try {
    return readdirSync(dir).filter((name) => PART_FILES.test(name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
};

/** Removes what a stopped or failed run left of its part in `slot`, so the next part run there holds only its own files. */
export function clearPartFiles(slot: string): void {
  for (const name of partFilesIn(slot)) rmSync(path.join(slot, name), { recursive: true, force: true });
}

/**
 * Moves a later part's files from the slot its Pagefind run wrote into
 * `bundleDir`, leaving the runtime for the next run to overwrite.
 * Synchronous: it runs on the index's worker thread.
 */
export function takePartFiles(slot: string, bundleDir: string): void {
  mkdirSync(bundleDir, { recursive: true });
  for (const name of partFilesIn(slot)) renameSync(path.join(slot, name), path.join(bundleDir, name));
}
