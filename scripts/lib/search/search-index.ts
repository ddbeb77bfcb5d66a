/**
 * Builds the site's Pagefind index from search documents (search-document.ts),
 * so it can run while Eleventy renders the pages: Pagefind works on one core
 * while Node renders on the other.
 *
 * A site with more articles than the partition size is indexed in parts cut
 * by publication period (index-partition.ts), newest first. Part 1 is the
 * bundle at /pagefind/; older parts go to /pagefind/parts/<period>/ and are
 * merged at search time (src/assets/search/index-parts.ts). Parts bound
 * Pagefind's memory (it holds a part's whole index until it writes it) and the
 * bytes a first search fetches; and as their boundaries stay put when an
 * article is added, a rebuild takes every part whose documents did not change
 * from the build cache instead of indexing it again.
 *
 * Each part is one run of the Pagefind CLI over a folder of its documents:
 * faster than Pagefind's Node API, whose service indexes and writes one
 * message at a time, and separate processes share the cores
 * (docs/performance.md has the measurements). The runs are started by a
 * worker thread (search-index-worker.ts), which writes each part's documents
 * to disk just before Pagefind reads them.
 */
import { createHash, type Hash } from "node:crypto";
import { readFileSync, rmSync, statSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, statfs, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import path from "node:path";
import { setImmediate as turn } from "node:timers/promises";
import type { Worker } from "node:worker_threads";
import { PARTS_URL, partPath, spellingPath, type PartInfo, type SearchPartsFile } from "../../../src/assets/search/index-parts.ts";
import type { WorkerIn, WorkerOut, WorkerSetup } from "./search-index-worker.ts";
import { faultPoint } from "../util/fault-points.ts";
import { onInterrupt } from "../util/interrupts.ts";
import { boundedQueue } from "../util/bounded-queue.ts";
import { checkManifest, MANIFEST, parseManifest } from "../util/file-manifest.ts";
import { PART_FILES, PART_WORDS, RUNTIME_SCRIPT } from "./bundle-files.ts";
import { addCounts, COUNTING, vocabularyFile } from "./spelling-words.ts";
import { replaceFile } from "../util/replace-file.ts";
import { linkTree } from "../util/link-tree.ts";
import { pathExists } from "../util/path-exists.ts";
import { isRunning } from "../util/processes.ts";
import { partitionByPeriod, type IndexPart } from "./index-partition.ts";
import { startTsWorker } from "../util/ts-worker.ts";

/** One article for the index: where it lives, when it was published, and its document, made when its part is indexed. */
export interface SearchEntry {
  url: string;
  /** Publication day in the site's time zone, YYYY-MM-DD. */
  day: string;
  /** Publication instant, milliseconds since the epoch. */
  time: number;
  document: () => string;
}

export interface IndexOptions {
  /** Aborts the indexing (the rest of the build failed): Pagefind runs are stopped. */
  signal?: AbortSignal | undefined;
  /** The build cache's folder for Pagefind output, one entry per part's documents; none: every part is indexed. */
  cacheDir?: string | undefined;
  /** The dev server's index: one Pagefind process at a time, at the lowest priority. */
  background?: boolean | undefined;
  /** Each part's cache key, as `partKeys` gives them for the same entries: documents are then made only for the parts indexed. */
  keys?: readonly string[] | undefined;
  /** Settles when the rest of the build no longer needs the cores (the pages are rendered): the last run may then use them all. */
  rendered?: Promise<unknown> | undefined;
  /** Writes the spelling vocabulary (spelling-words.ts) and names it in the parts list; not for languages whose words are not spaced apart. */
  vocabulary?: boolean | undefined;
}

export interface IndexReport {
  pagesIndexed: number;
  /** How many indexes the pages were split into (1 for a site within the partition size). */
  parts: number;
  /** Parts taken from the build cache rather than indexed. */
  partsFromCache: number;
}

/** Parts indexed at once: one Pagefind process per core of a small build machine. */
const PARTS_AT_ONCE = 2;
/**
 * Parts handed to the worker and not yet indexed, at most: enough that a
 * finished run always finds the next part's documents ready, and no more,
 * as the worker holds a part's documents until its run: handing over every
 * part at once kept a large archive's documents waiting in memory.
 */
const PARTS_AHEAD = PARTS_AT_ONCE + 2;

/**
 * Threads each Pagefind process may use for its parallel work (its
 * `RAYON_NUM_THREADS`): the machine's cores shared between the runs at once.
 * Left to itself, each run starts a thread per core, and while Node keeps the
 * other cores busy the extra threads only contend for them
 * (docs/performance.md, "Pages and the search index, side by side").
 */
export function pagefindThreads(runsAtOnce: number, cores: number): number {
  return Math.max(1, Math.floor(cores / Math.max(1, runsAtOnce)));
}

/** The Pagefind binary the `pagefind` package installed for this platform (or PAGEFIND_BINARY_PATH, as the package honours). */
export function pagefindBinary(): string {
  const fromEnv = process.env.PAGEFIND_BINARY_PATH;
  if (fromEnv) return fromEnv;
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const name = process.platform === "win32" ? "pagefind_extended.exe" : "pagefind_extended";
  return createRequire(import.meta.url).resolve(`@pagefind/${platform}-${process.arch}/bin/${name}`);
}

/** Pages actually indexed in one Pagefind bundle (those with a `data-pagefind-body`), as its entry file counts them. */
export async function pagesInBundle(bundleDir: string): Promise<number> {
  const entry = JSON.parse(await readFile(path.join(bundleDir, "pagefind-entry.json"), "utf8")) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
}

/**
 * The worker that runs Pagefind; `done(n)` settles once `n` parts are done
 * (of those handed over), or at the first failure, and `indexed` hears of
 * each part (0-based) as its bundle is finished.
 */
function startWorker(
  background: boolean,
  slots: string,
  indexed: (part: number) => void,
): { worker: Worker; done: (parts: number) => Promise<void>; stop: () => Promise<void> } {
  const concurrency = background ? 1 : PARTS_AT_ONCE;
  const setup: WorkerSetup = {
    binary: pagefindBinary(),
    concurrency,
    threads: pagefindThreads(concurrency, availableParallelism()),
    cores: availableParallelism(),
    background,
    slots,
  };
  const worker = startTsWorker(new URL("./search-index-worker.ts", import.meta.url), setup);
  // Pagefind processes under way, killed if a signal stops the build (the worker's own kill would come too late).
  const running = new Set<number>();
  const forget = onInterrupt(async () => {
    for (const pid of running) process.kill(pid, "SIGKILL");
    // Stops it writing documents into folders about to be removed.
    await worker.terminate();
  });
  let stopped: (() => void) | undefined;
  let finished = 0;
  let waiting: { parts: number; resolve: () => void; reject: (error: Error) => void }[] = [];
  let failure: Error | undefined;
  const check = () => {
    const still: typeof waiting = [];
    for (const w of waiting) {
      if (failure) w.reject(failure);
      else if (finished >= w.parts) w.resolve();
      else still.push(w);
    }
    waiting = still;
  };
  worker.on("message", (message: WorkerOut) => {
    if (message.type === "started") running.add(message.pid);
    else if (message.type === "ended") running.delete(message.pid);
    else if (message.type === "done") {
      finished++;
      indexed(message.part - 1);
    } else if (message.type === "failed") failure ??= new Error(message.message);
    else if (message.type === "stopped") stopped?.();
    check();
  });
  worker.on("error", (error: unknown) => {
    // A worker may throw anything, not only an Error.
    failure ??= error instanceof Error ? error : new Error(String(error));
    check();
  });
  let exited = false;
  worker.once("exit", () => {
    exited = true;
    forget();
    stopped?.();
  });
  const done = (parts: number) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ parts, resolve, reject });
      check();
    });
  // Resolves when the worker has killed its Pagefind processes, or is gone.
  const stop = () =>
    new Promise<void>((resolve) => {
      if (exited) return resolve();
      stopped = resolve;
      worker.postMessage({ type: "stop" } satisfies WorkerIn);
    });
  return { worker, done, stop };
}

