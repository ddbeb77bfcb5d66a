/**
 * Edit-to-preview: how long after an author saves an article the dev server
 * serves the page with the change. Starts the server, waits until the page is
 * served, appends a paragraph with a unique word, and polls the page until
 * the word appears; then, if asked, the same for another kind of save (the
 * bench adds a teaser to the Latest list).
 */
import { spawn } from "node:child_process";
import { appendFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { freePort } from "../util/free-port.ts";
import { median } from "./site-metrics.ts";

export interface DevServer {
  command: string;
  args: (port: number) => string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Printed once the server watches for changes (Eleventy: "Watching…"); a save before it may never be seen. */
  readyText?: string;
}

export interface EditToPreview {
  startSeconds: number;
  editSeconds: number[];
  medianSeconds: number;
  /** The other kind of save, when one was asked for. */
  other?: { editSeconds: number[]; medianSeconds: number };
}

/** Another kind of save to time after the article's: `save` writes one with `marker` in it, which the page at `urlPath` then shows. */
export interface OtherEdit {
  save(marker: string): Promise<void>;
  urlPath: string;
}

async function page(url: string): Promise<string | undefined> {
  try {
    const response = await fetch(url, { cache: "no-store" });
    return response.ok ? await response.text() : undefined;
  } catch {
    return undefined;
  }
}

/** The page did not show what was awaited in time (the server itself still runs). */
class NotShown extends Error {}

async function waitFor(url: string, test: (body: string) => boolean, timeoutMs: number, exited: () => string | undefined): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    const why = exited();
    if (why !== undefined) throw new Error(`the dev server stopped: ${why}`);
    const body = await page(url);
    if (body !== undefined && test(body)) return (performance.now() - started) / 1000;
    await sleep(25);
  }
  throw new NotShown(`${url} did not show the change within ${timeoutMs / 1000} s`);
}

export interface RunningDevServer {
  port: number;
  /** Whether the server has printed its `readyText`. */
  ready: () => boolean;
  /** The last few thousand characters it printed. */
  output: () => string;
  /** Polls `urlPath` until its body passes `test`; resolves with the seconds waited. */
  waitFor: (urlPath: string, test: (body: string) => boolean, timeoutMs: number) => Promise<number>;
  stop: () => Promise<void>;
}

/** Starts `server` on a free port; `stop()` must be called to end it. */
export async function startDevServer(server: DevServer): Promise<RunningDevServer> {
  const port = await freePort();
  // Its own process group, so stopping it also stops what it started (esbuild's service).
  const child = spawn(server.command, server.args(port), {
    cwd: server.cwd,
    env: { ...process.env, ...server.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  let exit: string | undefined;
  let ready = false;
  const readyText = server.readyText ?? "Watching…";
  const note = (d: Buffer) => {
    log = (log + d.toString()).slice(-4000);
    ready ||= log.includes(readyText);
  };
  child.stdout.on("data", note);
  child.stderr.on("data", note);
  child.on("exit", (code, signal) => (exit = `exit ${code ?? signal}: ${log}`));
  return {
    port,
    ready: () => ready,
    output: () => log,
    waitFor: (urlPath, test, timeoutMs) => waitFor(`http://127.0.0.1:${port}${urlPath}`, test, timeoutMs, () => exit),
    stop: async () => {
      if (child.pid === undefined || exit !== undefined) return;
      const closed = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid, "SIGTERM");
      await closed;
    },
  };
}

/**
 * Eleventy says it is watching before its watcher has looked at every file
 * (seconds, on a large site and a busy disk), and a save before then is
 * never seen. An unmeasured save, repeated until the page shows it, proves the
 * watcher is live before any save is timed.
 */
async function proveWatching(running: RunningDevServer, file: string, urlPath: string, timeoutMs: number): Promise<void> {
  const started = performance.now();
  for (let i = 0; ; i++) {
    const marker = `benchwarmup${Date.now().toString(36)}${i}`;
    await appendFile(file, `\nA save to check the dev server watches: ${marker}.\n`);
    try {
      await running.waitFor(urlPath, (body) => body.includes(marker), 15_000);
      return;
    } catch (error) {
      if (!(error instanceof NotShown) || performance.now() - started > timeoutMs) throw error;
    }
  }
}

/** Measures `edits` saves of `file` (served at `urlPath`), then as many of `other` if given; the server is stopped afterwards. */
export async function measureEditToPreview(
  server: DevServer,
  file: string,
  urlPath: string,
  edits = 3,
  other?: OtherEdit,
  timeoutMs = 300_000,
): Promise<EditToPreview> {
  const running = await startDevServer(server);
  try {
    // Served and watching: on a large site the page is written well before the watcher starts.
    const startSeconds = await running.waitFor(urlPath, running.ready, timeoutMs);
    await proveWatching(running, file, urlPath, timeoutMs);
    const timed = async (save: (marker: string) => Promise<void>, shownAt: string) => {
      const seconds: number[] = [];
      for (let i = 0; i < edits; i++) {
        // Let the watcher settle, as an author's saves are seconds apart.
        await sleep(1000);
        const marker = `benchedit${Date.now().toString(36)}${i}`;
        await save(marker);
        seconds.push(await running.waitFor(shownAt, (body) => body.includes(marker), timeoutMs));
      }
      return seconds;
    };
    const editSeconds = await timed((marker) => appendFile(file, `\nAn edit for the benchmark: ${marker}.\n`), urlPath);
    const otherSeconds = other && (await timed(other.save, other.urlPath));
    return {
      startSeconds,
      editSeconds,
      medianSeconds: median(editSeconds),
      ...(otherSeconds ? { other: { editSeconds: otherSeconds, medianSeconds: median(otherSeconds) } } : {}),
    };
  } finally {
    await running.stop();
  }
}
