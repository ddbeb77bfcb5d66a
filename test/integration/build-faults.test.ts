/**
 * Fault injection: real builds killed at every phase with SIGKILL (which no
 * handler sees), stopped with SIGINT and SIGTERM, and run two at a time. After
 * each, the output path must serve a whole site, the old one or the new one,
 * and the next build must clear what the killed one left. The builds keep
 * their scratch folders in a folder of this file's own (BROADSHEET_SCRATCH):
 * in the shared /dev/shm, a build of another test file running meanwhile
 * cleared what a build killed here left, and said so on its stderr.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { appendFile, chmod, lstat, mkdtemp, readdir, readFile, readlink, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SITE_MARKER } from "../../scripts/lib/build/output-guard.ts";
import { build, copyFixture, PROJECT, type Fixture } from "../helpers/site.ts";
import { eventually } from "../helpers/eventually.ts";

const NOW = "2025-04-01T00:00:00Z";
const TIMEOUT = 180_000;

interface RunningBuild {
  child: ChildProcess;
  stderr: () => string;
  /** Resolves once stderr holds `text`; rejects if the build ends first. */
  said: (text: string | RegExp) => Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startBuild(root: string, out: string, env: NodeJS.ProcessEnv = {}): RunningBuild {
  const child = spawn(process.execPath, [path.join(PROJECT, "scripts/build.ts"), "--content", root, "--out", out], {
    cwd: PROJECT,
    env: { ...process.env, BUILD_NOW: NOW, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  const listeners = new Set<() => void>();
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
    for (const l of listeners) l();
  });
  child.stdout?.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal })),
  );
  const said = (text: string | RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (typeof text === "string" ? stderr.includes(text) : text.test(stderr)) {
          listeners.delete(check);
          resolve();
        }
      };
      listeners.add(check);
      check();
      void exited.then(() => reject(new Error(`the build ended before saying ${String(text)}:\n${stderr}`)));
    });
  return { child, stderr: () => stderr, said, exited };
}

/** Every file served at `out` (through its link) with a hash of its bytes. */
async function tree(out: string): Promise<Map<string, string>> {
  const entries = await readdir(out, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.relative(out, path.join(e.parentPath, e.name)));
  const hashes = await Promise.all(
    files.map(async (f) =>
      createHash("sha256")
        .update(await readFile(path.join(out, f)))
        .digest("hex"),
    ),
  );
  return new Map(files.map((f, i) => [f, hashes[i] ?? ""]));
}

let fixture: Fixture;
/** The site built from the content before the edit (A), and the paths a build of the edited content (B) has. */
let siteA: Map<string, string>;
let pathsB: string[];
let hashB: string;

const contentHashOf = async (out: string) =>
  (JSON.parse(await readFile(path.join(out, "pagefind/build-info.json"), "utf8")) as { contentHash: string }).contentHash;

/** What the output path serves is the whole of A or the whole of B. */
async function expectWholeSite(out: string): Promise<"A" | "B"> {
  const served = await tree(out);
  if (served.size === siteA.size && [...siteA].every(([f, h]) => served.get(f) === h)) return "A";
  expect([...served.keys()].sort()).toEqual(pathsB);
  expect(await contentHashOf(out)).toBe(hashB);
  expect(served.has(SITE_MARKER)).toBe(true);
  return "B";
}

/**
 * Nothing of a stopped build is left beside the output: one build folder (the linked one, once the site it replaced
 * is removed in the background), no next link, no lock, no scratch folder of `pids`.
 */
async function expectNoLeftovers(out: string, pids: readonly number[] = []): Promise<void> {
  const parent = path.dirname(out);
  expect((await readdir(parent)).filter((n) => n.startsWith("._site")).sort()).toEqual(["._site.builds"]);
  const linked = path.basename(await readlink(out));
  await eventually(async () => expect(await readdir(path.join(parent, "._site.builds"))).toEqual([linked]));
  const left = await readdir(scratch);
  for (const pid of pids) expect(left.filter((n) => n.startsWith(`broadsheet-search-${pid}-`))).toEqual([]);
}

