import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, utimes, writeFile } from "node:fs/promises";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lockOutput, processStart, type LockHolder } from "../../../scripts/lib/build/output-lock.ts";

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "broadsheet-lock-"));
  file = path.join(dir, "._site.lock");
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** The PID of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

const holder = (over: Partial<LockHolder>): string =>
  JSON.stringify({ pid: process.pid, host: os.hostname(), since: "2025-01-01T00:00:00.000Z", ...over });

describe("the output lock", () => {
  it("names its holder, and makes a second build wait until the first releases it", async () => {
    const first = await lockOutput(file);
    expect(JSON.parse(await readFile(file, "utf8"))).toMatchObject({ pid: process.pid, host: os.hostname() });
    const waitedFor: number[] = [];
    let secondHasIt = false;
    const second = lockOutput(file, { pollMs: 10, onWait: (h) => waitedFor.push(h.pid) }).then((lock) => {
      secondHasIt = true;
      return lock;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(secondHasIt).toBe(false);
    expect(waitedFor).toEqual([process.pid]);
    await first.release();
    await (await second).release();
    expect(secondHasIt).toBe(true);
    await expect(readFile(file)).rejects.toThrow(/ENOENT/);
  });

  it("takes over the lock of a build that is no longer running", async () => {
    const pid = deadPid();
    await writeFile(file, holder({ pid }));
    const takenFrom: (number | undefined)[] = [];
    const lock = await lockOutput(file, { onTakeOver: (h) => takenFrom.push(h?.pid) });
    expect(takenFrom).toEqual([pid]);
    expect(JSON.parse(await readFile(file, "utf8"))).toMatchObject({ pid: process.pid });
    lock.releaseSync();
    await expect(readFile(file)).rejects.toThrow(/ENOENT/);
  });

  it.runIf(processStart(process.pid) !== undefined)("tells a reused PID from the build that held the lock", async () => {
    // This process's PID, but a start time that is not this process's: the holder has gone and its PID was reused.
    await writeFile(file, holder({ processStart: "1" }));
    const lock = await lockOutput(file, { pollMs: 10 });
    await lock.release();
  });

  it("never takes a lock held on another machine", async () => {
    await writeFile(file, holder({ pid: deadPid(), host: `not-${os.hostname()}` }));
    let waited = false;
    const attempt = lockOutput(file, { pollMs: 10, onWait: () => (waited = true) });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(waited).toBe(true);
    await rm(file);
    await (await attempt).release();
  });

  it("gives an unreadable lock a few seconds before taking it over", async () => {
    await writeFile(file, "");
    let done = false;
    const attempt = lockOutput(file, { pollMs: 10 }).then((l) => ((done = true), l));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(done).toBe(false);
    const old = new Date(Date.now() - 60_000);
    await utimes(file, old, old);
    await (await attempt).release();
    expect(done).toBe(true);
  });

  it("releases only its own lock", async () => {
    const lock = await lockOutput(file);
    await writeFile(file, holder({ pid: process.pid + 1 }));
    await lock.release();
    lock.releaseSync();
    expect(JSON.parse(await readFile(file, "utf8"))).toMatchObject({ pid: process.pid + 1 });
  });
});
