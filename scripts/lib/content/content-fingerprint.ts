/**
 * A hash of the content a build reads (`_data/` and `src/articles/`), recorded
 * with the search index so `npm run search` can tell an index built from
 * other content, or older content, from a current one.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { ARTICLES_DIR, DATA_DIR, loadContent, type LoadOptions } from "./load-content.ts";
import type { Site } from "./site-model.ts";

async function contentFiles(root: string): Promise<string[]> {
  const lists = await Promise.all(
    [DATA_DIR, ARTICLES_DIR].map(async (dir) => {
      const entries = await readdir(path.join(root, dir), { recursive: true, withFileTypes: true }).catch(() => []);
      return entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/"));
    }),
  );
  return lists.flat().sort();
}

/** Every content file's bytes, read once, and their fingerprint. */
export interface ContentSnapshot {
  hash: string;
  /** Bytes by path relative to the root, `/`-separated, in sorted order. */
  files: ReadonlyMap<string, Buffer>;
}

/** Hashes every content file, keeping the bytes for `keep` (the loader) or dropping each once hashed. */
async function hashContent(root: string, keep: Map<string, Buffer> | undefined): Promise<string> {
  const hash = createHash("sha256");
  for (const file of await contentFiles(root)) {
    const bytes = readFileSync(path.join(root, file));
    keep?.set(file, bytes);
    hash.update(`${file}\0`);
    hash.update(bytes);
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

/** Reads every content file once, synchronously like `parseFiles` (file-cache.ts) and for the same reason. */
export async function readContent(root: string): Promise<ContentSnapshot> {
  const files = new Map<string, Buffer>();
  return { hash: await hashContent(root, files), files };
}

/** The fingerprint alone (the search command's staleness check): no file is held after it is hashed. */
export function fingerprintContent(root: string): Promise<string> {
  return hashContent(root, undefined);
}

/** Loads the site from one read of every file, so the hash names exactly the content built. */
export async function loadFingerprinted(options: LoadOptions): Promise<{ site: Site; contentHash: string }> {
  const snapshot = await readContent(options.root);
  return { site: await loadContent({ ...options, snapshot }), contentHash: snapshot.hash };
}

/** Content files modified after `time`, to name what made an index stale. */
export async function filesChangedSince(root: string, time: Date): Promise<string[]> {
  const files = await contentFiles(root);
  const times = await Promise.all(files.map((f) => stat(path.join(root, f)).then((s) => s.mtime)));
  return files.filter((_, i) => (times[i] ?? time) > time);
}