/** Room a scratch folder needs: a few parts' documents at a time, with a wide margin. */
const SCRATCH_ROOM = 256 * 1024 * 1024;
/** Where the scratch folders go: Linux's memory file system, unless `BROADSHEET_SCRATCH` names another folder (a test suite's own). */
const scratchRoot = (): string => process.env.BROADSHEET_SCRATCH || "/dev/shm";
/** Scratch folders are named after the build's process, so the next build can tell one whose build is gone. */
const SCRATCH_PREFIX = "broadsheet-search-";

/**
 * A folder in memory (Linux's /dev/shm) for the search documents, when there
 * is room: each is written, read once by Pagefind and deleted, and on a busy
 * disk the journal made every one of those steps slow, for the page writes
 * too. Otherwise undefined, and they go in the work folder.
 */
async function scratchDir(): Promise<string | undefined> {
  try {
    const root = scratchRoot();
    const space = await statfs(root);
    if (space.bavail * space.bsize < SCRATCH_ROOM) return undefined;
    return await mkdtemp(path.join(root, `${SCRATCH_PREFIX}${process.pid}-`));
  } catch {
    return undefined;
  }
}

/** Scratch folders of versions that did not name their process count as abandoned after this long. */
const UNNAMED_SCRATCH_AGE_MS = 60 * 60 * 1000;

