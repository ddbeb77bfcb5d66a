import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { discard, publish, stagingDirFor } from "../../../scripts/lib/build/publish.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "broadsheet-publish-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function stagedSite(target: string, text: string): Promise<string> {
  const staging = await stagingDirFor(target);
  await writeFile(path.join(staging, "index.html"), text);
  return staging;
}

describe("publishing a built site", () => {
  it("stages beside the target, so the final move is a rename on one file system", async () => {
    const target = path.join(dir, "out", "_site");
    const staging = await stagingDirFor(target);
    expect(path.dirname(staging)).toBe(path.dirname(target));
    expect(path.basename(staging)).toMatch(/^\._site-build-/);
  });

  it("moves the staged site into place where there was none", async () => {
    const target = path.join(dir, "_site");
    await publish(await stagedSite(target, "new"), target);
    expect(await readFile(path.join(target, "index.html"), "utf8")).toBe("new");
    expect(await readdir(dir)).toEqual(["_site"]);
  });

  it("replaces a previous site as a whole, leaving no file of it and no staging folder", async () => {
    const target = path.join(dir, "_site");
    await mkdir(path.join(target, "old-only"), { recursive: true });
    await writeFile(path.join(target, "index.html"), "old");
    await publish(await stagedSite(target, "new"), target);
    expect(await readdir(target)).toEqual(["index.html"]);
    expect(await readFile(path.join(target, "index.html"), "utf8")).toBe("new");
    expect(await readdir(dir)).toEqual(["_site"]);
  });

  it("discards a staging folder of a failed build, leaving the published site as it was", async () => {
    const target = path.join(dir, "_site");
    await publish(await stagedSite(target, "good"), target);
    await discard(await stagedSite(target, "half-written"));
    expect(await readdir(dir)).toEqual(["_site"]);
    expect(await readFile(path.join(target, "index.html"), "utf8")).toBe("good");
  });
});