const processesMatching = async (token: string): Promise<number[]> => {
  const pids: number[] = [];
  for (const pid of await readdir("/proc").catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
    // A zombie (exited, not yet reaped) has an empty command line.
    if (cmdline.includes(token)) pids.push(Number(pid));
  }
  return pids;
};

/** This file's scratch root, in memory like /dev/shm where there is one; set for every build this file starts. */
let scratch = "";

beforeAll(async () => {
  scratch = await mkdtemp(path.join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "broadsheet-faults-"));
  process.env.BROADSHEET_SCRATCH = scratch;
  fixture = await copyFixture();
  const a = await build(fixture.root, fixture.out);
  if (a.code !== 0) throw new Error(a.stderr);
  siteA = await tree(fixture.out);
  // Content B: an edited headline and a new article.
  const article = path.join(fixture.root, "src/articles/2025-03-14-tide-gauges-to-be-replaced.md");
  await writeFile(article, (await readFile(article, "utf8")).replace(/^title: .*$/m, "title: Tide gauges replaced at last"));
  await writeFile(
    path.join(fixture.root, "src/articles/2025-03-19-a-new-story.md"),
    "---\ntitle: A new story\ndate: 2025-03-19\nsection: world\nauthors: [ada]\n---\n\nA new story for the second build.\n",
  );
  const reference = path.join(path.dirname(fixture.out), "reference-b");
  const b = await build(fixture.root, reference);
  if (b.code !== 0) throw new Error(b.stderr);
  pathsB = [...(await tree(reference)).keys()].sort();
  hashB = await contentHashOf(reference);
}, TIMEOUT);
afterAll(async () => {
  await fixture.cleanup();
  await rm(scratch, { recursive: true, force: true });
});

describe("a build killed with SIGKILL", () => {
  it.each(["content", "render", "index", "publish"])(
    "at %s leaves the previous site served whole, and the next build clears what it left",
    async (phase) => {
      const killed = startBuild(fixture.root, fixture.out, { BROADSHEET_PAUSE_AT: phase });
      await killed.said(`Paused at ${phase}`);
      killed.child.kill("SIGKILL");
      expect((await killed.exited).signal).toBe("SIGKILL");
      expect(await expectWholeSite(fixture.out)).toBe("A");
      // Killed while indexing, it leaves its search documents' scratch folder in this file's scratch root.
      if (phase === "index")
        expect((await readdir(scratch)).some((n) => n.startsWith(`broadsheet-search-${killed.child.pid}-`))).toBe(true);
      // What it left: its lock, and its build folder once it had one.
      expect(existsSync(path.join(path.dirname(fixture.out), "._site.lock"))).toBe(true);

      // The next build takes the stale lock over and removes the rest; nothing of it survives a second build either.
      const next = startBuild(fixture.root, path.join(path.dirname(fixture.out), "_site"), { BROADSHEET_PAUSE_AT: "content" });
      await next.said("Paused at content");
      expect(next.stderr()).toMatch(new RegExp(`no longer running \\(PID ${killed.child.pid}\\)`));
      next.child.kill("SIGKILL");
      await next.exited;
      await expectNoLeftoversOf(killed.child.pid ?? 0);
      expect(await expectWholeSite(fixture.out)).toBe("A");
    },
    TIMEOUT,
  );

  /** The killed build's build folder (removed in the background) and scratch folder are gone (the lock of the build killed after it may remain). */
  async function expectNoLeftoversOf(pid: number): Promise<void> {
    const parent = path.dirname(fixture.out);
    await eventually(async () => {
      const builds = await readdir(path.join(parent, "._site.builds"));
      expect(builds.filter((b) => b.includes(`-${pid}-`))).toEqual([]);
    });
    expect((await readdir(parent)).filter((n) => n.startsWith("._site.next-"))).toEqual([]);
    const left = await readdir(scratch);
    expect(left.filter((n) => n.startsWith(`broadsheet-search-${pid}-`))).toEqual([]);
  }

  it(
    "at random instants always leaves a whole site, old or new",
    async () => {
      const started = performance.now();
      const timed = await build(fixture.root, path.join(path.dirname(fixture.out), "timing"));
      expect(timed.code, timed.stderr).toBe(0);
      const duration = performance.now() - started;
      const pids: number[] = [];
      // Spread over the whole run, from the start to just past the end, so every phase is hit somewhere.
      for (const fraction of [0.1, 0.3, 0.5, 0.65, 0.8, 0.9, 0.97, 1.05]) {
        const run = startBuild(fixture.root, fixture.out);
        pids.push(run.child.pid ?? 0);
        await new Promise((resolve) => setTimeout(resolve, duration * fraction));
        run.child.kill("SIGKILL");
        await run.exited;
        await expectWholeSite(fixture.out);
      }
      const last = await build(fixture.root, fixture.out);
      expect(last.code, last.stderr).toBe(0);
      expect(await expectWholeSite(fixture.out)).toBe("B");
      await expectNoLeftovers(fixture.out, pids);
    },
    TIMEOUT * 2,
  );

  it.runIf(existsSync("/usr/bin/setpriv") || existsSync("/bin/setpriv"))(
    "takes its Pagefind processes with it",
    async () => {
      const token = `${process.pid}.${Date.now() % 100000}`;
      const slow = path.join(path.dirname(fixture.out), "slow-pagefind");
      await writeFile(slow, `#!/bin/sh\nexec sleep ${token}\n`);
      await chmod(slow, 0o755);
      const run = startBuild(fixture.root, fixture.out, { PAGEFIND_BINARY_PATH: slow });
      for (let i = 0; i < 600 && (await processesMatching(token)).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await processesMatching(token)).not.toEqual([]);
      run.child.kill("SIGKILL");
      await run.exited;
      for (let i = 0; i < 40 && (await processesMatching(token)).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await processesMatching(token)).toEqual([]);
    },
    TIMEOUT,
  );
});

