/**
 * `npm run build -- --out X` on a throwaway copy of the project: a mistyped
 * output folder is refused before anything is written, and nothing is lost.
 */
import { cp, lstat, mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SITE_MARKER } from "../../scripts/lib/build/output-guard.ts";
import { copyProject, removeScratch, runScriptIn, type RunResult } from "../helpers/site.ts";

let dir: string;
let project: string;

/** The copy's own build script, run from inside the copy as a user would. */
const buildCopy = (out: string, ...args: string[]): Promise<RunResult> =>
  runScriptIn(project, "build.ts", ["--out", out, ...args], { BUILD_NOW: "2025-04-01T00:00:00Z" });

/** Every file of the copy with its bytes, to prove a refused build changed nothing. */
async function snapshot(): Promise<Map<string, string>> {
  const files = (await readdir(project, { recursive: true, withFileTypes: true })).filter(
    (e) => e.isFile() && !e.parentPath.includes("node_modules"),
  );
  const entries = await Promise.all(
    files.map(async (e) => [path.join(e.parentPath, e.name), await readFile(path.join(e.parentPath, e.name), "utf8")] as const),
  );
  return new Map(entries);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "broadsheet-out-guard-"));
  project = await copyProject(path.join(dir, "project"));
});
afterAll(() => removeScratch(dir));

describe("npm run build -- --out", () => {
  it.each([
    ["src", /inside src\//],
    [".", /project folder itself/],
    ["..", /holds the project folder/],
    ["README.md", /a file, not a folder/],
    ["_data", /inside _data\//],
  ])("refuses %s, exits non-zero and changes no file", async (out, reason) => {
    const before = await snapshot();
    const result = await buildCopy(out);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(reason);
    expect(result.stderr).toContain("Nothing was written");
    expect(await snapshot()).toEqual(before);
    // No build folder, link or lock was made beside the refused output either.
    expect((await readdir(project)).filter((f) => /\.(builds|lock)$|\.next-/.test(f))).toEqual([]);
  });

  it("builds into a new folder, marks it, and builds into it again", async () => {
    const first = await buildCopy("public");
    expect(first.code, first.stderr).toBe(0);
    expect(await readdir(path.join(project, "public"))).toContain(SITE_MARKER);
    const second = await buildCopy("public");
    expect(second.code, second.stderr).toBe(0);
  });

  it("builds again into a folder it published as a folder, as on Netlify", async () => {
    for (let i = 0; i < 2; i++) {
      const result = await buildCopy("plain", "--publish", "folder");
      expect(result.code, result.stderr).toBe(0);
    }
    expect((await lstat(path.join(project, "plain"))).isDirectory()).toBe(true);
  });

  it("refuses a folder of the user's own holding a copy of a build, and keeps the user's files", async () => {
    const www = path.join(project, "www");
    await mkdir(path.join(www, "blog"), { recursive: true });
    await writeFile(path.join(www, "user-upload.pdf"), "mine\n");
    await cp(path.join(project, "public"), www, { recursive: true, dereference: true });
    const result = await buildCopy("www");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/holds a copy of a Broadsheet build that was not published there/);
    expect(await readFile(path.join(www, "user-upload.pdf"), "utf8")).toBe("mine\n");
    expect(await readdir(www)).toContain("blog");
  });
});
