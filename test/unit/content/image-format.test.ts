import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { formatOfName, imageFormat } from "../../../scripts/lib/content/image-format.ts";
import { FIXTURE } from "../../helpers/site.ts";

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe("imageFormat", () => {
  it("recognises the fixture's JPEG", async () => {
    expect(imageFormat(await readFile(`${FIXTURE}/src/images/northern-light.jpg`))).toBe("jpeg");
  });

  it("recognises PNG, GIF, WebP and AVIF by their first bytes", () => {
    expect(imageFormat(bytes([0x89], "PNG\r\n\x1a\n", [0, 0]))).toBe("png");
    expect(imageFormat(bytes("GIF89a"))).toBe("gif");
    expect(imageFormat(bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 "))).toBe("webp");
    expect(imageFormat(bytes([0, 0, 0, 0x1c], "ftypavif"))).toBe("avif");
  });

  it("rejects text, HEIC and empty files", () => {
    expect(imageFormat(bytes("<svg xmlns="))).toBeUndefined();
    expect(imageFormat(bytes([0, 0, 0, 0x18], "ftypheic"))).toBeUndefined();
    expect(imageFormat(new Uint8Array())).toBeUndefined();
  });
});

describe("formatOfName", () => {
  it("reads the extension, in any case", () => {
    expect(["a.jpg", "b.JPEG", "c.png", "d.webp", "e.avif", "f.gif", "g.tiff"].map(formatOfName)).toEqual([
      "jpeg",
      "jpeg",
      "png",
      "webp",
      "avif",
      "gif",
      undefined,
    ]);
  });
});
