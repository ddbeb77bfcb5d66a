/**
 * Runs the Pagefind CLI over index parts as the main thread announces them,
 * a few at a time. It lives in a worker because the main thread is busy
 * rendering pages: Eleventy's promise chains leave its event loop few turns,
 * and a Pagefind run that ended there waited seconds before the next began.
 *
 * Messages in: { type: "part", part, site, output, first, documents } (the
 * part's documents, the folder to write them to, where its bundle goes, and
 * whether it is the first part, which keeps Pagefind's runtime),
 * { type: "last" } (every part is handed over and nothing else needs the
 * cores: a run started with no part queued behind it may use them all, as
 * it will soon run alone) and { type: "stop" }. Out: { type: "started",
 * pid } and { type: "ended", pid } for each Pagefind process, { type:
 * "done", part }, { type: "failed", part, message }, { type: "stopped" }.
 * While Pagefind indexes a part, the worker counts the part's words for the
 * spelling vocabulary (spelling-words.ts) and writes them into the bundle
 * (`PART_WORDS`), so a cached part keeps them. A part is done once its bundle
 * carries its manifest (util/file-manifest.ts), by which a build cache entry
 * is checked.
 *
 * Where util-linux's `setpriv` is installed (Linux), each Pagefind process is
 * started through it with a parent-death signal: if the build is killed
 * outright (SIGKILL, which no handler sees), the kernel kills its Pagefind
 * processes too, instead of leaving them to index for a build that is gone.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, constants, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { constants as osConstants, setPriority } from "node:os";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { MANIFEST, manifestOf } from "../util/file-manifest.ts";
import { clearPartFiles, PART_WORDS, takePartFiles } from "./bundle-files.ts";
import { countWords } from "./spelling-words.ts";

/** One article's search document and the site path it indexes. */
export interface SearchDocument {
  url: string;
  html: string;
}

export interface PartJob {
  type: "part";
  part: number;
  site: string;
  output: string;
  /** The first part keeps the search runtime; a later part is indexed in a slot and only its own files go to `output` (bundle-files.ts). */
  first: boolean;
  /** Count the documents' words for the spelling vocabulary (`PART_WORDS`): not for a site that gets none. */
  countWords: boolean;
  documents: SearchDocument[];
}
export type WorkerIn = PartJob | { type: "last" } | { type: "stop" };
export type WorkerOut =
  | { type: "started"; pid: number }
  | { type: "ended"; pid: number }
  | { type: "done"; part: number }
  | { type: "failed"; part: number; message: string }
  | { type: "stopped" };
export interface WorkerSetup {
  binary: string;
  concurrency: number;
  /** Threads each Pagefind process may use, unless the environment already sets `RAYON_NUM_THREADS`. */
  threads: number;
  /** Threads the last run may use once nothing else needs the cores (`{ type: "last" }`). */
  cores: number;
  /** Run Pagefind at low priority (nice 19). */
  background: boolean;
  /** A folder for later parts' runs: one slot per run at once, each overwritten run after run (bundle-files.ts). */
  slots: string;
}

const port = parentPort;
if (!port) throw new Error("search-index-worker.ts runs as a worker thread");
const { binary, concurrency, threads, cores, background, slots } = workerData as WorkerSetup;
const envWith = (n: number) => ({ RAYON_NUM_THREADS: String(n), ...process.env });
const pagefindEnv = envWith(threads);
const lastRunEnv = envWith(cores);
const queue: PartJob[] = [];
let last = false;
const running = new Set<ChildProcess>();
/** Slots no run is using: later parts run at most `concurrency` at once. */
const freeSlots = Array.from({ length: concurrency }, (_, i) => path.join(slots, String(i)));
let stopping = false;
const post = (message: WorkerOut) => port.postMessage(message);

const isExecutable = (file: string) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};
const setpriv =
  process.platform === "linux"
    ? (process.env.PATH ?? "")
        .split(path.delimiter)
        .filter(Boolean)
        .map((dir) => path.join(dir, "setpriv"))
        .find(isExecutable)
    : undefined;

