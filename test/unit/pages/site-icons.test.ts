import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSiteIcons } from "../../../scripts/lib/pages/site-icons.ts";
import { makeSite } from "../../helpers/model.ts";

let dir: string;
let icons: Awaited<ReturnType<typeof writeSiteIcons>>;
const file = (p: string) => readFile(path.join(dir, p));

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "broadsheet-icons-"));
  icons = await writeSiteIcons(makeSite([]), dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The images of an ICO file, as its directory lists them. */
function icoEntries(ico: Buffer): { side: number; png: Buffer }[] {
  expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
  return Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
    const entry = 6 + 16 * i;
    const [size, offset] = [ico.readUInt32LE(entry + 8), ico.readUInt32LE(entry + 12)];
    return { side: ico.readUInt8(entry) || 256, png: ico.subarray(offset, offset + size) };
  });
}

describe("writeSiteIcons", () => {
  it("writes a real /favicon.ico with 16, 32 and 48 pixel images", async () => {
    const entries = icoEntries(await file("favicon.ico"));
    expect(entries.map((e) => e.side)).toEqual([16, 32, 48]);
    for (const { side, png } of entries) {
      const meta = await sharp(png).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["png", side, side]);
    }
  });

  it("writes a 180-pixel apple-touch-icon and the manifest's icons at their sizes, and no SVG icon", async () => {
    await expect(file("favicon.svg")).rejects.toThrow(/ENOENT/);
    for (const [name, side] of [
      ["apple-touch-icon.png", 180],
      ["icons/icon-192.png", 192],
      ["icons/icon-512.png", 512],
      ["icons/maskable-512.png", 512],
    ] as const) {
      const meta = await sharp(await file(name)).metadata();
      expect([name, meta.format, meta.width, meta.height]).toEqual([name, "png", side, side]);
    }
    // The touch icon and the maskable icon are opaque to the corners: the platform shapes them.
    for (const name of ["apple-touch-icon.png", "icons/maskable-512.png"]) {
      const { data } = await sharp(await file(name))
        .ensureAlpha()
        .extractChannel(3)
        .raw()
        .toBuffer({ resolveWithObject: true });
      expect(
        data.every((alpha) => alpha === 255),
        name,
      ).toBe(true);
    }
  });

  it("writes a web app manifest naming the site, its colours and every icon", async () => {
    const manifest = JSON.parse((await file("site.webmanifest")).toString());
    expect(manifest).toMatchObject({
      name: "The Example",
      start_url: "/",
      theme_color: "#fffdf8",
      background_color: "#fffdf8",
      lang: "en-GB",
    });
    expect(manifest.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`)).toEqual([
      "192x192 any",
      "512x512 any",
      "512x512 maskable",
    ]);
    for (const icon of manifest.icons) expect((await file(icon.src.slice(1))).length).toBeGreaterThan(100);
  });

  it("writes the publisher's logo within Google's 600 × 60 box", async () => {
    const meta = await sharp(await file("publisher-logo.png")).metadata();
    expect([meta.width, meta.height]).toEqual([600, 60]);
  });

  it("links every icon from the head", () => {
    expect(icons.links.map((l) => `${l.rel} ${l.href}`)).toEqual([
      "icon /favicon.ico",
      "apple-touch-icon /apple-touch-icon.png",
      "manifest /site.webmanifest",
    ]);
  });
});
