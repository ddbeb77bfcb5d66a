/**
 * The build cache of rendered pages (`.cache/pages/`): every article and list
 * page the last build published, hard-linked under its key (pages/page-keys.ts),
 * so a rebuild renders only the pages whose key is new and links the others
 * into the site. Adding one article changes its own page, its neighbours'
 * further reading and the list pages it joins; the rest of the archive is
 * linked, not rendered.
 *
 * An index records each entry's size, modification time and CRC-32 when it
 * was stored: an entry changed since (a tool that rewrote the published page
 * in place, which a hard link shares) is rendered again rather than trusted.
 * An entry whose time alone changed (a cache restored by copying, as
 * Netlify's is) is read and taken if its CRC-32 is the one recorded. For an
 * article page that shows the site's "Latest" rail, the index also records
 * which rail it shows and where it is in the page, so that a build whose only
 * change to the page is that rail splices the new one in.
 * Entries are added as a build renders; once it has succeeded, the index is
 * replaced (written to a temporary name and renamed) and the entries it did
 * not use are removed, so the store holds the last build's pages. A build
 * that stops leaves the last index as it was; the entries it added are not in
 * it, and the next build that succeeds removes them. One build uses the store
 * at a time (a lock file naming its process): another build of the same
 * content meanwhile, to another output, renders every page and stores none,
 * rather than remove entries the first is linking. The lock is the output
 * lock's (output-lock.ts), taken without waiting.
 */
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { mkdir, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { crc32 } from "node:zlib";
import { railRange, withRail, type RailRange } from "../pages/rail-range.ts";
import { boundedQueue } from "../util/bounded-queue.ts";
import { linkOrCopy, linkOrCopySync } from "../util/link-tree.ts";
import { tryLock } from "./output-lock.ts";
import type { PageWeight } from "./page-budgets.ts";

const INDEX = "index.json";
const LOCK = "lock";
const KEY = /^[0-9a-f]{32}$/;
/** Links in flight: enough to keep the thread pool busy. */
const IN_FLIGHT = 16;

/** The site's rail an article page shows (its digest, pages/page-keys.ts) and where it is in the page. */
type RailShown = readonly [digest: string, start: number, end: number];

/** An entry's size, modification time (ns) and CRC-32 when it was stored, an article page's weight and the site rail it shows. */
type Stamp = [size: number, mtimeNs: string, crc: number, weight?: PageWeight | null, rail?: RailShown | null];

/** A page of the site by its key and its file. */
export type StoredPage = readonly [key: string, file: string];

export interface PageStore {
  /** Those of `keys` whose page is stored, unchanged since. */
  usable(keys: Iterable<string>): Set<string>;
  /** Puts the stored pages into the site. */
  place(pages: readonly StoredPage[]): Promise<void>;
  /**
   * Stores the pages, just written to the site, under their keys; those of
   * `siteRail.keys` show the site rail of digest `siteRail.digest`. A page
   * `written` knows (by its file) is stamped from what was written, not read back.
   */
  keep(
    pages: readonly StoredPage[],
    siteRail?: { keys: ReadonlySet<string>; digest: string },
    written?: ReadonlyMap<string, WrittenPage>,
  ): void;
  /** The digest of the site rail a stored page shows, when the index knows where it is in the page. */
  railOf(key: string): string | undefined;
  /**
   * Writes the stored pages into the site with the site rail `rail` (its HTML)
   * in place of the one they show. Synchronous: the main thread has nothing
   * else to do meanwhile, and seven thread-pool round trips a page cost more
   * than the reads and writes themselves.
   */
  splice(pages: readonly StoredPage[], rail: Buffer): void;
  /** The weight recorded with a stored article page. */
  weightOf(key: string): PageWeight | undefined;
  /** Records article pages' weights with the pages this build placed and kept. */
  noteWeights(weights: readonly (readonly [key: string, weight: PageWeight])[]): void;
  /** Makes the pages this build placed and kept the store, and removes the others; a failure leaves the store to the next build. */
  commit(): Promise<void>;
  /** Lets another build use the store (after `commit`, or instead of it when the build failed). */
  release(): void;
}

/** One buffer for every page read to be checksummed: a buffer for each page made as much short-lived memory as the whole site's pages. */
let scratch = Buffer.alloc(256 * 1024);

/** A file's bytes, in `scratch` until the next read. */
function readScratch(file: string): Buffer {
  const fd = openSync(file, "r");
  try {
    let length = 0;
    for (;;) {
      if (length === scratch.length) scratch = Buffer.concat([scratch, Buffer.alloc(scratch.length)]);
      const got = readSync(fd, scratch, length, scratch.length - length, length);
      if (got === 0) return scratch.subarray(0, length);
      length += got;
    }
  } finally {
    closeSync(fd);
  }
}

const crcOf = (file: string): number => crc32(readScratch(file));

/** What the build knows of a page it wrote (rendered or spliced), from the bytes it wrote: its size, its CRC-32 and where the site rail is, if it shows one. */
export interface WrittenPage {
  size: number;
  crc: number;
  rail?: RailRange;
}

/**
 * A page's stamp as the index records it, from what is known of its bytes
 * (the file is only statted, for its time), with where the site rail of
 * digest `rail` is, for a page that shows it.
 */
function stampOfWritten(file: string, { size, crc, rail: range }: WrittenPage, rail?: string): Stamp {
  return [size, String(statSync(file, { bigint: true }).mtimeNs), crc, null, rail !== undefined && range ? [rail, ...range] : null];
}

/** `stampOfWritten` for a page whose bytes this build does not have: the file is read back. */
function stampOf(file: string, rail?: string): Stamp {
  const page = readScratch(file);
  const range = rail === undefined ? undefined : railRange(page);
  return stampOfWritten(file, { size: page.length, crc: crc32(page), ...(range ? { rail: range } : {}) }, rail);
}

function readStamps(dir: string): Map<string, Stamp> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path.join(dir, INDEX), "utf8"));
    if (typeof parsed !== "object" || parsed === null) return new Map();
    return new Map(
      Object.entries(parsed).filter(
        (entry): entry is [string, Stamp] =>
          KEY.test(entry[0]) &&
          Array.isArray(entry[1]) &&
          typeof entry[1][0] === "number" &&
          typeof entry[1][1] === "string" &&
          typeof entry[1][2] === "number" &&
          (entry[1][3] == null || isWeight(entry[1][3])) &&
          (entry[1][4] == null || isRailShown(entry[1][4], entry[1][0])),
      ),
    );
  } catch {
    return new Map();
  }
}