/**
 * The command line of a Pagefind run: through setpriv with a parent-death
 * signal where it exists. A binary that cannot run is started directly, so
 * the error names it rather than setpriv.
 */
function pagefindCommand(args: string[]): [string, string[]] {
  return setpriv && isExecutable(binary) ? [setpriv, ["--pdeathsig", "KILL", "--", binary, ...args]] : [binary, args];
}

/** Synchronous: the worker has nothing else to do meanwhile, and Pagefind starts right after. */
function writeDocuments(dir: string, documents: readonly SearchDocument[]): void {
  for (const document of documents) {
    const folder = path.join(dir, document.url);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, "index.html"), document.html);
  }
}

function run(job: PartJob): void {
  // A later part runs in a slot; `next` starts no more runs than there are slots.
  const slot = job.first ? undefined : (freeSlots.pop() as string);
  let held = slot;
  // Given back before anything awaits: a part started meanwhile needs a slot.
  const release = () => {
    if (held) freeSlots.push(held);
    held = undefined;
  };
  try {
    if (slot) clearPartFiles(slot);
    writeDocuments(job.site, job.documents);
  } catch (error) {
    release();
    post({
      type: "failed",
      part: job.part,
      message: `Could not write the search documents of part ${job.part} to ${job.site}: ${(error as Error).message}`,
    });
    return;
  }
  const [command, args] = pagefindCommand(["--site", job.site, "--output-path", slot ?? job.output, "--silent"]);
  const env = last && queue.length === 0 ? lastRunEnv : pagefindEnv;
  const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"], env });
  if (background && child.pid !== undefined) {
    try {
      setPriority(child.pid, osConstants.priority.PRIORITY_LOW);
    } catch {
      // A system that refuses leaves it at normal priority: slower edits, nothing worse.
    }
  }
  running.add(child);
  if (child.pid !== undefined) post({ type: "started", pid: child.pid });
  // Counted while Pagefind reads the documents from disk; then a queued part's documents are all this thread holds.
  const words = job.countWords ? JSON.stringify([...countWords(job.documents)]) : undefined;
  job.documents.length = 0;
  let stderr = "";
  let settled = false;
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
  const finish = (failure?: string) => {
    // A process that could not start reports "error" and may then "close" too.
    if (settled) return;
    settled = true;
    running.delete(child);
    if (child.pid !== undefined) post({ type: "ended", pid: child.pid });
    if (stopping) return;
    try {
      if (failure) throw new Error(failure);
      if (slot) takePartFiles(slot, job.output);
      release();
      if (words !== undefined) writeFileSync(path.join(job.output, PART_WORDS), words);
      // The next part's run starts before this one's bookkeeping, so no core waits on it.
      next();
      writeFileSync(path.join(job.output, MANIFEST), JSON.stringify(manifestOf(job.output)));
      // Synchronously, as the documents were written: removed through the thread pool, each file and
      // folder cost a round trip and two thread switches.
      rmSync(job.site, { recursive: true });
      post({ type: "done", part: job.part });
    } catch (error) {
      release();
      post({ type: "failed", part: job.part, message: (error as Error).message });
    }
    next();
  };
  child.on("error", (error) => finish(`Pagefind could not start (${binary}): ${error.message}`));
  child.on("close", (code) => (code === 0 ? finish() : finish(`Pagefind could not index ${job.site} (exit ${code}): ${stderr.trim()}`)));
}

function next(): void {
  while (!stopping && running.size < concurrency && queue.length) run(queue.shift() as PartJob);
}

port.on("message", (message: WorkerIn) => {
  if (message.type === "part") {
    queue.push(message);
    next();
    return;
  }
  if (message.type === "last") {
    last = true;
    return;
  }
  stopping = true;
  queue.length = 0;
  const exited = [...running].map((child) => new Promise((resolve) => child.once("close", resolve)));
  for (const child of running) child.kill("SIGKILL");
  void Promise.all(exited).then(() => post({ type: "stopped" }));
});
