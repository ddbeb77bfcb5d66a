/**
 * Runs a command and measures it the way a machine feels it: wall time, and
 * the peak of the summed resident memory of the process and all its
 * descendants (a Node build's Pagefind binary included), sampled from /proc.
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

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  sampleMs?: number;
}

export function measuredRun(command: string, args: string[], options: RunOptions = {}): Promise<MeasuredRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
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
      resolve({ code, seconds: (performance.now() - started) / 1000, peakBytes, peakRootBytes, peakChildrenBytes, stdout, stderr });
    });
  });
}
