import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createStaging, discardSync } from "../../../scripts/lib/build/publish.ts";
import { eventually } from "../../helpers/eventually.ts";

// Folders whose next synchronous removal fails as a folder refilled while it is removed does (ENOTEMPTY).
const refilled = vi.hoisted(() => new Set<string>());
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  return {
    ...fs,
    rmSync: (...args: Parameters<typeof fs.rmSync>) => {
      const target = String(args[0]);
      if (refilled.delete(target))
        throw Object.assign(new Error(`ENOTEMPTY: directory not empty, rmdir '${target}'`), { code: "ENOTEMPTY" });
      fs.rmSync(...args);
    },
  };
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "broadsheet-discard-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function stoppedBuild() {
  const staging = await createStaging(path.join(dir, "_site"));
  await mkdir(path.join(staging.dir, "2025", "03"), { recursive: true });
  await writeFile(path.join(staging.dir, "2025", "03", "index.html"), "half a site");
  return staging;
}

describe("a stopped build's folder", () => {
  it("is removed on the spot when it can be", async () => {
    const staging = await stoppedBuild();
    discardSync(staging);
    expect(await readdir(path.dirname(staging.dir))).toEqual([]);
  });

  it("is retired and removed in the background when writes still under way refill it", async () => {
    const staging = await stoppedBuild();
    refilled.add(staging.dir);
    discardSync(staging);
    expect(existsSync(staging.dir)).toBe(false);
    await eventually(async () => expect(await readdir(dir).catch(() => [])).not.toContain("._site.builds"));
  });
});