/** Removes the scratch folders of builds that were killed (their process is gone); returns what was removed. */
export async function removeDeadScratch(): Promise<string[]> {
  const root = scratchRoot();
  const names = await readdir(root).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(SCRATCH_PREFIX)) continue;
    const folder = path.join(root, name);
    const pid = /^(\d+)-/.exec(name.slice(SCRATCH_PREFIX.length))?.[1];
    const abandoned =
      pid === undefined
        ? await stat(folder).then(
            (s) => Date.now() - s.mtimeMs > UNNAMED_SCRATCH_AGE_MS,
            () => false,
          )
        : !isRunning(Number(pid));
    if (!abandoned) continue;
    await rm(folder, { recursive: true, force: true, maxRetries: 3 });
    removed.push(folder);
  }
  return removed;
}

/** Which Pagefind indexes: its platform package's version, or for a binary given by path, its size and time. */
function pagefindIdentity(): string {
  const binary = pagefindBinary();
  try {
    return (JSON.parse(readFileSync(path.join(path.dirname(binary), "..", "package.json"), "utf8")) as { version: string }).version;
  } catch {
    const { size, mtimeMs } = statSync(binary);
    return `${binary} ${size} ${mtimeMs}`;
  }
}

const partUrl = (part: IndexPart<SearchEntry>, i: number) => (i === 0 ? "/pagefind/" : partPath(part.key));

const describe = (part: IndexPart<SearchEntry>, i: number): PartInfo => ({
  path: partUrl(part, i),
  pages: part.items.length,
  newest: part.items[0]?.day ?? "",
  oldest: part.items.at(-1)?.day ?? "",
});

/** A part's cache key is a hash of its documents, the Pagefind that indexes them and how its words are counted, if they are; nothing else shapes its output. */
const keyHash = (identity: string, counted: boolean) =>
  createHash("sha256").update(`pagefind ${identity} words ${counted ? COUNTING : "uncounted"}\0`);
const hashDocument = (hash: Hash, d: { url: string; html: string }) => hash.update(`${d.url}\0${d.html}\0`);
const keyOf = (hash: Hash) => hash.digest("hex").slice(0, 24);

function cacheKey(identity: string, counted: boolean, documents: readonly { url: string; html: string }[]): string {
  const hash = keyHash(identity, counted);
  for (const d of documents) hashDocument(hash, d);
  return keyOf(hash);
}

const partsOf = (entries: readonly SearchEntry[], partitionSize: number) =>
  partitionByPeriod(
    entries.map((e) => ({ ...e, id: e.url })),
    partitionSize,
  );

const documentsOf = (part: IndexPart<SearchEntry>) => part.items.map((entry) => ({ url: entry.url, html: entry.document() }));

/** Documents `partKeys` makes between two turns of the event loop: a few milliseconds' work, whatever the partition size. */
const KEY_SLICE = 250;

/**
 * Each part's cache key for `entries` cut by `partitionSize`, every document
 * made once and let go, the event loop turning between slices of them (the
 * dev server answers reloads meanwhile). For a caller that must first know
 * whether anything changed (the dev server's index): given these,
 * `indexSite` makes documents only for the parts it indexes rather than
 * every one again.
 */
export async function partKeys(entries: readonly SearchEntry[], partitionSize: number, vocabulary: boolean): Promise<string[]> {
  const identity = pagefindIdentity();
  const keys: string[] = [];
  let made = 0;
  for (const part of partsOf(entries, partitionSize)) {
    const hash = keyHash(identity, vocabulary);
    for (const entry of part.items) {
      if (made++ % KEY_SLICE === 0) await turn();
      hashDocument(hash, { url: entry.url, html: entry.document() });
    }
    keys.push(keyOf(hash));
  }
  return keys;
}

