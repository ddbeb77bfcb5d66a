/** A `--content` that names no content root is refused with one message before anything is written, under it or for the output. */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { build, removeScratch, runScript } from "../helpers/site.ts";

const scratch = await mkdtemp(path.join(tmpdir(), "broadsheet-content-root-"));
afterAll(() => removeScratch(scratch));

/** Every path under `dir`, to show nothing was added. */
const tree = async (dir: string) => (await readdir(dir, { recursive: true })).sort();

describe("a content root that is not one", () => {
  it("stops the build and check:content when it does not exist, creating nothing", async () => {
    const missing = path.join(scratch, "nonexist");
    const out = path.join(scratch, "out");
    for (const r of [await build(missing, out), await runScript("check-content.ts", ["--content", missing])]) {
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${missing}: (content root): does not exist (expected a folder holding _data/ and src/articles/`);
      expect(r.stderr).not.toMatch(/cannot be read|\n\s+at /);
    }
    expect(await readdir(scratch)).toEqual([]);
  });

  it("leaves a folder without _data/ and src/articles/ (a published site) as it was", async () => {
    const site = path.join(scratch, "www");
    await mkdir(path.join(site, "2025"), { recursive: true });
    await writeFile(path.join(site, "index.html"), "<!doctype html><title>Live</title>");
    const before = await tree(site);
    const r = await build(site, path.join(scratch, "out"));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${site}: (content root): is not a content root: it has no _data/ or src/articles/`);
    expect(await tree(site)).toEqual(before);
    expect(existsSync(path.join(scratch, "out"))).toBe(false);
  });
});
