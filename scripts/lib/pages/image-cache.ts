/**
 * Which files of the images cache (`.cache/images/`) eleventy-img finished:
 * each output's size, recorded once its image is done. eleventy-img writes an
 * output straight to its final name and takes any file already there as
 * made, so a build killed while writing one, or a file cut short on disk,
 * would be published as it is. Before an image is processed, those of its
 * outputs that are not recorded at their size are removed, and eleventy-img
 * makes them again. Sizes, not checksums: checking an archive's images
 * byte by byte on every build would read them all.
 */
import { readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { replaceFile } from "../util/replace-file.ts";

const RECORD = ".finished.json";

export interface ImageCacheRecord {
  /** Removes those of `outputs` (paths in the cache) that are there but not recorded as finished at their size. */
  discardUnfinished(outputs: readonly string[]): Promise<void>;
  /** Records outputs eleventy-img has finished (made now, or found whole). */
  finished(outputs: readonly { outputPath: string; size: number }[]): void;
  /** Writes the record of what this build finished; outputs of images it did not use count as unfinished next time. */
  save(): Promise<void>;
}

export async function imageCacheRecord(dir: string): Promise<ImageCacheRecord> {
  const last = await readRecord(path.join(dir, RECORD));
  const now = new Map<string, number>();
  return {
    async discardUnfinished(outputs) {
      await Promise.all(
        outputs.map(async (output) => {
          const size = await stat(output).then(
            (s) => s.size,
            () => undefined,
          );
          if (size !== undefined && last.get(path.relative(dir, output)) !== size) await rm(output, { force: true });
        }),
      );
    },
    finished(outputs) {
      for (const { outputPath, size } of outputs) now.set(path.relative(dir, outputPath), size);
    },
    async save() {
      if (now.size === 0) return;
      await replaceFile(path.join(dir, RECORD), JSON.stringify(Object.fromEntries(now)), path.join(dir, `.tmp-${process.pid}${RECORD}`));
    },
  };
}

/** The last build's record; empty when there is none or it cannot be read, so every output found is made again. */
async function readRecord(file: string): Promise<Map<string, number>> {
  try {
    const value: unknown = JSON.parse(await readFile(file, "utf8"));
    if (typeof value !== "object" || value === null) return new Map();
    return new Map(Object.entries(value).filter((entry): entry is [string, number] => Number.isInteger(entry[1])));
  } catch {
    return new Map();
  }
}
