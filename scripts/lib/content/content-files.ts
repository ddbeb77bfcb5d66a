/**
 * Where content lives under a content root, which of its files are read,
 * and the content hash that names them.
 */
import { createHash } from "node:crypto";
import { accessSync, constants, mkdirSync, readFileSync, statSync } from "node:fs";
import type { Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { Problem } from "./content-error.ts";

export const ARTICLES_DIR = "src/articles";
export const DATA_DIR = "_data";
/** Article images live here; front matter names them relative to it. */
export const IMAGES_DIR = "src/images";
/**
 * Why `root` is not a content root (a folder holding `_data/` and
 * `src/articles/`), as one problem; none when it is one. Checked before
 * anything under it is read or written, so a mistyped `--content` is named as
 * such, not as three missing data files, and no `.cache/` is made in a
 * folder that is not content (a published site, `/`).
 */
export function contentRootProblems(root: string): Problem[] {
  const isFolder = (dir: string) => statSync(dir, { throwIfNoEntry: false })?.isDirectory() ?? false;
  const missing = [DATA_DIR, ARTICLES_DIR].filter((dir) => !isFolder(path.join(root, dir)));
  if (missing.length === 0) return [];
  const why = !statSync(root, { throwIfNoEntry: false })
    ? "does not exist"
    : !isFolder(root)
      ? "is not a folder"
      : `is not a content root: it has no ${missing.map((dir) => `${dir}/`).join(" or ")}`;
  return [
    {
      file: root,
      field: "(content root)",
      message: why,
      expected: `a folder holding ${DATA_DIR}/ and ${ARTICLES_DIR}/, as docs/authoring.md describes`,
    },
  ];
}

/** What a build keeps for the next one (parsed articles, processed images, social cards, rendered pages, search index parts): one folder, never published, safe to delete. */
export const buildCacheDir = (root: string): string => path.join(root, ".cache");

/** The build cache's folders, one for each kind of entry. */
const BUILD_CACHE_FOLDERS = ["articles", "cards", "images", "pages", "search-index", "dev-search-index"] as const;

/** One of the build cache's folders: every cache entry lives in one of these. */
export const buildCacheFolder = (root: string, folder: (typeof BUILD_CACHE_FOLDERS)[number]): string =>
  path.join(buildCacheDir(root), folder);

/**
 * Makes the build cache's folders where they are missing; one problem for
 * each that cannot be a folder (a file in its place, a read-only disk), so
 * the build stops saying which path to remove rather than failing later
 * with a system error.
 */
export function buildCacheProblems(root: string): Problem[] {
  const problems: Problem[] = [];
  for (const folder of ["", ...BUILD_CACHE_FOLDERS]) {
    const dir = path.join(buildCacheDir(root), folder);
    try {
      mkdirSync(dir, { recursive: true });
      accessSync(dir, constants.W_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      const notFolder = code === "EEXIST" || code === "ENOTDIR";
      problems.push({
        file: path.relative(root, dir),
        field: "(build cache)",
        message: notFolder ? "is a file where the build cache keeps a folder" : `cannot be written (${code})`,
        expected: "a folder the build can write, or nothing there: remove it, it holds only what a build makes again",
      });
      // Nothing under a folder that is not one can be made either.
      if (folder === "") break;
    }
  }
  return problems;
}

/** A file in a content folder that is not read, and why: said in a warning, so nothing is left out silently. */
export interface SkippedFile {
  file: string;
  reason: string;
}

interface Listing {
  /** Files read, relative to the root, `/`-separated. */
  files: string[];
  skipped: SkippedFile[];
  /** Folders that could not be listed. */
  unreadable: Problem[];
}

/** What the system says stopped a read, without the path it names: `EACCES: permission denied`. */
function readFailure(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (!code) return String(error);
  const said = /^\w+: ([^,]+)/.exec(message)?.[1];
  return said ? `${code}: ${said}` : code;
}

/** A file or folder that cannot be read, as a problem reported with all the others rather than an error that ends the load. */
export function unreadableProblem(file: string, error: unknown): Problem {
  return {
    file,
    field: "(file)",
    message: `cannot be read (${readFailure(error)})`,
    expected: "something the build can read: check its owner and permissions",
  };
}

/** A content file's bytes, or the problem saying why it cannot be read. */
export function readContentFile(root: string, file: string): { ok: true; bytes: Buffer } | { ok: false; problem: Problem } {
  try {
    return { ok: true, bytes: readFileSync(path.join(root, file)) };
  } catch (error) {
    return { ok: false, problem: unreadableProblem(file, error) };
  }
}

const ARTICLE_EXTENSION = ".md";

/**
 * Why a file in a content folder is not read, or undefined when it is. A link
 * is not followed: what a build publishes must be in the content folders
 * themselves, not wherever a link points today. In `src/articles/` only `.md`
 * files are articles.
 */
function skipReason(entry: Dirent, file: string): string | undefined {
  if (entry.isSymbolicLink()) return "is a symbolic link, which the build does not follow; put the file itself here";
  if (!entry.isFile()) return entry.isDirectory() ? undefined : "is not a regular file";
  if (!file.startsWith(`${ARTICLES_DIR}/`) || file.endsWith(ARTICLE_EXTENSION)) return undefined;
  const ext = path.posix.extname(file);
  const hint = /^\.(md|markdown|mdown|mkd)$/i.test(ext) ? `; rename it to ${path.posix.basename(file, ext)}.md` : "";
  return `is not read: articles are files ending in .md${hint}`;
}

/**
 * Walks `dir` one folder at a time, never into a link: a link to a folder
 * gets its one warning like a link to a file, and a link back up the tree
 * cannot send the walk round in circles. The entries' own types decide
 * (lstat's, so a link is a link), with no system call per file.
 */
async function listFolder(root: string, dir: string): Promise<Listing> {
  const listing: Listing = { files: [], skipped: [], unreadable: [] };
  const walk = async (folder: string): Promise<void> => {
    const entries = await readdir(path.join(root, folder), { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      // A folder gone is one with nothing in it (deleted while the dev server lists it); one that cannot be read would hide its articles.
      if (error.code !== "ENOENT") listing.unreadable.push(unreadableProblem(folder, error));
      return [];
    });
    const below: Promise<void>[] = [];
    for (const entry of entries) {
      // Hidden files (.gitkeep, editors' swap files) and folders (.git) are passed over without a word.
      if (entry.name.startsWith(".")) continue;
      const file = `${folder}/${entry.name}`;
      const reason = skipReason(entry, file);
      if (reason) listing.skipped.push({ file, reason });
      else if (entry.isDirectory()) below.push(walk(file));
      else listing.files.push(file);
    }
    await Promise.all(below);
  };
  await walk(dir);
  return listing;
}

async function listContent(root: string): Promise<Listing> {
  const lists = await Promise.all([DATA_DIR, ARTICLES_DIR].map((dir) => listFolder(root, dir)));
  return {
    files: lists.flatMap((l) => l.files).sort(),
    skipped: lists.flatMap((l) => l.skipped).sort((a, b) => a.file.localeCompare(b.file)),
    unreadable: lists.flatMap((l) => l.unreadable),
  };
}

const contentFiles = async (root: string) => (await listContent(root)).files;

/** Article files among content files (a snapshot's keys, or a listing). */
export const articleFilesOf = (files: Iterable<string>): string[] =>
  [...files].filter((f) => f.startsWith(`${ARTICLES_DIR}/`) && f.endsWith(ARTICLE_EXTENSION)).sort();

/**
 * What a load reads up front: the data files (small, needed before any
 * article can be checked), the list of article files, and what is not read.
 * Each article file is read by the thread that parses it, once, and its
 * digest joins the content hash; so the hash names exactly the bytes built,
 * and no thread holds every file.
 */
export interface ContentRead {
  /** `_data/` files by path, `/`-separated. */
  data: ReadonlyMap<string, Buffer>;
  /** Article files, sorted. */
  articles: string[];
  /** Files of the content folders that are not read (links, articles not ending in .md). */
  skipped: readonly SkippedFile[];
  /** Folders and data files that could not be read. */
  unreadable: readonly Problem[];
}

export async function readContent(root: string): Promise<ContentRead> {
  const listing = await listContent(root);
  const data = new Map<string, Buffer>();
  const unreadable = [...listing.unreadable];
  for (const file of listing.files) {
    if (!file.startsWith(`${DATA_DIR}/`)) continue;
    const read = readContentFile(root, file);
    if (read.ok) data.set(file, read.bytes);
    else unreadable.push(read.problem);
  }
  return { data, articles: articleFilesOf(listing.files), skipped: listing.skipped, unreadable };
}

/** A data file's bytes as read; it must be one of the files read. */
export function dataBytes(read: ContentRead, file: string): Buffer {
  const bytes = read.data.get(file);
  if (!bytes) throw new Error(`${file} was not read`);
  return bytes;
}

/**
 * The content hash, recorded with the search index so `npm run search` can
 * tell an index built from other content, or older content, from a current
 * one: every content file's path and the digest of its bytes, in path order.
 */
export function contentHash(digests: Iterable<readonly [string, string]>): string {
  const hash = createHash("sha256");
  for (const [file, digest] of [...digests].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) hash.update(`${file}\0${digest}\0`);
  return hash.digest("hex").slice(0, 16);
}

/** The digest of a file's bytes, for the content hash and the build cache's keys. */
export const digestOf = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

/**
 * The content hash of the files on disk now (the search command's staleness
 * check), each file read and dropped in turn. Synchronous reads: many small
 * files read through promises spend most of their time in thread-pool round trips.
 */
export async function fingerprintContent(root: string): Promise<string> {
  const files = await contentFiles(root);
  // A file that cannot be read cannot match what a build read, so the index is reported stale rather than the command failing.
  const digest = (file: string) => {
    const read = readContentFile(root, file);
    return read.ok ? digestOf(read.bytes) : "(unreadable)";
  };
  return contentHash(files.map((file) => [file, digest(file)] as const));
}

/** Content files modified after `time`, to name what made an index stale. */
export async function filesChangedSince(root: string, time: Date): Promise<string[]> {
  const files = await contentFiles(root);
  const times = await Promise.all(files.map((f) => stat(path.join(root, f)).then((s) => s.mtime)));
  return files.filter((_, i) => (times[i] ?? time) > time);
}
