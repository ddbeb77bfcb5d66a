/**
 * Parses a large site's articles on two threads. Parsing (Markdown, front
 * matter, dates) is nearly all of loading, and one core sat idle through it:
 * a worker takes the later files while this thread parses the earlier ones.
 * The result is what parsing them all here gives, in the same order, so
 * problems are listed as before.
 */
import { Worker } from "node:worker_threads";
import { DateTime } from "luxon";
import type { ContentSnapshot } from "./content-fingerprint.ts";
import type { KnownIds, SiteSettings } from "./content-schema.ts";
import type { ParseFile, Parsed } from "./file-cache.ts";
import type { Draft } from "./load-content.ts";

/** Below this many articles, starting a worker (~0.5 s to load the parser's modules) costs more than it saves. */
export const WORKER_MINIMUM = 1000;
/** The worker starts later, so it takes fewer files. */
const WORKER_SHARE = 0.45;

export interface ArticleJob {
  settings: SiteSettings;
  known: KnownIds;
  files: [file: string, bytes: Uint8Array][];
}

/** A draft as it crosses threads: structured cloning keeps a DateTime's fields but not its class. */
export type WireDraft = Omit<Draft, "fm"> & { fm: Omit<Draft["fm"], "date" | "updated"> & { date: string; updated?: string | undefined } };

export function toWire(parsed: Parsed<Draft>): Parsed<WireDraft> {
  const d = parsed.value;
  if (!d) return { value: undefined, problems: parsed.problems };
  return { value: { ...d, fm: { ...d.fm, date: d.fm.date.toISO() ?? "", updated: d.fm.updated?.toISO() ?? undefined } }, problems: parsed.problems };
}

function fromWire(parsed: Parsed<WireDraft>): Parsed<Draft> {
  const d = parsed.value;
  if (!d) return { value: undefined, problems: parsed.problems };
  const { updated, ...fm } = d.fm;
  const read = (iso: string) => DateTime.fromISO(iso, { setZone: true });
  return { value: { ...d, fm: { ...fm, date: read(fm.date), ...(updated !== undefined ? { updated: read(updated) } : {}) } }, problems: parsed.problems };
}

export const utf8 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");

/** The worker runs TypeScript like this process: through tsx, registered in the worker before the module loads. */
const BOOT = `import { register } from ${JSON.stringify(import.meta.resolve("tsx/esm/api"))};
register();
await import(${JSON.stringify(new URL("./article-worker.ts", import.meta.url).href)});`;

/** Parses the job's files in a worker. A failure there is a bug, as it would be here: it fails the load. */
function inWorker(job: ArticleJob): Promise<Parsed<WireDraft>[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(BOOT)}`), { workerData: job });
    worker.once("message", (result: Parsed<WireDraft>[]) => resolve(result));
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the article worker stopped (exit code ${code}) without a result`)));
  });
}

/** Parses `files` from the snapshot, with a worker's help when there are at least `minimum` of them. */
export async function parseArticles(
  snapshot: ContentSnapshot,
  files: readonly string[],
  context: Omit<ArticleJob, "files">,
  parse: ParseFile<Draft>,
  minimum = WORKER_MINIMUM,
): Promise<Parsed<Draft>[]> {
  const bytes = (file: string) => snapshot.files.get(file) ?? new Uint8Array();
  const split = files.length >= minimum ? Math.round(files.length * (1 - WORKER_SHARE)) : files.length;
  const later = files.slice(split);
  const fromWorker = later.length ? inWorker({ ...context, files: later.map((f) => [f, bytes(f)]) }) : Promise.resolve([]);
  const here = files.slice(0, split).map((file) => parse(file, utf8(bytes(file))));
  return [...here, ...(await fromWorker).map(fromWire)];
}