/**
 * Whether a cache entry is a whole bundle for the part it would be: its
 * manifest is there, every file it lists is as written, and for the `first`
 * part it holds the search runtime. One that is not (a build killed while
 * storing it, a file cut short or damaged on disk, a later part's bundle now
 * that the parts before it are gone) is removed, to be indexed again.
 */
async function keptWhole(entry: string, first: boolean): Promise<boolean> {
  const manifest = parseManifest(await readFile(path.join(entry, MANIFEST), "utf8").catch(() => ""));
  const usable = manifest && (!first || RUNTIME_SCRIPT in manifest);
  const check = usable ? await checkManifest(entry, manifest) : { whole: false as const };
  if (check.whole && check.restamped) {
    // Stamped with the files' new times (a restored cache), so the next build reads none of them. The
    // temporary file is beside the entry, not in it (its files are published); a stray one is pruned.
    const temporary = path.join(path.dirname(entry), `.tmp-${process.pid}-${path.basename(entry)}`);
    await replaceFile(path.join(entry, MANIFEST), JSON.stringify(check.manifest), temporary);
  }
  if (check.whole) return true;
  await rm(entry, { recursive: true, force: true });
  return false;
}

/**
 * Moves a finished bundle, manifest included, into the cache under its key:
 * one rename, where linking its files and deleting the work copy took two
 * calls a file. It goes in under a temporary name first, so a killed build
 * leaves no half entry; on another file system it is linked or copied there.
 */
async function storeInCache(cacheDir: string, key: string, bundle: string): Promise<void> {
  const entry = path.join(cacheDir, key);
  if (await pathExists(path.join(entry, MANIFEST))) return;
  const temporary = path.join(cacheDir, `.tmp-${process.pid}-${key}`);
  await rm(temporary, { recursive: true, force: true });
  await rename(bundle, temporary).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== "EXDEV") throw error;
    await linkTree(bundle, temporary);
  });
  await rm(entry, { recursive: true, force: true });
  await rename(temporary, entry);
}

/** Writes the site's spelling vocabulary, named by a hash of its text (it is cached for good), and returns its site path. */
async function writeVocabulary(siteDir: string, words: ReadonlyMap<string, number>): Promise<string> {
  const text = vocabularyFile(words);
  const url = spellingPath(createHash("sha256").update(text).digest("hex").slice(0, 16));
  await mkdir(path.join(siteDir, path.dirname(url)), { recursive: true });
  await writeFile(path.join(siteDir, url), text);
  return url;
}

/** Removes cache entries no part of this build used, and leftovers of builds that were stopped. */
async function pruneCache(cacheDir: string, used: ReadonlySet<string>): Promise<void> {
  const names = await readdir(cacheDir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => !used.has(n)).map((n) => rm(path.join(cacheDir, n), { recursive: true, force: true })));
}

/**
 * Indexes `entries` into `siteDir`'s /pagefind/ in parts of at most
 * `partitionSize` articles, cut by period. Each part is taken from the cache
 * when its documents are unchanged, otherwise indexed; bundles are made in a
 * work folder inside `siteDir`, stored in the cache and linked into the site
 * as each is finished, while the other parts are indexed. If a part fails, or
 * `signal` aborts, the Pagefind processes are stopped; it settles once they
 * are gone and the work folders are removed.
 * In the `background` (the dev server's index, built while an author edits),
 * one Pagefind process runs at a time, at the lowest priority, so rebuilding
 * pages keeps the machine first.
 */
