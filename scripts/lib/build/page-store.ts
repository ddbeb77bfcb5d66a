/**
 * The build cache of rendered pages (`.cache/pages/`): every article and list
 * page the last build published, hard-linked under its key (pages/page-keys.ts),
 * so a rebuild renders only the pages whose key is new and links the others
 * into the site. Adding one article changes its own page, its neighbours'
 * further reading and the list pages it joins; the rest of the archive is
 * linked, not rendered.
 *
 * `current/` holds the last build's pages and an index of each entry's size
 * and modification time when it was stored: an entry changed since (a tool
 * that rewrote the published page in place, which a hard link shares) is
 * rendered again rather than trusted. A build gathers its own pages in a
 * folder named for its process, which replaces `current/` once the build has
 * succeeded; the old one is removed in the background, so the store holds
 * exactly the last build's pages. A build that stops leaves `current/` as it
 * was; what a killed build left is cleared by the next.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { copyFile, link, mkdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { boundedQueue } from "../util/bounded-queue.ts";
import { isRunning } from "../util/processes.ts";
import { renameIfThere } from "../util/rename-if-there.ts";

const CURRENT = "current";
const INDEX = "index.json";
const BUILDING = /^\.(?:tmp|old)-(\d+)-/;
/** Links and stats in flight: enough to keep the thread pool busy. */
const IN_FLIGHT = 16;

/** An entry's size and modification time (ns) when it was stored. */
type Stamp = [size: number, mtimeNs: string];

export interface PageStore {
  /** Those of `keys` whose page is stored, unchanged since. */
  usable(keys: Iterable<string>): Promise<Set<string>>;
  /** Puts the stored pages of `pages` (key, file in the site) into the site, and into this build's store. */
  place(pages: readonly (readonly [key: string, file: string])[]): Promise<void>;
  /** Stores the pages of `pages`, just written to the site, under their keys. */
  keep(pages: readonly (readonly [key: string, file: string])[]): Promise<void>;
  /** Makes this build's pages the store; returns the folder of the last build's, for the caller to remove. */
  commit(): Promise<string[]>;
  /** Forgets this build's pages: the store stays the last build's. */
  discard(): void;
}

/** A hard link where the file system allows, a copy otherwise. */
async function linkOrCopy(from: string, to: string): Promise<void> {
  await link(from, to).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "EXDEV" || error.code === "EPERM") return copyFile(from, to);
    throw error;
  });
}

async function stampOf(file: string): Promise<Stamp> {
  const { size, mtimeNs } = await stat(file, { bigint: true });
  return [Number(size), String(mtimeNs)];
}

function readStamps(dir: string): Map<string, Stamp> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path.join(dir, INDEX), "utf8"));
    if (typeof parsed !== "object" || parsed === null) return new Map();
    const entries = Object.entries(parsed).filter(
      (entry): entry is [string, Stamp] =>
        /^[0-9a-f]{32}$/.test(entry[0]) && Array.isArray(entry[1]) && typeof entry[1][0] === "number" && typeof entry[1][1] === "string",
    );
    return new Map(entries);
  } catch {
    return new Map();
  }
}

/** Runs `work` on each item, a few at a time. */
async function each<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  const queue = boundedQueue(IN_FLIGHT, work);
  queue.push(items);
  await queue.done();
}

/** Removes what builds that are no longer running left in `dir`. */
function clearLeftovers(dir: string): void {
  for (const name of readdirSync(dir)) {
    const pid = BUILDING.exec(name)?.[1];
    if (pid !== undefined && !isRunning(Number(pid))) rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}

export function openPageStore(dir: string): PageStore {
  mkdirSync(dir, { recursive: true });
  clearLeftovers(dir);
  const current = path.join(dir, CURRENT);
  const stored = readStamps(current);
  const next = path.join(dir, `.tmp-${process.pid}-${randomBytes(6).toString("hex")}`);
  mkdirSync(next);
  const kept = new Map<string, Stamp>();
  let open = true;

  return {
    async usable(keys) {
      const usable = new Set<string>();
      const candidates = [...new Set(keys)].filter((key) => stored.has(key));
      await each(candidates, async (key) => {
        const was = stored.get(key);
        const now = await stampOf(path.join(current, key)).catch(() => undefined);
        if (was && now && now[0] === was[0] && now[1] === was[1]) usable.add(key);
      });
      return usable;
    },
    async place(pages) {
      await each(pages, async ([key, file]) => {
        const entry = path.join(current, key);
        await mkdir(path.dirname(file), { recursive: true });
        await linkOrCopy(entry, file);
        if (!kept.has(key)) {
          kept.set(key, stored.get(key) ?? (await stampOf(entry)));
          await linkOrCopy(entry, path.join(next, key));
        }
      });
    },
    async keep(pages) {
      await each(pages, async ([key, file]) => {
        if (kept.has(key)) return;
        const entry = path.join(next, key);
        await linkOrCopy(file, entry);
        kept.set(key, await stampOf(entry));
      });
    },
    async commit() {
      open = false;
      const old = path.join(dir, `.old-${process.pid}-${randomBytes(6).toString("hex")}`);
      try {
        await writeFile(path.join(next, INDEX), JSON.stringify(Object.fromEntries(kept)));
        const replaced = renameIfThere(current, old);
        renameSync(next, current);
        return replaced ? [old] : [];
      } catch {
        // Another build to another output from the same content committed first: its pages are as good.
        rmSync(next, { recursive: true, force: true });
        return [];
      }
    },
    discard() {
      if (!open) return;
      open = false;
      rmSync(next, { recursive: true, force: true });
    },
  };
}
