/**
 * Builds the site's Pagefind index from search documents (search-document.ts),
 * so it can run while Eleventy renders the pages: Pagefind works on one core
 * while Node renders on the other.
 *
 * A site with more articles than the partition size is indexed in parts of
 * that many, newest first. Part 1 is the bundle at /pagefind/; older parts go
 * to /pagefind/parts/2/, … and are opened on demand at search time
 * (src/assets/search/index-parts.ts). Parts bound Pagefind's memory (it
 * holds a part's whole index until it writes it) and the bytes a first
 * search fetches.
 *
 * Each part is one run of the Pagefind CLI over a folder of its documents:
 * faster than Pagefind's Node API, whose service indexes and writes one
 * message at a time, and separate processes share the cores
 * (docs/performance.md has the measurements).
 * The runs are started by a worker thread (search-index-worker.ts): the main
 * thread hands it every part's documents at once, and the worker writes each
 * part's to disk just before Pagefind reads them.
 */
import { rmSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, statfs, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { Worker } from "node:worker_threads";
import { PARTS_URL, partPath, type PartInfo, type SearchPartsFile } from "../../../src/assets/search/index-parts.ts";
import type { WorkerIn, WorkerOut, WorkerSetup } from "./search-index-worker.ts";
import { faultPoint } from "../util/fault-points.ts";
import { onInterrupt } from "../util/interrupts.ts";
import { partition } from "../util/partition.ts";
import { startTsWorker } from "../util/ts-worker.ts";

/** One article for the index: where it lives, its publication day, and its document, made when its part is handed to the worker. */
export interface SearchEntry {
  url: string;
  /** Publication day in the site's time zone, YYYY-MM-DD. */
  day: string;
  document: () => string;
}

export interface IndexReport {
  pagesIndexed: number;
  /** How many indexes the pages were split into (1 for a site within the partition size). */
  parts: number;
}

/** Parts indexed at once: one Pagefind process per core of a small build machine. */
const PARTS_AT_ONCE = 2;

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

/** The worker that runs Pagefind, and a promise of every part being done (or the first failure). */
function startWorker(parts: number, background: boolean): { worker: Worker; done: Promise<void>; stop: () => Promise<void> } {
  const setup: WorkerSetup = { binary: pagefindBinary(), concurrency: background ? 1 : PARTS_AT_ONCE, background };
  const worker = startTsWorker(new URL("./search-index-worker.ts", import.meta.url), setup);
  // Pagefind processes under way, killed if a signal stops the build (the worker's own kill would come too late).
  const running = new Set<number>();
  const forget = onInterrupt(async () => {
    for (const pid of running) process.kill(pid, "SIGKILL");
    // Stops it writing documents into folders about to be removed.
    await worker.terminate();
  });
  let stopped: (() => void) | undefined;
  const done = new Promise<void>((resolve, reject) => {
    let finished = 0;
    worker.on("message", (message: WorkerOut) => {
      if (message.type === "started") running.add(message.pid);
      else if (message.type === "ended") running.delete(message.pid);
      else if (message.type === "done" && ++finished === parts) resolve();
      else if (message.type === "failed") reject(new Error(message.message));
      else if (message.type === "stopped") stopped?.();
    });
    worker.on("error", reject);
  });
  // Awaited once every part is handed over; a failure before then must not count as unhandled.
  done.catch(() => {});
  let exited = false;
  worker.once("exit", () => {
    exited = true;
    forget();
    stopped?.();
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
const SHM = "/dev/shm";
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
    const space = await statfs(SHM);
    if (space.bavail * space.bsize < SCRATCH_ROOM) return undefined;
    return await mkdtemp(path.join(SHM, `${SCRATCH_PREFIX}${process.pid}-`));
  } catch {
    return undefined;
  }
}

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
};

/** Scratch folders of versions that did not name their process count as abandoned after this long. */
const UNNAMED_SCRATCH_AGE_MS = 60 * 60 * 1000;

/** Removes the scratch folders of builds that were killed (their process is gone); returns what was removed. */
export async function removeDeadScratch(): Promise<string[]> {
  const names = await readdir(SHM).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(SCRATCH_PREFIX)) continue;
    const folder = path.join(SHM, name);
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

const describe = (entries: readonly SearchEntry[], i: number): PartInfo => ({
  path: i === 0 ? "/pagefind/" : partPath(i + 1),
  pages: entries.length,
  newest: entries[0]?.day ?? "",
  oldest: entries.at(-1)?.day ?? "",
});

/**
 * Indexes `entries` (newest first) into `siteDir`'s /pagefind/ in parts of
 * `partitionSize`. Bundles are made in a work folder inside `siteDir` and
 * moved into place once every part is done; documents go to a scratch folder
 * (`scratchDir`). If a part fails, or `signal` aborts (the rest of the build
 * failed), the Pagefind processes are stopped; it settles once they are gone
 * and both folders are removed. In the `background` (the dev server's index,
 * built while an author edits), one Pagefind process runs at a time, at the
 * lowest priority, so rebuilding pages keeps the machine first.
 */
export async function indexSite(
  siteDir: string,
  entries: readonly SearchEntry[],
  partitionSize: number,
  { signal, background = false }: { signal?: AbortSignal; background?: boolean } = {},
): Promise<IndexReport> {
  const parts = partition(entries, partitionSize);
  const work = path.join(siteDir, ".search-index");
  const documentsDir = (await scratchDir()) ?? path.join(work, "documents");
  const bundle = (i: number) => path.join(work, "bundles", String(i + 1));
  // Registered first, so it runs after the worker's clean-up has stopped it.
  const forgetScratch = onInterrupt(() => rmSync(documentsDir, { recursive: true, force: true, maxRetries: 3 }));
  const { worker, done, stop } = startWorker(parts.length, background);
  const aborted = new Promise<never>((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason), { once: true }));
  aborted.catch(() => {});
  try {
    for (const [i, part] of parts.entries()) {
      signal?.throwIfAborted();
      // The worker writes the documents itself, just before their Pagefind run: on a busy
      // disk, writing them here held up the main thread, which renders the pages.
      const documents = part.map((entry) => ({ url: entry.url, html: entry.document() }));
      worker.postMessage({
        type: "part",
        part: i + 1,
        site: path.join(documentsDir, String(i + 1)),
        output: bundle(i),
        documents,
      } satisfies WorkerIn);
      // Lets the worker's messages (and an abort) in between parts.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await faultPoint("index");
    await Promise.race([done, aborted]);
    const counts = await Promise.all(parts.map((_, i) => pagesInBundle(bundle(i))));
    await rename(bundle(0), path.join(siteDir, "pagefind"));
    if (parts.length > 1) await mkdir(path.join(siteDir, "pagefind", "parts"));
    for (let i = 1; i < parts.length; i++) await rename(bundle(i), path.join(siteDir, partPath(i + 1)));
    const list: SearchPartsFile = { parts: parts.slice(1).map((_, i) => partPath(i + 2)), info: parts.map(describe) };
    await writeFile(path.join(siteDir, PARTS_URL), JSON.stringify(list));
    return { pagesIndexed: counts.reduce((a, b) => a + b, 0), parts: parts.length };
  } catch (error) {
    await stop();
    throw error;
  } finally {
    await worker.terminate();
    await rm(work, { recursive: true, force: true });
    await rm(documentsDir, { recursive: true, force: true });
    forgetScratch();
  }
}
