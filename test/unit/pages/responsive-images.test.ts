/** Processed images kept in the build cache are published again only when eleventy-img finished them. */
import { copyFile, mkdtemp, readdir, readFile, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderImages, type ImageFile } from "../../../scripts/lib/pages/responsive-images.ts";

const FIXTURE_IMAGE = path.resolve("test/fixtures/site/src/images/northern-light.jpg");

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "broadsheet-images-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function filesOf(folder: string): Promise<Map<string, Buffer>> {
  const names = (await readdir(folder, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  return new Map(await Promise.all(names.map(async (e) => [e.name, await readFile(path.join(e.parentPath, e.name))] as const)));
}

describe("renderImages with its cache", () => {
  it("makes again an output cut short in the cache, or one no build finished, even when two image files share their outputs", async () => {
    // The same bytes under two names: eleventy-img names outputs by content, so both images have the same files.
    const images: ImageFile[] = [];
    for (const name of ["a.jpg", "b.jpg"]) {
      await copyFile(FIXTURE_IMAGE, path.join(dir, name));
      images.push({ src: `/images/${name}`, file: path.join(dir, name) });
    }
    const cache = path.join(dir, "cache");
    await renderImages(images, path.join(dir, "site-1"), cache);
    const first = await filesOf(path.join(dir, "site-1"));

    const outputs = (await readdir(cache)).filter((name) => !name.startsWith("."));
    const [cut, unfinished] = outputs.sort();
    await truncate(path.join(cache, cut ?? ""), 10);
    const record = JSON.parse(await readFile(path.join(cache, ".finished.json"), "utf8")) as Record<string, number>;
    await writeFile(path.join(cache, ".finished.json"), JSON.stringify({ ...record, [unfinished ?? ""]: undefined }));
    await writeFile(path.join(cache, unfinished ?? ""), "half an image");

    await renderImages(images, path.join(dir, "site-2"), cache);
    expect(await filesOf(path.join(dir, "site-2"))).toEqual(first);
  }, 60_000);
});
