/**
 * Runs a command and measures it the way a machine feels it: wall time, the
 * peak of the summed resident memory of the process and all its descendants
 * (a Node build's Pagefind binary included), sampled from /proc, and the CPU
 * time they used. On a machine whose cores a build keeps busy, the CPU time
 * says more than the wall time about how much work a stack does, and it
 * varies less from run to run.
 */
import { spawn } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";

export interface MeasuredRun {
  code: number | null;
  seconds: number;
  /** Peak of the tree's summed VmRSS, in bytes. */
  peakBytes: number;
  /** Peaks of the started process alone and of its descendants together (not necessarily at the same moment). */
  peakRootBytes: number;
  peakChildrenBytes: number;
  /**
   * User + system CPU time of the process and of every descendant waited for
   * (the Pagefind runs a build waits for included), in seconds; null where
   * /proc is not there to read it.
   */
  cpuSeconds: number | null;
  stdout: string;
  stderr: string;
}

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").split(" ").filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

function rssBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Resident memory of `pid` itself and of every process below it, summed. */
function treeRssBytes(pid: number): { root: number; children: number } {
  const root = rssBytes(pid);
  let children = 0;
  const queue = childrenOf(pid);
  for (let p = queue.pop(); p !== undefined; p = queue.pop()) {
    children += rssBytes(p);
    queue.push(...childrenOf(p));
  }
  return { root, children };
}

/**
 * Linux's USER_HZ, the unit of the times in /proc's stat files: 100 on every
 * architecture Node runs on there (sysconf(_SC_CLK_TCK) is not exposed to Node).
 */
const TICKS_PER_SECOND = 100;

/**
 * CPU time of this process's children that it has waited for, with theirs in
 * turn (`cutime` + `cstime` of /proc/self/stat), in seconds; null without /proc.
 * A run's share is the difference across it, so the caller must run one
 * child at a time, as the bench does.
 */
export function waitedChildrenCpuSeconds(stat = readStat()): number | null {
  if (stat === undefined) return null;
  // The fields after the command's name, which is in parentheses and may hold spaces: state is field 3, cutime 16, cstime 17.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const [cutime, cstime] = [Number(fields[16 - 3]), Number(fields[17 - 3])];
  return Number.isFinite(cutime) && Number.isFinite(cstime) ? (cutime + cstime) / TICKS_PER_SECOND : null;
}

function readStat(): string | undefined {
  try {
    return readFileSync("/proc/self/stat", "utf8");
  } catch {
    return undefined;
  }
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  sampleMs?: number;
}

export function measuredRun(command: string, args: string[], options: RunOptions = {}): Promise<MeasuredRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const cpuBefore = waitedChildrenCpuSeconds();
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let peakBytes = 0;
    let peakRootBytes = 0;
    let peakChildrenBytes = 0;
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const sample = () => {
      if (child.pid === undefined) return;
      const { root, children } = treeRssBytes(child.pid);
      peakBytes = Math.max(peakBytes, root + children);
      peakRootBytes = Math.max(peakRootBytes, root);
      peakChildrenBytes = Math.max(peakChildrenBytes, children);
    };
    const timer = setInterval(sample, options.sampleMs ?? 50);
    child.on("error", (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearInterval(timer);
      const seconds = (performance.now() - started) / 1000;
      // By "close" the child has been waited for, so its time and its waited-for descendants' are in this process's totals.
      const cpuAfter = waitedChildrenCpuSeconds();
      const cpuSeconds = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
      resolve({ code, seconds, peakBytes, peakRootBytes, peakChildrenBytes, cpuSeconds, stdout, stderr });
    });
  });
}