describe("a build stopped with SIGINT or SIGTERM", () => {
  it.each([
    ["SIGINT", "render", 130],
    ["SIGTERM", "index", 143],
    ["SIGTERM", "publish", 143],
  ] as const)(
    "%s at %s removes everything it wrote, stops its children and exits %i",
    async (signal, phase, status) => {
      const before = await tree(fixture.out);
      const run = startBuild(fixture.root, fixture.out, { BROADSHEET_PAUSE_AT: phase });
      await run.said(`Paused at ${phase}`);
      run.child.kill(signal);
      const { code } = await run.exited;
      expect(code).toBe(status);
      expect(run.stderr()).toMatch(new RegExp(`Build stopped \\(${signal}\\)`));
      expect(await tree(fixture.out)).toEqual(before);
      await expectNoLeftovers(fixture.out, [run.child.pid ?? 0]);
      expect(existsSync(path.join(path.dirname(fixture.out), "._site.lock"))).toBe(false);
    },
    TIMEOUT,
  );

  it(
    "SIGINT while the content loads leaves the build cache of parsed articles as it found it, for the next build",
    async () => {
      const articles = path.join(fixture.root, ".cache", "articles");
      const before = (await readdir(articles)).sort();
      expect(before.filter((name) => name.startsWith("pack-"))).not.toEqual([]);
      const run = startBuild(fixture.root, fixture.out, { BROADSHEET_PAUSE_AT: "content" });
      await run.said("Paused at content");
      run.child.kill("SIGINT");
      expect((await run.exited).code).toBe(130);
      expect((await readdir(articles)).sort()).toEqual(before);
      const next = await build(fixture.root, fixture.out);
      expect(next.stdout).toMatch(/Article files: 0 parsed, [1-9]\d* from the cache\./);
    },
    TIMEOUT,
  );
});

