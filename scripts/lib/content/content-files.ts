/**
 * Where content lives under a content root, and reading it: every file of
 * `_data/` and `src/articles/` read once into a snapshot, with a hash of the
 * whole. The build loads the site from the snapshot and records the hash with
 * the search index, so `npm run search` can tell an index built from other
 * content, or older content, from a current one.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";

export const ARTICLES_DIR = "src/articles";
export const DATA_DIR = "_data";
/** Article images live here; front matter names them relative to it. */
export const IMAGES_DIR = "src/images";
/** What a build keeps for the next one (processed images, search index parts): one folder, never published, safe to delete. */
export const buildCacheDir = (root: string): string => path.join(root, ".cache");

/** A file in a content folder that is not read, and why: said in a warning, so nothing is left out silently. */
export interface SkippedFile {
  file: string;
  reason: string;
}

interface Listing {
  /** Files read, relative to the root, `/`-separated. */
  files: string[];
  skipped: SkippedFile[];
}

const ARTICLE_EXTENSION = ".md";

/**
 * Why a file in a content folder is not read, or undefined when it is. A link
 * is not followed: what a build publishes must be in the content folders
 * themselves, not wherever a link points today. In `src/articles/` only `.md`
 * files are articles. Hidden files (`.gitkeep`, editors' swap files) are passed
 * over without a word.
 */
function skipReason(entry: Dirent, file: string): string | undefined {
  if (entry.name.startsWith(".")) return undefined;
  if (entry.isSymbolicLink()) return "is a symbolic link, which the build does not follow; put the file itself here";
  if (!entry.isFile()) return entry.isDirectory() ? undefined : "is not a regular file";
  if (!file.startsWith(`${ARTICLES_DIR}/`) || file.endsWith(ARTICLE_EXTENSION)) return undefined;
  const ext = path.posix.extname(file);
  const hint = /^\.(md|markdown|mdown|mkd)$/i.test(ext) ? `; rename it to ${path.posix.basename(file, ext)}.md` : "";
  return `is not read: articles are files ending in .md${hint}`;
}

async function listFolder(root: string, dir: string): Promise<Listing> {
  const entries = await readdir(path.join(root, dir), { recursive: true, withFileTypes: true }).catch(() => []);
  const listing: Listing = { files: [], skipped: [] };
  for (const entry of entries) {
    const file = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
    // Inside a hidden folder (.git, an editor's), nothing is content.
    if (file.split("/").some((part) => part.startsWith("."))) continue;
    const reason = skipReason(entry, file);
    if (reason) listing.skipped.push({ file, reason });
    else if (entry.isFile()) listing.files.push(file);
  }
  return listing;
}

async function listContent(root: string): Promise<Listing> {
  const lists = await Promise.all([DATA_DIR, ARTICLES_DIR].map((dir) => listFolder(root, dir)));
  return {
    files: lists.flatMap((l) => l.files).sort(),
    skipped: lists.flatMap((l) => l.skipped).sort((a, b) => a.file.localeCompare(b.file)),
  };
}

const contentFiles = async (root: string) => (await listContent(root)).files;

/** Article files among content files (a snapshot's keys, or a listing). */
export const articleFilesOf = (files: Iterable<string>): string[] =>
  [...files].filter((f) => f.startsWith(`${ARTICLES_DIR}/`) && f.endsWith(ARTICLE_EXTENSION)).sort();

/** The article files on disk now, and what was skipped, for a load without a snapshot (the dev server's, whose cache reads only what changed). */
export async function listArticleFiles(root: string): Promise<Listing> {
  const listing = await listContent(root);
  return { files: articleFilesOf(listing.files), skipped: listing.skipped };
}

/** Every content file's bytes, read once, and their fingerprint. */
export interface ContentSnapshot {
  hash: string;
  /** Bytes by path relative to the root, `/`-separated, in sorted order. */
  files: ReadonlyMap<string, Buffer>;
  /** Files of the content folders that are not read (links, articles not ending in .md). */
  skipped: readonly SkippedFile[];
}

/**
 * Hashes every content file, keeping the bytes for `keep` (the loader) or
 * dropping each once hashed. Synchronous reads: many small files read
 * through promises spend most of their time in thread-pool round trips.
 */
async function hashContent(files: readonly string[], root: string, keep: Map<string, Buffer> | undefined): Promise<string> {
  const hash = createHash("sha256");
  for (const file of files) {
    const bytes = readFileSync(path.join(root, file));
    keep?.set(file, bytes);
    hash.update(`${file}\0`);
    hash.update(bytes);
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

export async function readContent(root: string): Promise<ContentSnapshot> {
  const listing = await listContent(root);
  const files = new Map<string, Buffer>();
  return { hash: await hashContent(listing.files, root, files), files, skipped: listing.skipped };
}

/** The fingerprint alone (the search command's staleness check): no file is held after it is hashed. */
export async function fingerprintContent(root: string): Promise<string> {
  return hashContent(await contentFiles(root), root, undefined);
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
