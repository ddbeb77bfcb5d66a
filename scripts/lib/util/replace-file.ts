import { rename, writeFile } from "node:fs/promises";

/**
 * Writes `data` to `file` through `temporary` and a rename, so a reader, or
 * a build stopped midway, finds the old file or the new one, never part of
 * one. `temporary` must be on the same file system, where whoever owns the
 * folder clears leftovers.
 */
export async function replaceFile(file: string, data: string, temporary: string): Promise<void> {
  await writeFile(temporary, data);
  await rename(temporary, file);
}