export async function indexSite(
  siteDir: string,
  entries: readonly SearchEntry[],
  partitionSize: number,
  { signal, cacheDir, background = false, keys: given, rendered, vocabulary = false }: IndexOptions = {},
): Promise<IndexReport> {
  const parts = partsOf(entries, partitionSize);
  if (given && given.length !== parts.length) throw new Error(`${given.length} part keys given for ${parts.length} parts`);
  const work = path.join(siteDir, ".search-index");
  const documentsDir = (await scratchDir()) ?? path.join(work, "documents");
  // Registered first, so it runs after the worker's clean-up has stopped it.
  const forgetScratch = onInterrupt(() => rmSync(documentsDir, { recursive: true, force: true, maxRetries: 3 }));
  if (cacheDir) await mkdir(cacheDir, { recursive: true });
  const identity = pagefindIdentity();
  const keys: string[] = [];
  const toIndex: number[] = [];
  const fresh = (i: number) => path.join(work, "bundles", String(i + 1));
  const source = (i: number) => (cacheDir ? path.join(cacheDir, keys[i] ?? "") : fresh(i));
  const counts: number[] = [];
  const words = new Map<string, number>();
  /** A finished part in its place: moved into the cache if it was indexed, linked into the site, no work copy left. */
  const place = async (i: number, indexed: boolean) => {
    const part = parts[i];
    if (!part) throw new Error(`no part ${i + 1} to place`);
    if (cacheDir && indexed) await storeInCache(cacheDir, keys[i] ?? "", fresh(i));
    counts[i] = await pagesInBundle(source(i));
    if (vocabulary) addCounts(words, JSON.parse(await readFile(path.join(source(i), PART_WORDS), "utf8")) as [string, number][]);
    const keep =
      i === 0
        ? (name: string, depth: number) => depth > 0 || (name !== MANIFEST && name !== PART_WORDS)
        : (name: string, depth: number) => depth > 0 || PART_FILES.test(name);
    await linkTree(source(i), path.join(siteDir, partUrl(part, i)), keep);
    if (indexed) await rm(fresh(i), { recursive: true, force: true });
  };
  // A few parts at a time: a rebuild finds most parts in the cache at once.
  const placements = boundedQueue(PARTS_AT_ONCE, ([i, indexed]: readonly [number, boolean]) => place(i, indexed));
  const placed = (i: number, indexed: boolean) => placements.push([[i, indexed]]);
  const { worker, done, stop } = startWorker(background, path.join(work, "slots"), (i) => placed(i, true));
  const aborted = new Promise<never>((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason), { once: true }));
  aborted.catch(() => {});
  try {
    for (const [i, part] of parts.entries()) {
      signal?.throwIfAborted();
      // Documents are made a part at a time and handed over a few parts ahead of Pagefind, so no thread holds them all.
      let documents: ReturnType<typeof documentsOf> | undefined;
      keys.push(given?.[i] ?? cacheKey(identity, vocabulary, (documents = documentsOf(part))));
      if (cacheDir && (await keptWhole(source(i), i === 0))) {
        placed(i, false);
        continue;
      }
      documents ??= documentsOf(part);
      await Promise.race([done(toIndex.length - PARTS_AHEAD + 1), aborted]);
      toIndex.push(i);
      // The worker writes the documents itself, just before their Pagefind run: on a busy
      // disk, writing them here held up the main thread, which renders the pages.
      worker.postMessage({
        type: "part",
        part: i + 1,
        site: path.join(documentsDir, String(i + 1)),
        output: fresh(i),
        first: i === 0,
        countWords: vocabulary,
        documents,
      } satisfies WorkerIn);
      // Lets the worker's messages (and an abort) in between parts.
      await new Promise((resolve) => setImmediate(resolve));
    }
    // Every part is handed over: once the pages are rendered, the last run to start runs alone soon after.
    void rendered?.then(() => worker.postMessage({ type: "last" } satisfies WorkerIn));
    await faultPoint("index");
    await Promise.race([done(toIndex.length), aborted]);
    await placements.done();
    const list: SearchPartsFile = {
      parts: parts.slice(1).map((part, i) => partUrl(part, i + 1)),
      info: parts.map(describe),
      ...(vocabulary ? { spelling: await writeVocabulary(siteDir, words) } : {}),
    };
    await writeFile(path.join(siteDir, PARTS_URL), JSON.stringify(list));
    if (cacheDir) await pruneCache(cacheDir, new Set(keys));
    return { pagesIndexed: counts.reduce((a, b) => a + b, 0), parts: parts.length, partsFromCache: parts.length - toIndex.length };
  } catch (error) {
    await stop();
    // Nothing is linked into the site after this settles: the caller then discards it.
    await placements.done().catch(() => {});
    throw error;
  } finally {
    await worker.terminate();
    await rm(work, { recursive: true, force: true });
    await rm(documentsDir, { recursive: true, force: true });
    forgetScratch();
  }
}
