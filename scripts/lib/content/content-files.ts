/**
 * Where content lives under a content root, and reading it: every file of
 * `_data/` and `src/articles/` read once into a snapshot, with a hash of the
 * whole. The build loads the site from the snapshot and records the hash with
 * the search index, so `npm run search` can tell an index built from other
 * content, or older content, from a current one.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";

export const ARTICLES_DIR = "src/articles";
export const DATA_DIR = "_data";
/** Article images live here; front matter names them relative to it. */
export const IMAGES_DIR = "src/images";
/** What a build keeps for the next one (processed images, search index parts): one folder, never published, safe to delete. */
export const buildCacheDir = (root: string): string => path.join(root, ".cache");

/** Every file under `dir` of `root`, relative to `root`, `/`-separated; none when the folder is missing. */
async function filesUnder(root: string, dir: string): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/"));
}

async function contentFiles(root: string): Promise<string[]> {
  const lists = await Promise.all([DATA_DIR, ARTICLES_DIR].map((dir) => filesUnder(root, dir)));
  return lists.flat().sort();
}

/** Article files among content files (a snapshot's keys, or a listing). */
export const articleFilesOf = (files: Iterable<string>): string[] =>
  [...files].filter((f) => f.startsWith(`${ARTICLES_DIR}/`) && f.endsWith(".md")).sort();

/** The article files on disk now, for a load without a snapshot (the dev server's, whose cache reads only what changed). */
export async function listArticleFiles(root: string): Promise<string[]> {
  return articleFilesOf(await filesUnder(root, ARTICLES_DIR));
}

/** Every content file's bytes, read once, and their fingerprint. */
export interface ContentSnapshot {
  hash: string;
  /** Bytes by path relative to the root, `/`-separated, in sorted order. */
  files: ReadonlyMap<string, Buffer>;
}

/**
 * Hashes every content file, keeping the bytes for `keep` (the loader) or
 * dropping each once hashed. Synchronous reads: many small files read
 * through promises spend most of their time in thread-pool round trips.
 */
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

export async function readContent(root: string): Promise<ContentSnapshot> {
  const files = new Map<string, Buffer>();
  return { hash: await hashContent(root, files), files };
}

/** The fingerprint alone (the search command's staleness check): no file is held after it is hashed. */
export function fingerprintContent(root: string): Promise<string> {
  return hashContent(root, undefined);
}

/** A file's bytes from the snapshot; it must be one of the files read. */
export function snapshotBytes(snapshot: ContentSnapshot, file: string): Buffer {
  const bytes = snapshot.files.get(file);
  if (!bytes) throw new Error(`${file} was not read`);
  return bytes;
}

/** Content files modified after `time`, to name what made an index stale. */
export async function filesChangedSince(root: string, time: Date): Promise<string[]> {
  const files = await contentFiles(root);
  const times = await Promise.all(files.map((f) => stat(path.join(root, f)).then((s) => s.mtime)));
  return files.filter((_, i) => (times[i] ?? time) > time);
}
