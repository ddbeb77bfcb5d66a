import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const moduleUrl = new URL("../../../scripts/lib/util/compile-cache.ts", import.meta.url).href;
const htmlUrl = new URL("../../../scripts/lib/util/html.ts", import.meta.url).href;

// In a process of its own: the cache is per process, and turning it on here would turn it on for the test runner.
const script = `
import { Worker } from "node:worker_threads";
const { useCompileCache } = await import(${JSON.stringify(moduleUrl)});
useCompileCache(process.argv.at(-1));
await import(${JSON.stringify(htmlUrl)});
const worker = new Worker(
  "import { parentPort } from 'node:worker_threads'; import { getCompileCacheDir } from 'node:module'; parentPort.postMessage(getCompileCacheDir() ?? null);",
  { eval: true },
);
const inWorker = await new Promise((resolve) => worker.once("message", resolve));
console.log(JSON.stringify({ main: (await import("node:module")).getCompileCacheDir() ?? null, inWorker }));
`;

function run(folder: string, env: NodeJS.ProcessEnv = {}): { main: string | null; inWorker: string | null } {
  const { NODE_COMPILE_CACHE: _cache, NODE_DISABLE_COMPILE_CACHE: _off, ...rest } = process.env;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script, folder], { env: { ...rest, ...env }, encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").at(-1) ?? "{}");
}

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("useCompileCache", () => {
  it("caches compiled modules in the folder it is given, for the worker threads started after it too", () => {
    dir = mkdtempSync(path.join(tmpdir(), "compile-cache-"));
    const seen = run(dir);
    expect(seen.main?.startsWith(dir)).toBe(true);
    expect(seen.inWorker).toBe(seen.main);
    const files = readdirSync(dir, { recursive: true });
    expect(files.length).toBeGreaterThan(0);
  });

  it("stays off when NODE_DISABLE_COMPILE_CACHE is set", () => {
    dir = mkdtempSync(path.join(tmpdir(), "compile-cache-"));
    const seen = run(dir, { NODE_DISABLE_COMPILE_CACHE: "1" });
    expect(seen).toEqual({ main: null, inWorker: null });
    expect(readdirSync(dir)).toEqual([]);
  });
});
