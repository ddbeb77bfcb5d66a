import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { imageSize } from "../../scripts/lib/image-size.ts";

const image = (name: string) => readFile(new URL(`../fixtures/images/${name}`, import.meta.url));

describe("imageSize", () => {
  it("reads the pixel size of real JPEG, PNG, GIF and WebP files (made by ImageMagick)", async () => {
    for (const name of ["small.jpg", "small.png", "small.gif", "small.webp", "small-lossless.webp", "small-alpha.webp"]) {
      expect(imageSize(await image(name)), name).toEqual({ width: 37, height: 21 });
    }
  });

  it("reads an SVG's width and height, or its viewBox", async () => {
    expect(imageSize(await image("small.svg"))).toEqual({ width: 370, height: 210 });
    expect(imageSize(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="120px" height="80" viewBox="0 0 12 8"></svg>'))).toEqual({ width: 120, height: 80 });
  });

  it("gives up on anything else or a damaged header", async () => {
    expect(imageSize(Buffer.from("not an image"))).toBeUndefined();
    expect(imageSize((await image("small.jpg")).subarray(0, 12))).toBeUndefined();
    expect(imageSize(new Uint8Array(0))).toBeUndefined();
  });
});
