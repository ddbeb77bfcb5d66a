/**
 * A hash of the content a build reads (`_data/` and `src/articles/`), recorded
 * with the search index so `npm run search` can tell an index built from
 * other content, or older content, from a current one.
 */
import { createHash } from "node:crypto";
import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { ARTICLES_DIR, DATA_DIR } from "./load-content.ts";

async function contentFiles(root: string): Promise<string[]> {
  const lists = await Promise.all(
    [DATA_DIR, ARTICLES_DIR].map(async (dir) => {
      const entries = await readdir(path.join(root, dir), { recursive: true, withFileTypes: true }).catch(() => []);
      return entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/"));
    }),
  );
  return lists.flat().sort();
}

export async function fingerprintContent(root: string): Promise<string> {
  const hash = createHash("sha256");
  for (const file of await contentFiles(root)) {
    hash.update(`${file}\0`);
    hash.update(await readFile(path.join(root, file)));
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

/** Content files modified after `time`, to name what made an index stale. */
export async function filesChangedSince(root: string, time: Date): Promise<string[]> {
  const files = await contentFiles(root);
  const times = await Promise.all(files.map((f) => stat(path.join(root, f)).then((s) => s.mtime)));
  return files.filter((_, i) => (times[i] ?? time) > time);
}
