/**
 * Copies a folder tree by hard-linking its files: as fast as a rename and as
 * cheap on disk, while both copies stay usable. Used for the build cache,
 * whose files are written once and never changed in place. Falls back to a
 * copy where a link cannot be made (another file system).
 */
import { copyFileSync, linkSync } from "node:fs";
import { copyFile, link, mkdir, readdir } from "node:fs/promises";
import path from "node:path";

export async function linkTree(
  from: string,
  to: string,
  keep: (name: string, depth: number) => boolean = () => true,
  depth = 0,
): Promise<void> {
  await mkdir(to, { recursive: true });
  const entries = await readdir(from, { withFileTypes: true });
  await Promise.all(
    entries
      .filter((e) => keep(e.name, depth))
      .map(async (e) => {
        const source = path.join(from, e.name);
        const target = path.join(to, e.name);
        if (e.isDirectory()) return linkTree(source, target, () => true, depth + 1);
        await linkOrCopy(source, target);
      }),
  );
}

/** A hard link where the file system allows, a copy otherwise. */
export async function linkOrCopy(source: string, target: string): Promise<void> {
  await link(source, target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "EXDEV" || error.code === "EPERM") return copyFile(source, target);
    throw error;
  });
}

/** `linkOrCopy` on the calling thread: for many links in a row, where the thread pool's round trips cost more than the links. */
export function linkOrCopySync(source: string, target: string): void {
  try {
    linkSync(source, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EXDEV" && code !== "EPERM") throw error;
    copyFileSync(source, target);
  }
}
