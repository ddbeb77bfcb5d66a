import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { RunDeflate } from "../../../scripts/lib/pages/run-deflate.ts";

/** A deterministic pseudo-random byte source, so a failure can be replayed. */
function bytesFrom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) >>> 0;
    return state >>> 24;
  };
}

describe("RunDeflate", () => {
  it("writes a zlib stream that zlib inflates to the same bytes and whose Adler-32 zlib accepts", () => {
    const next = bytesFrom(7);
    for (let trial = 0; trial < 40; trial++) {
      const length = 200 + (next() << 6);
      const image = new Uint8Array(length);
      const writer = new RunDeflate(length);
      // Stretches of every kind: single bytes, runs longer than one copy, bytes above 143 (nine-bit literals), zeros inside.
      for (let at = next(); at < length - 600; at += 1 + (next() << 1)) {
        const stretch = new Uint8Array(1 + (next() % 4 === 0 ? next() * 2 : next() % 9));
        for (let i = 0; i < stretch.length;) {
          const byte = next() % 3 === 0 ? 0 : next();
          const run = Math.min(stretch.length - i, next() % 5 === 0 ? next() + 3 : 1);
          stretch.fill(byte, i, i + run);
          i += run;
        }
        image.set(stretch, at);
        if (next() % 2 === 0) writer.piece(at, RunDeflate.pieces([stretch]), 0);
        else writer.bytes(at, stretch);
        at += stretch.length;
      }
      expect(Buffer.from(inflateSync(writer.finish())).equals(Buffer.from(image))).toBe(true);
    }
  });

  it("keeps the checksum exact over thousands of pieces of bright bytes in a large image", () => {
    const length = 4_000_000;
    const image = new Uint8Array(length);
    const writer = new RunDeflate(length);
    const bright = Uint8Array.from([255, 254, 254, 254, 254, 253, 255]);
    const pieces = RunDeflate.pieces([undefined, bright]);
    for (let at = 100; at + 7 < length; at += 997) {
      image.set(bright, at);
      writer.piece(at, pieces, 1);
    }
    expect(Buffer.from(inflateSync(writer.finish())).equals(Buffer.from(image))).toBe(true);
  });

  it("goes on from a copy of a stream as from the stream itself, leaving the original untouched", () => {
    const head = new RunDeflate(5000);
    head.bytes(10, Uint8Array.from([3, 3, 3, 3, 200, 0, 7]));
    const pieces = RunDeflate.pieces([Uint8Array.from([9, 9, 9, 9, 9, 9, 1])]);
    const first = head.clone();
    first.piece(4000, pieces, 0);
    const second = head.clone();
    second.piece(20, pieces, 0);
    const expected = (at: number) => {
      const image = new Uint8Array(5000);
      image.set([3, 3, 3, 3, 200, 0, 7], 10);
      image.set([9, 9, 9, 9, 9, 9, 1], at);
      return Buffer.from(image);
    };
    expect(Buffer.from(inflateSync(first.finish())).equals(expected(4000))).toBe(true);
    expect(Buffer.from(inflateSync(second.finish())).equals(expected(20))).toBe(true);
    expect(
      inflateSync(head.finish())
        .subarray(4000, 4007)
        .every((b) => b === 0),
    ).toBe(true);
  });

  it("refuses to write over bytes already written", () => {
    const writer = new RunDeflate(100);
    writer.bytes(50, Uint8Array.from([1, 2, 3]));
    expect(() => writer.bytes(51, Uint8Array.from([4]))).toThrow(/byte 51 is already written/);
  });
});