function isWeight(value: unknown): value is PageWeight {
  if (typeof value !== "object" || value === null) return false;
  const w = value as Record<string, unknown>;
  return (
    typeof w.url === "string" &&
    typeof w.file === "string" &&
    ["budget", "html", "css", "total"].every((field) => typeof w[field] === "number")
  );
}

/** A stamp without the weight and rail it does not have, as the index holds it. */
function trimmed(stamp: Stamp): Stamp {
  const [size, mtimeNs, crc, weight, rail] = stamp;
  if (rail) return [size, mtimeNs, crc, weight ?? null, rail];
  return weight ? [size, mtimeNs, crc, weight] : [size, mtimeNs, crc];
}

/** A rail record that fits in a page of `size` bytes. */
function isRailShown(value: unknown, size: number): value is RailShown {
  return (
    Array.isArray(value) &&
    typeof value[0] === "string" &&
    Number.isInteger(value[1]) &&
    Number.isInteger(value[2]) &&
    0 <= value[1] &&
    value[1] <= value[2] &&
    value[2] <= size
  );
}

/** Runs `work` on each item, a few at a time. */
async function each<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  const queue = boundedQueue(IN_FLIGHT, work);
  queue.push(items);
  await queue.done();
}

/** The store another build holds: nothing is taken from it or added to it. */
const inUse: PageStore = {
  usable: () => new Set(),
  place: async () => {},
  keep: () => {},
  railOf: () => undefined,
  splice: () => {},
  weightOf: () => undefined,
  noteWeights: () => {},
  commit: async () => {},
  release: () => {},
};

