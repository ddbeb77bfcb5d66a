/**
 * PNG encoding of palette images (colour type 3, 8 bits a pixel). A social
 * card has a few dozen colours, so one byte a pixel and zlib over mostly
 * repeated rows make a small file quickly; sharp would first quantise full
 * colour back to a palette, about forty times slower.
 */
import { constants, crc32, deflateSync } from "node:zlib";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export type Rgb = readonly [number, number, number];

/** A palette image as PNG scanlines: each row is one filter byte (0, none) and `width` palette indices. */
export interface IndexedImage {
  width: number;
  height: number;
  palette: readonly Rgb[];
  rows: Uint8Array;
}

/** Allocates the scanlines of a `width` × `height` image filled with palette index `fill`, filter bytes included. */
export function blankRows(width: number, height: number, fill = 0): Uint8Array {
  const rows = new Uint8Array((width + 1) * height).fill(fill);
  for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0;
  return rows;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * zlib's run-length strategy: a card is long runs of one colour, so it
 * compresses nearly as well as the default (about 20 kB against 17 kB) in a
 * sixth of the time.
 */
export function encodeIndexedPng(image: IndexedImage): Buffer {
  const { width, height, palette, rows } = image;
  if (palette.length < 1 || palette.length > 256) throw new Error(`a PNG palette has 1 to 256 colours, not ${palette.length}`);
  if (rows.length !== (width + 1) * height) throw new Error(`expected ${(width + 1) * height} bytes of scanlines, got ${rows.length}`);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 3, 0, 0, 0], 8); // 8 bits, palette, deflate, adaptive filtering, no interlace
  return Buffer.concat([
    SIGNATURE,
    chunk("IHDR", header),
    chunk("PLTE", Uint8Array.from(palette.flat())),
    chunk("IDAT", deflateSync(rows, { strategy: constants.Z_RLE })),
    chunk("IEND", new Uint8Array()),
  ]);
}
