/**
 * PNG files of palette images (colour type 3, 8 bits a pixel). A social
 * card has a few dozen colours, so one byte a pixel, compressed as runs
 * (run-deflate.ts), makes a small file quickly; sharp would first quantise
 * full colour back to a palette, about forty times slower.
 */
import { crc32 } from "node:zlib";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export type Rgb = readonly [number, number, number];

/** Allocates the scanlines of a `width` × `height` image filled with palette index `fill`, filter bytes included. */
export function blankRows(width: number, height: number, fill = 0): Uint8Array {
  const rows = new Uint8Array((width + 1) * height).fill(fill);
  for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0;
  return rows;
}

/** Writes a chunk (length, type, data, CRC) at `at` of `out`; returns where it ends. */
function writeChunk(out: Buffer, at: number, type: string, data: Uint8Array): number {
  out.writeUInt32BE(data.length, at);
  out.write(type, at + 4, "latin1");
  out.set(data, at + 8);
  out.writeUInt32BE(crc32(data, crc32(out.subarray(at + 4, at + 8))), at + 8 + data.length);
  return at + 12 + data.length;
}

/** A palette image's size and colours; its scanlines come as a zlib stream (run-deflate.ts). */
export interface IndexedImage {
  width: number;
  height: number;
  palette: readonly Rgb[];
}

/** A palette PNG from its compressed scanlines: each row one filter byte (0, none) and `width` palette indices. */
export function indexedPng(image: IndexedImage, scanlines: Uint8Array): Buffer {
  const { width, height, palette } = image;
  if (palette.length < 1 || palette.length > 256) throw new Error(`a PNG palette has 1 to 256 colours, not ${palette.length}`);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 3, 0, 0, 0], 8); // 8 bits, palette, deflate, adaptive filtering, no interlace
  const colours = Uint8Array.from(palette.flat());
  // One buffer for the whole file: a card's scanlines are copied once, not once per chunk and again for the file.
  const out = Buffer.allocUnsafe(SIGNATURE.length + 4 * 12 + header.length + colours.length + scanlines.length);
  out.set(SIGNATURE);
  let at = writeChunk(out, SIGNATURE.length, "IHDR", header);
  at = writeChunk(out, at, "PLTE", colours);
  at = writeChunk(out, at, "IDAT", scanlines);
  writeChunk(out, at, "IEND", new Uint8Array());
  return out;
}

/**
 * Whether `file` is a whole PNG: the signature, then chunks whose CRCs match,
 * ending with IEND at the end of the file. A card kept between builds is
 * checked before it is published again, since a file cut short or damaged on
 * disk would otherwise be served as it is.
 */
export function pngIsWhole(file: Uint8Array): boolean {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (bytes.length < SIGNATURE.length || !bytes.subarray(0, SIGNATURE.length).equals(SIGNATURE)) return false;
  for (let at = SIGNATURE.length; at + 12 <= bytes.length;) {
    const end = at + 12 + bytes.readUInt32BE(at);
    if (end > bytes.length) return false;
    if (crc32(bytes.subarray(at + 4, end - 4)) !== bytes.readUInt32BE(end - 4)) return false;
    if (bytes.toString("latin1", at + 4, at + 8) === "IEND") return end === bytes.length;
    at = end;
  }
  return false;
}