export async function openPageStore(dir: string): Promise<PageStore> {
  mkdirSync(dir, { recursive: true });
  const lock = await tryLock(path.join(dir, LOCK));
  if (!lock) return inUse;
  let locked = true;
  const stored = readStamps(dir);
  const kept = new Map<string, Stamp>();
  const spliced = new Map<string, WrittenPage>();
  const entry = (key: string) => path.join(dir, key);

  return {
    usable(keys) {
      const usable = new Set<string>();
      for (const key of keys) {
        const was = stored.get(key);
        if (!was) continue;
        const now = statSync(entry(key), { bigint: true, throwIfNoEntry: false });
        if (!now || Number(now.size) !== was[0]) continue;
        if (String(now.mtimeNs) !== was[1]) {
          if (crcOf(entry(key)) !== was[2]) continue;
          const restored: Stamp = [...was];
          restored[1] = String(now.mtimeNs);
          stored.set(key, restored);
        }
        usable.add(key);
      }
      return usable;
    },
    async place(pages) {
      await each(pages, async ([key, file]) => {
        await mkdir(path.dirname(file), { recursive: true });
        await linkOrCopy(entry(key), file);
        const [size, mtimeNs, crc, , rail] = stored.get(key) ?? stampOf(entry(key));
        kept.set(key, [size, mtimeNs, crc, null, rail]);
      });
    },
    weightOf: (key) => stored.get(key)?.[3] ?? undefined,
    noteWeights(weights) {
      for (const [key, weight] of weights) {
        const stamp = kept.get(key);
        if (stamp) kept.set(key, [stamp[0], stamp[1], stamp[2], weight, stamp[4]]);
      }
    },
    railOf: (key) => stored.get(key)?.[4]?.[0],
    splice(pages, rail) {
      for (const [key, file] of pages) {
        const shown = stored.get(key)?.[4];
        if (!shown) throw new Error(`no site rail recorded for the stored page ${file}`);
        const [, start, end] = shown;
        const page = withRail(readScratch(entry(key)), [start, end], rail);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, page);
        spliced.set(key, { size: page.length, crc: crc32(page), rail: [start, start + rail.length] });
      }
    },
    keep(pages, siteRail, written) {
      for (const [key, file] of pages) {
        try {
          linkOrCopySync(file, entry(key));
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
          // An entry already under the key was changed since it was stored, or left by a build that stopped: replaced.
          unlinkSync(entry(key));
          linkOrCopySync(file, entry(key));
        }
        const rail = siteRail?.keys.has(key) ? siteRail.digest : undefined;
        const known = spliced.get(key) ?? written?.get(file);
        kept.set(key, known ? stampOfWritten(entry(key), known, rail) : stampOf(entry(key), rail));
      }
    },
    async commit() {
      const temporary = path.join(dir, `${INDEX}.${process.pid}.tmp`);
      try {
        await writeFile(temporary, JSON.stringify(Object.fromEntries([...kept].map(([key, stamp]) => [key, trimmed(stamp)]))));
        renameSync(temporary, path.join(dir, INDEX));
        const unused = readdirSync(dir).filter(
          (name) => (KEY.test(name) && !kept.has(name)) || (name.endsWith(".tmp") && name !== path.basename(temporary)),
        );
        await each(unused, (name) => unlink(entry(name)).catch(() => {}));
      } catch {
        // The site is published; a store that could not be replaced only makes the next build render more.
      }
    },
    release() {
      if (!locked) return;
      locked = false;
      lock.releaseSync();
    },
  };
}
