import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { blankRows, indexedPng, pngIsWhole } from "../../../scripts/lib/pages/indexed-png.ts";
import { RunDeflate } from "../../../scripts/lib/pages/run-deflate.ts";

const palette = [
  [255, 253, 248],
  [26, 26, 26],
  [163, 22, 26],
] as const;

describe("indexedPng", () => {
  it("writes a palette PNG that a real decoder reads back pixel for pixel", async () => {
    const rows = blankRows(3, 2);
    // Row 0: colours 0, 1, 2; row 1: 2, 2, 1 (each row starts with its filter byte).
    rows.set([0, 0, 1, 2, 0, 2, 2, 1]);
    const stream = new RunDeflate(rows.length);
    stream.bytes(0, rows);
    const png = indexedPng({ width: 3, height: 2, palette }, stream.finish());
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([3, 2, 3]);
    expect([...data]).toEqual([255, 253, 248, 26, 26, 26, 163, 22, 26, 163, 22, 26, 163, 22, 26, 26, 26, 26]);
    // IHDR: 8 bits a sample, colour type 3 (palette).
    expect([png[24], png[25]]).toEqual([8, 3]);
  });

  it("tells a whole PNG from one cut short, with a byte changed, or with bytes after its end", () => {
    const rows = blankRows(4, 4, 1);
    const stream = new RunDeflate(rows.length);
    stream.bytes(0, rows);
    const png = indexedPng({ width: 4, height: 4, palette }, stream.finish());
    expect(pngIsWhole(png)).toBe(true);
    for (const cut of [0, 7, 8, 20, png.length - 1]) expect(pngIsWhole(png.subarray(0, cut))).toBe(false);
    for (let at = 0; at < png.length; at++) {
      const changed = Buffer.from(png);
      changed[at] = (changed[at] ?? 0) ^ 0x01;
      expect(pngIsWhole(changed), `byte ${at} changed`).toBe(false);
    }
    expect(pngIsWhole(Buffer.concat([png, Buffer.alloc(4)]))).toBe(false);
  });

  it("refuses a palette of the wrong size", () => {
    expect(() => indexedPng({ width: 2, height: 1, palette: [] }, new Uint8Array())).toThrow(/1 to 256 colours/);
  });
});