describe("two builds into one output", () => {
  it(
    "the second waits for the first, says so, and publishes after it",
    async () => {
      const first = startBuild(fixture.root, fixture.out, { BROADSHEET_PAUSE_AT: "render" });
      await first.said("Paused at render");
      const second = startBuild(fixture.root, fixture.out);
      await second.said(new RegExp(`Another build \\(PID ${first.child.pid}, started .*\\) is publishing to .*_site; waiting`));
      first.child.kill("SIGTERM");
      expect((await first.exited).code).toBe(143);
      expect((await second.exited).code, second.stderr()).toBe(0);
      expect(await expectWholeSite(fixture.out)).toBe("B");
      await expectNoLeftovers(fixture.out);
    },
    TIMEOUT,
  );

  it(
    "waits for a lock left from another machine, saying which file to delete if no build runs there",
    async () => {
      const lockFile = path.join(path.dirname(fixture.out), "._site.lock");
      await writeFile(lockFile, JSON.stringify({ pid: 4242, host: "elsewhere.invalid", since: "2026-12-01T00:00:00Z" }));
      const waiting = startBuild(fixture.root, fixture.out);
      try {
        await waiting.said(`A build on elsewhere.invalid (PID 4242, started 2026-12-01T00:00:00Z) is publishing to`);
        await waiting.said(`If no build is running there, delete ${lockFile}.`);
      } finally {
        waiting.child.kill("SIGTERM");
        await waiting.exited;
      }
      expect(await readFile(lockFile, "utf8")).toContain("elsewhere.invalid");
      await rm(lockFile);
      expect((await build(fixture.root, fixture.out)).code).toBe(0);
    },
    TIMEOUT,
  );
});

describe("the published site", () => {
  it("is a link to a build folder beside it, with the permissions of normal files and folders", async () => {
    // An image only its owner may read is still published readable.
    await chmod(path.join(fixture.root, "src/images/northern-light.jpg"), 0o600);
    const built = await build(fixture.root, fixture.out);
    expect(built.code, built.stderr).toBe(0);
    expect((await lstat(fixture.out)).isSymbolicLink()).toBe(true);
    expect(await readlink(fixture.out)).toMatch(/^\._site\.builds\/\d{8}T\d{6}Z-\d+-[0-9a-f]{6}$/);
    const umask = process.umask();
    const entries = await readdir(fixture.out, { recursive: true, withFileTypes: true });
    const modes = await Promise.all(
      entries.map(async (e) => ({ dir: e.isDirectory(), mode: (await stat(path.join(e.parentPath, e.name))).mode & 0o777 })),
    );
    expect(new Set(modes.filter((m) => m.dir).map((m) => m.mode))).toEqual(new Set([0o777 & ~umask]));
    expect(new Set(modes.filter((m) => !m.dir).map((m) => m.mode))).toEqual(new Set([0o666 & ~umask]));
    expect((await stat(fixture.out)).mode & 0o777).toBe(0o777 & ~umask);
  });

  it(
    "replaces a plain folder of an older build once; killed in that instant, the next build recovers",
    async () => {
      const out = path.join(path.dirname(fixture.out), "plain", "_site");
      const folder = await build(fixture.root, out, {}, ["--publish", "folder"]);
      expect(folder.code, folder.stderr).toBe(0);
      expect((await lstat(out)).isDirectory()).toBe(true);
      await appendFile(path.join(out, "index.html"), "<!-- the older build -->");

      const killed = startBuild(fixture.root, out, { BROADSHEET_PAUSE_AT: "migrate" });
      await killed.said("Paused at migrate");
      killed.child.kill("SIGKILL");
      await killed.exited;
      // The documented window: between the two renames the path is empty.
      expect(existsSync(out)).toBe(false);

      const next = await build(fixture.root, out);
      expect(next.code, next.stderr).toBe(0);
      expect((await lstat(out)).isSymbolicLink()).toBe(true);
      expect(await expectWholeSite(out)).toBe("B");
      await expectNoLeftovers(out, [killed.child.pid ?? 0]);
    },
    TIMEOUT,
  );
});
