/** Builds fixture sites in temporary folders by running the real build command. */
import { spawn } from "node:child_process";
import { cp, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT = fileURLToPath(new URL("../..", import.meta.url));
export const FIXTURE = path.join(PROJECT, "test/fixtures/site");

/** What a copy of the project leaves out at its root: dependencies (linked instead), outputs, caches and history. */
const NOT_COPIED = new Set(["node_modules", "_site", "._site.builds", "._site.lock", ".git", ".dev-site", ".cache"]);

/** A copy of the project at `dest`, its code and templates free to change, with the project's `node_modules` linked in. */
export async function copyProject(dest: string): Promise<string> {
  await cp(PROJECT, dest, {
    recursive: true,
    filter: (src) => !NOT_COPIED.has(path.basename(src)) || path.dirname(src) !== PROJECT.replace(/\/$/, ""),
  });
  await symlink(path.join(PROJECT, "node_modules"), path.join(dest, "node_modules"));
  return dest;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return runScriptIn(PROJECT, script, args, env);
}

/** `scripts/<script>` of the project at `root` (the project, or a copy of it), run from inside it as a user would. */
export function runScriptIn(root: string, script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "scripts", script), ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Removes a scratch folder that held a built site. A build that replaced a site
 * leaves its removal to a detached process that may still be running when the
 * test ends; the two removals race, and Node's recursive removal can then meet
 * ENOTEMPTY, which it retries when told to.
 */
export function removeScratch(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true, maxRetries: 10 });
}

/** A scratch copy of the fixture content that a test may edit. */
export async function copyFixture(): Promise<{ root: string; out: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "broadsheet-test-"));
  const root = path.join(dir, "content");
  // Without a build cache a build of the fixture may have left: every copy starts clean.
  await cp(FIXTURE, root, { recursive: true, filter: (src) => path.basename(src) !== ".cache" });
  return { root, out: path.join(dir, "_site"), cleanup: () => removeScratch(dir) };
}

export function build(root: string, out: string, env: NodeJS.ProcessEnv = {}, extra: string[] = []): Promise<RunResult> {
  return runScript("build.ts", ["--content", root, "--out", out, ...extra], { BUILD_NOW: "2025-04-01T00:00:00Z", ...env });
}

export type Fixture = Awaited<ReturnType<typeof copyFixture>>;

/** Scratch copies for one test file: `fixture()` makes one; `cleanup()` (in afterAll) removes them all. */
export function fixturePool(): { fixture: () => Promise<Fixture>; cleanup: () => Promise<void> } {
  const made: Fixture[] = [];
  return {
    fixture: async () => {
      const f = await copyFixture();
      made.push(f);
      return f;
    },
    cleanup: async () => {
      await Promise.all(made.splice(0).map((f) => f.cleanup()));
    },
  };
}
