/**
 * One build at a time per output path. The build under way holds a lock file
 * beside the output (output-layout.ts) naming its process; a second build
 * waits until the first is done. A lock whose process is gone (a build killed
 * with SIGKILL, a machine restarted) is stale and taken over.
 *
 * The file is created with O_EXCL, so of two builds starting together one
 * gets it. A stale lock is moved aside before it is removed, and only when
 * the file moved is the one judged stale (same inode): two builds taking over
 * the same stale lock cannot both win. `tryLock` takes such a lock without
 * waiting, for what one build at a time may use but another can do without
 * (the build cache of rendered pages).
 */
import { readFileSync, unlinkSync } from "node:fs";
import { link, lstat, open, readFile, rename, unlink, writeFile } from "node:fs/promises";
import os from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { isRunning } from "../util/processes.ts";

export interface LockHolder {
  pid: number;
  host: string;
  /** When the holder took the lock, ISO 8601. */
  since: string;
  /** The holder's start time in clock ticks since boot (Linux): tells a reused PID from the holder. */
  processStart?: string;
}

export interface OutputLock {
  release(): Promise<void>;
  /** For signal handlers, which cannot wait. */
  releaseSync(): void;
}

export interface LockOptions {
  /** Called once when the lock is held by a running build and this one starts waiting. */
  onWait?: (holder: LockHolder) => void;
  /** Called when a stale lock is taken over. */
  onTakeOver?: (holder: LockHolder | undefined) => void;
  pollMs?: number;
}

/** A process's start time from /proc (field 22 of its stat line), or undefined where there is no /proc. */
export function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces; fields after it are plain.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

/** Whether `holder` is a build on another machine: its process cannot be checked from here, so only a person can tell its lock is stale. */
export const onAnotherMachine = (holder: LockHolder): boolean => holder.host !== os.hostname();

/** Whether the build that wrote `holder` may still be running. A lock from another machine is never judged. */
export function holderAlive(holder: LockHolder): boolean {
  if (onAnotherMachine(holder)) return true;
  if (!isRunning(holder.pid)) return false;
  const start = holder.processStart === undefined ? undefined : processStart(holder.pid);
  return start === undefined || start === holder.processStart;
}

/** How long an unreadable lock (its writer killed between creating and writing it) is given before it counts as stale. */
const UNREADABLE_GRACE_MS = 5000;

type Held = { holder: LockHolder | undefined; ino: number; ageMs: number };

async function readLock(file: string): Promise<Held | undefined> {
  let handle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    const stats = await handle.stat();
    const text = await handle.readFile("utf8");
    let holder: LockHolder | undefined;
    try {
      const parsed = JSON.parse(text) as Partial<LockHolder>;
      if (typeof parsed.pid === "number" && typeof parsed.host === "string") holder = parsed as LockHolder;
    } catch {
      holder = undefined;
    }
    return { holder, ino: stats.ino, ageMs: Date.now() - stats.mtimeMs };
  } finally {
    await handle.close();
  }
}

/** Removes the lock at `file` if it is still the one with inode `ino`; puts back one taken by mistake. */
async function removeStale(file: string, ino: number): Promise<void> {
  const aside = `${file}.stale-${process.pid}`;
  try {
    await rename(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  if ((await lstat(aside)).ino !== ino) {
    // Another build took the stale lock over between our look and our move: give it back.
    await link(aside, file).catch(() => {});
  }
  await unlink(aside);
}

/** This process as a lock file names it. */
function lockText(): string {
  const start = processStart(process.pid);
  const me: LockHolder = {
    pid: process.pid,
    host: os.hostname(),
    since: new Date().toISOString(),
    ...(start ? { processStart: start } : {}),
  };
  return `${JSON.stringify(me)}\n`;
}

/** Writes `text` as the lock at `file`, taking over a stale one; returns the lock held by a running build instead, if any. */
async function takeUnlessHeld(file: string, text: string, options: LockOptions): Promise<Held | undefined> {
  for (;;) {
    try {
      await writeFile(file, text, { flag: "wx" });
      return undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const held = await readLock(file);
    if (!held) continue;
    const stale = held.holder ? !holderAlive(held.holder) : held.ageMs > UNREADABLE_GRACE_MS;
    if (!stale) return held;
    options.onTakeOver?.(held.holder);
    await removeStale(file, held.ino);
  }
}

/** The lock at `file`, written as `text` by this process. */
function heldLock(file: string, text: string): OutputLock {
  const ours = () => {
    try {
      return readFileSync(file, "utf8") === text;
    } catch {
      return false;
    }
  };
  return {
    release: async () => {
      if ((await readFile(file, "utf8").catch(() => "")) === text) await unlink(file).catch(() => {});
    },
    releaseSync: () => {
      if (ours()) unlinkSync(file);
    },
  };
}

/** Takes the lock at `file`, waiting while a running build holds it. */
export async function lockOutput(file: string, options: LockOptions = {}): Promise<OutputLock> {
  const text = lockText();
  let waiting = false;
  for (;;) {
    const held = await takeUnlessHeld(file, text, options);
    if (!held) return heldLock(file, text);
    if (!waiting && held.holder) options.onWait?.(held.holder);
    waiting = true;
    await sleep(options.pollMs ?? 200);
  }
}

/** Takes the lock at `file` without waiting: undefined while a running build holds it (a stale lock is taken over). */
export async function tryLock(file: string): Promise<OutputLock | undefined> {
  const text = lockText();
  return (await takeUnlessHeld(file, text, {})) ? undefined : heldLock(file, text);
}
