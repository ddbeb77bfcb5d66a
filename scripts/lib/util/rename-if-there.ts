/** Renames `from` to `to`; false when `from` is gone (never made, or another process took it first). */
import { renameSync } from "node:fs";

export function renameIfThere(from: string, to: string): boolean {
  try {
    renameSync(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}
