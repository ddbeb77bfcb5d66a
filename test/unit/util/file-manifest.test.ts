/** A cache entry's manifest tells a folder as written from one damaged since. */
import { mkdir, mkdtemp, rm, truncate, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { manifestOf, matchesManifest, parseManifest } from "../../../scripts/lib/util/file-manifest.ts";

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function folder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "broadsheet-manifest-"));
  dirs.push(dir);
  await mkdir(path.join(dir, "fragment"));
  await writeFile(path.join(dir, "pagefind-entry.json"), '{"version":"1"}');
  await writeFile(path.join(dir, "fragment", "en_1.pf_fragment"), Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]));
  return dir;
}

describe("file manifests", () => {
  it("lists every file under a folder, in subfolders too", async () => {
    const dir = await folder();
    expect(Object.keys(manifestOf(dir)).sort()).toEqual(["fragment/en_1.pf_fragment", "pagefind-entry.json"]);
  });

  it("matches the folder as written, and not once a file is cut short, changed in place or gone", async () => {
    const damage = [
      (dir: string) => truncate(path.join(dir, "fragment", "en_1.pf_fragment"), 4),
      (dir: string) => writeFile(path.join(dir, "fragment", "en_1.pf_fragment"), Buffer.from([1, 2, 3, 4, 0, 0, 0, 0])),
      (dir: string) => unlink(path.join(dir, "pagefind-entry.json")),
    ];
    for (const change of damage) {
      const dir = await folder();
      const manifest = manifestOf(dir);
      expect(await matchesManifest(dir, manifest)).toBe(true);
      await change(dir);
      expect(await matchesManifest(dir, manifest)).toBe(false);
    }
  });

  it("reads back what it wrote, and nothing that is not a manifest", async () => {
    const manifest = manifestOf(await folder());
    expect(parseManifest(JSON.stringify(manifest))).toEqual(manifest);
    for (const text of ["", "{}", "[]", "null", '{"a":[1]}', '{"a":[1,-2]}', '{"a":"x"}', "{not json"])
      expect(parseManifest(text)).toBeUndefined();
  });
});
