import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { inflateSync } from "node:zlib";
import { adler32, adler32Combine, blankRows, compressRows, encodeIndexedPng } from "../../../scripts/lib/pages/indexed-png.ts";

describe("encodeIndexedPng", () => {
  it("writes a palette PNG that a real decoder reads back pixel for pixel", async () => {
    const rows = blankRows(3, 2);
    // Row 0: colours 0, 1, 2; row 1: 2, 2, 1 (each row starts with its filter byte).
    rows.set([0, 0, 1, 2, 0, 2, 2, 1]);
    const png = encodeIndexedPng({
      width: 3,
      height: 2,
      palette: [
        [255, 253, 248],
        [26, 26, 26],
        [163, 22, 26],
      ],
      rows,
    });
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([3, 2, 3]);
    expect([...data]).toEqual([255, 253, 248, 26, 26, 26, 163, 22, 26, 163, 22, 26, 163, 22, 26, 26, 26, 26]);
    // IHDR: 8 bits a sample, colour type 3 (palette).
    expect([png[24], png[25]]).toEqual([8, 3]);
  });

  it("takes rows compressed beforehand for the top of the image, and the stream checks out (zlib verifies Adler-32)", async () => {
    const [width, height] = [40, 30];
    const rows = blankRows(width, height);
    for (let i = 0; i < rows.length; i++) if (i % (width + 1) !== 0) rows[i] = (i * 7919) % 3;
    const palette = [
      [255, 255, 255],
      [0, 0, 0],
      [200, 0, 0],
    ] as const;
    const whole = encodeIndexedPng({ width, height, palette, rows });
    const split = encodeIndexedPng({ width, height, palette, rows }, compressRows(rows.subarray(0, 12 * (width + 1))));
    const idat = (png: Buffer) => png.subarray(png.indexOf("IDAT") + 4, png.indexOf("IEND") - 8);
    expect(inflateSync(idat(split)).equals(Buffer.from(rows))).toBe(true);
    expect(await sharp(split).raw().toBuffer()).toEqual(await sharp(whole).raw().toBuffer());
  });

  it("sums Adler-32 as zlib does, and combines the sums of two pieces", () => {
    const text = new TextEncoder().encode("Wikipedia");
    expect(adler32(text)).toBe(0x11e60398);
    const long = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 31) % 251);
    expect(adler32Combine(adler32(long.subarray(0, 40_000)), adler32(long.subarray(40_000)), 60_000)).toBe(adler32(long));
  });

  it("refuses a palette or scanlines of the wrong size", () => {
    expect(() => encodeIndexedPng({ width: 2, height: 1, palette: [], rows: blankRows(2, 1) })).toThrow(/1 to 256 colours/);
    expect(() => encodeIndexedPng({ width: 2, height: 2, palette: [[0, 0, 0]], rows: blankRows(2, 1) })).toThrow(/bytes of scanlines/);
  });
});
