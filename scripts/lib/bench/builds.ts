/**
 * The builds the benchmark and the search evaluation run: our production
 * build, the bare stack's (baseline-stack.ts), and a content root holding
 * every State of the Union address. Each is a measured child process that
 * fails loudly, with its output, when it does not succeed.
 */
import { cp, mkdir, readdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { isRetiredName, layoutOf } from "../build/output-layout.ts";
import { bareBuildCommand, bareIndexCommand } from "./baseline-stack.ts";
import { measuredRun, type MeasuredRun } from "./measured-run.ts";
import { PROJECT_ROOT } from "../util/project-root.ts";

let setAsideCount = 0;

/**
 * Moves `target`, if it exists, into `trash`, to be deleted once every run is
 * done. Deleting a site's tens of thousands of files between runs would slow
 * the next run: on a disk without a journal (this machine's), ext4 steps over
 * every recently deleted inode each time it makes a file, for minutes after.
 */
export async function setAside(target: string, trash: string): Promise<void> {
  await mkdir(trash, { recursive: true });
  await rename(target, path.join(trash, String(++setAsideCount))).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
}

function check(run: MeasuredRun, what: string): MeasuredRun {
  if (run.code !== 0) throw new Error(`${what} failed (exit ${run.code}):\n${run.stderr.slice(-3000) || run.stdout.slice(-3000)}`);
  return run;
}

/** `npm run build` of `root` into `out`; `now` fixes the build's clock (BUILD_NOW). */
export async function ourBuild(root: string, out: string, now?: string): Promise<MeasuredRun> {
  await mkdir(path.dirname(out), { recursive: true });
  const run = await measuredRun(process.execPath, [path.join(PROJECT_ROOT, "scripts/build.ts"), "--content", root, "--out", out], {
    cwd: PROJECT_ROOT,
    env: now ? { BUILD_NOW: now } : {},
  });
  return check(run, "our build");
}

/**
 * Waits, up to `limitMs`, until the sites our builds into `out` replaced are
 * removed (build/background-removal.ts does it after a build exits), as they
 * are by the time an author's next commit is built: a rebuild begun at once
 * would make its pages beside tens of thousands of deletions.
 */
export async function replacedSitesRemoved(out: string, limitMs = 120_000): Promise<void> {
  const { builds } = layoutOf(out);
  for (const deadline = Date.now() + limitMs; Date.now() < deadline; await sleep(100)) {
    const names = await readdir(builds).catch(() => []);
    if (!names.some(isRetiredName)) return;
  }
}

export type Step = [command: string, args: string[]];

export interface StackRun {
  seconds: number;
  renderSeconds: number;
  indexSeconds: number;
  peakBytes: number;
  /** User + system CPU of both steps, in seconds; null where it cannot be read. */
  cpuSeconds: number | null;
}

/**
 * A stack prepared in `dir` (the bare stack's, Hugo's), from nothing: its pages, then the Pagefind CLI over them,
 * into `dir/out`; an earlier run's output is set aside into `trash`.
 */
export async function stackBuild(dir: string, render: Step, index: Step, what: string, trash: string): Promise<StackRun> {
  await setAside(path.join(dir, "out"), trash);
  const pages = check(await measuredRun(render[0], render[1], { cwd: dir }), what);
  const indexed = check(await measuredRun(index[0], index[1], { cwd: dir }), `Pagefind CLI after ${what}`);
  return {
    seconds: pages.seconds + indexed.seconds,
    renderSeconds: pages.seconds,
    indexSeconds: indexed.seconds,
    peakBytes: Math.max(pages.peakBytes, indexed.peakBytes),
    cpuSeconds: pages.cpuSeconds === null || indexed.cpuSeconds === null ? null : pages.cpuSeconds + indexed.cpuSeconds,
  };
}

/** The bare stack prepared in `dir`: Eleventy, then the Pagefind CLI. */
export const bareBuild = (dir: string, trash: string): Promise<StackRun> =>
  stackBuild(dir, bareBuildCommand(), bareIndexCommand(), "bare Eleventy", trash);

/**
 * A content root holding every State of the Union address, as `npm run import
 * -- sotu` writes them, with this project's site settings and no teasers.
 */
export async function importSotu(root: string): Promise<void> {
  await mkdir(path.join(root, "_data"), { recursive: true });
  await cp(path.join(PROJECT_ROOT, "_data/site.yaml"), path.join(root, "_data/site.yaml"));
  await writeFile(path.join(root, "_data/teasers.yaml"), "latest: []\n");
  check(
    await measuredRun(process.execPath, [path.join(PROJECT_ROOT, "scripts/import.ts"), "sotu", "--content", root], {
      cwd: PROJECT_ROOT,
    }),
    "npm run import -- sotu",
  );
}
