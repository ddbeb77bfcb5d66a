/** A cache entry's manifest tells a folder as written from one damaged since. */
import { cp, mkdir, mkdtemp, rm, stat, truncate, unlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkManifest, manifestOf, parseManifest } from "../../../scripts/lib/util/file-manifest.ts";

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
    const fragment = (dir: string) => path.join(dir, "fragment", "en_1.pf_fragment");
    const damage = [
      (dir: string) => truncate(fragment(dir), 4),
      async (dir: string) => {
        await writeFile(fragment(dir), Buffer.from([1, 2, 3, 4, 0, 0, 0, 0]));
        // A file written again has a new time; set here, since the writes above may share a clock tick.
        await utimes(fragment(dir), 2_000_000_000, 2_000_000_000);
      },
      (dir: string) => unlink(path.join(dir, "pagefind-entry.json")),
    ];
    for (const change of damage) {
      const dir = await folder();
      const manifest = manifestOf(dir);
      expect(await checkManifest(dir, manifest)).toMatchObject({ whole: true, restamped: false });
      await change(dir);
      expect(await checkManifest(dir, manifest)).toEqual({ whole: false });
    }
  });

  it("takes a file whose size and time are as recorded as written, without reading it", async () => {
    const dir = await folder();
    const file = path.join(dir, "fragment", "en_1.pf_fragment");
    await utimes(file, 1_000_000_000, 1_000_000_000);
    const manifest = manifestOf(dir);
    await writeFile(file, Buffer.from([8, 7, 6, 5, 4, 3, 2, 1]));
    await utimes(file, 1_000_000_000, 1_000_000_000);
    expect(await checkManifest(dir, manifest)).toMatchObject({ whole: true, restamped: false });
  });

  it("reads a copied folder's files, whose times are new, and gives their times for the manifest", async () => {
    const dir = await folder();
    const manifest = manifestOf(dir);
    const copy = await mkdtemp(path.join(tmpdir(), "broadsheet-manifest-copy-"));
    dirs.push(copy);
    await cp(dir, copy, { recursive: true });
    const file = path.join(copy, "fragment", "en_1.pf_fragment");
    await utimes(file, 1_500_000_000, 1_500_000_000);
    const check = await checkManifest(copy, manifest);
    expect(check).toMatchObject({ whole: true, restamped: true });
    if (!check.whole) return;
    expect(check.manifest["fragment/en_1.pf_fragment"]).toEqual([
      8,
      manifest["fragment/en_1.pf_fragment"]?.[1],
      String((await stat(file, { bigint: true })).mtimeNs),
    ]);
    expect(await checkManifest(copy, check.manifest)).toMatchObject({ whole: true, restamped: false });
    // A manifest of an older build, without times: every file is read, and it is whole.
    const untimed = Object.fromEntries(Object.entries(manifest).map(([name, [size, crc]]) => [name, [size, crc]]));
    expect(parseManifest(JSON.stringify(untimed))).toEqual(untimed);
    expect(await checkManifest(dir, untimed as typeof manifest)).toMatchObject({ whole: true, restamped: true });
  });

  it("reads back what it wrote, and nothing that is not a manifest", async () => {
    const manifest = manifestOf(await folder());
    expect(parseManifest(JSON.stringify(manifest))).toEqual(manifest);
    for (const text of ["", "{}", "[]", "null", '{"a":[1]}', '{"a":[1,-2]}', '{"a":[1,2,3]}', '{"a":[1,2,"x"]}', '{"a":"x"}', "{not json"])
      expect(parseManifest(text)).toBeUndefined();
  });
});
