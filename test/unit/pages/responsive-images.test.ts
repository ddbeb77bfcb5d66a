/** Processed images: published again from the build cache only when eleventy-img finished them; a JPEG or PNG fallback for any original. */
import { copyFile, mkdtemp, readdir, readFile, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fallbackFormat, renderImages, type ImageFile } from "../../../scripts/lib/pages/responsive-images.ts";

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

describe("fallbackFormat", () => {
  it("keeps a JPEG or PNG, and makes anything else a JPEG, or a PNG when it has transparency", () => {
    expect(fallbackFormat("jpeg", false)).toBe("jpeg");
    expect(fallbackFormat("png", true)).toBe("png");
    expect(fallbackFormat("png", false)).toBe("png");
    expect(fallbackFormat("heif", false)).toBe("jpeg");
    expect(fallbackFormat("webp", true)).toBe("png");
    expect(fallbackFormat("gif", true)).toBe("png");
    expect(fallbackFormat(undefined)).toBe("jpeg");
  });
});

describe("renderImages for an image that is neither JPEG nor PNG", () => {
  it.each([
    ["an AVIF", "jpeg", "photo.avif", (s: sharp.Sharp) => s.avif()],
    ["a WebP with transparency", "png", "cutout.webp", (s: sharp.Sharp) => s.ensureAlpha(0.5).webp()],
  ] as const)(
    "gives %s a %s fallback and preview, of that type",
    async (_, format, name, encode) => {
      const file = path.join(dir, name);
      await encode(sharp(FIXTURE_IMAGE)).toFile(file);
      const src = `/images/${name}`;
      const out = path.join(dir, `site-${name}`);
      const processed = (await renderImages([{ src, file }], out, path.join(dir, "cache-fallback")))[src];
      expect(processed?.preview.type).toBe(`image/${format}`);
      expect(processed?.preview.url).toMatch(new RegExp(`^/img/[\\w-]+-1200\\.${format}$`));
      expect(processed?.src).toMatch(new RegExp(`\\.${format}$`));
      expect(processed?.srcset.split(", ").every((s) => s.includes(`.${format} `))).toBe(true);
      expect(processed?.sources.map((s) => s.type)).toEqual(["image/avif", "image/webp"]);
      const written = await sharp(path.join(out, processed?.preview.url ?? "")).metadata();
      expect(written).toMatchObject({ format, width: 1200 });
    },
    60_000,
  );
});
