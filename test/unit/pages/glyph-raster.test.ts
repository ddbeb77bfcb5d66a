import type { PathCommand } from "fontkit";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { cardFonts, GlyphMasks } from "../../../scripts/lib/pages/card-font.ts";
import { coverageMask } from "../../../scripts/lib/pages/glyph-raster.ts";

/** A closed rectangle, counter-clockwise in y-up units unless `reversed`. */
function rectangle(x0: number, y0: number, x1: number, y1: number, reversed = false): PathCommand[] {
  const corners = [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
  if (reversed) corners.reverse();
  return [
    { command: "moveTo", args: corners[0] ?? [] },
    ...corners.slice(1).map((args): PathCommand => ({ command: "lineTo", args })),
    { command: "closePath", args: [] },
  ];
}

/** Rows of the mask as arrays, for readable expectations. */
const rows = (mask: Uint8Array, width: number) =>
  Array.from({ length: mask.length / width }, (_, r) => [...mask.subarray(r * width, (r + 1) * width)]);

/** Units with y up, placed so that unit (0, 0) is pixel corner (0, height): the mask shows the shape as drawn. */
const upright = (height: number) => ({ x: 0, y: height, scale: 1 });

describe("coverageMask", () => {
  it("covers the pixels inside a shape fully and those it only touches by the share it covers", () => {
    expect(rows(coverageMask(rectangle(1, 1, 3, 3), 4, 4, upright(4)), 4)).toEqual([
      [0, 0, 0, 0],
      [0, 255, 255, 0],
      [0, 255, 255, 0],
      [0, 0, 0, 0],
    ]);
    expect(rows(coverageMask(rectangle(0.5, 1, 2.5, 2), 4, 3, upright(3)), 4)).toEqual([
      [0, 0, 0, 0],
      [128, 255, 128, 0],
      [0, 0, 0, 0],
    ]);
    expect(rows(coverageMask(rectangle(1, 0.25, 2, 1), 3, 1, upright(1)), 3)).toEqual([[0, 191, 0]]);
  });

  it("fills by the nonzero rule: overlapping contours count once, a contour wound the other way cuts a hole", () => {
    const one = coverageMask(rectangle(1.5, 1.5, 6.5, 6.5), 8, 8, upright(8));
    const overlapping = coverageMask([...rectangle(1.5, 1.5, 6.5, 6.5), ...rectangle(1.5, 1.5, 4.5, 6.5)], 8, 8, upright(8));
    expect(overlapping).toEqual(one);
    expect(coverageMask(rectangle(1.5, 1.5, 6.5, 6.5, true), 8, 8, upright(8))).toEqual(one);
    const ring = coverageMask([...rectangle(1, 1, 7, 7), ...rectangle(3, 3, 5, 5, true)], 8, 8, upright(8));
    expect(rows(ring, 8)[3]).toEqual([0, 255, 255, 0, 0, 255, 255, 0]);
  });

  it("follows curves: a circle of quadratic arcs covers its area", () => {
    // Eight quadratic arcs round a circle of radius 20 centred at (25, 25).
    const r = 20;
    const c = 25;
    const k = r / Math.cos(Math.PI / 8);
    const commands: PathCommand[] = [{ command: "moveTo", args: [c + r, c] }];
    for (let i = 0; i < 8; i++) {
      const mid = ((i + 0.5) * Math.PI) / 4;
      const end = ((i + 1) * Math.PI) / 4;
      commands.push({
        command: "quadraticCurveTo",
        args: [c + k * Math.cos(mid), c + k * Math.sin(mid), c + r * Math.cos(end), c + r * Math.sin(end)],
      });
    }
    const mask = coverageMask(commands, 50, 50, upright(50));
    const area = mask.reduce((sum, v) => sum + v / 255, 0);
    // Eight quadratic arcs stand a little outside the true circle (by under 0.03 %).
    expect(area / (Math.PI * r * r)).toBeCloseTo(1, 2);
  });

  it("follows cubic curves too (the outlines of CFF fonts)", () => {
    // Four cubic arcs round a circle of radius 20 centred at (25, 25); the usual kappa puts them within 0.03 % of it.
    const [r, c, k] = [20, 25, 20 * 0.5522847498];
    const commands: PathCommand[] = [
      { command: "moveTo", args: [c + r, c] },
      { command: "bezierCurveTo", args: [c + r, c + k, c + k, c + r, c, c + r] },
      { command: "bezierCurveTo", args: [c - k, c + r, c - r, c + k, c - r, c] },
      { command: "bezierCurveTo", args: [c - r, c - k, c - k, c - r, c, c - r] },
      { command: "bezierCurveTo", args: [c + k, c - r, c + r, c - k, c + r, c] },
      { command: "closePath", args: [] },
    ];
    const area = coverageMask(commands, 50, 50, upright(50)).reduce((sum, v) => sum + v / 255, 0);
    expect(area / (Math.PI * r * r)).toBeCloseTo(1, 2);
  });

  it("gives a glyph the same mask wherever it is placed by whole pixels", () => {
    const font = cardFonts().serifBold;
    const { commands } = font.glyphOutline(font.word("g").glyphs[0]?.id ?? 0);
    const scale = 48 / font.unitsPerEm;
    const at = coverageMask(commands, 40, 60, { x: 5.25, y: 40, scale });
    const moved = coverageMask(commands, 340, 60, { x: 305.25, y: 40, scale });
    expect(rows(moved, 340).map((row) => row.slice(300))).toEqual(rows(at, 40));
  });

  it("draws glyphs as librsvg does, within a level or two on average", async () => {
    const font = cardFonts().serifBold;
    const [size, phase] = [44, 2];
    const glyphs = font.word("Harbour&gQ”").glyphs;
    const masks = new GlyphMasks();
    for (const glyph of glyphs) masks.want(font, glyph.id, size, phase);
    masks.draw();
    let difference = 0;
    let pixels = 0;
    let worst = 0;
    for (const glyph of glyphs) {
      const ours = masks.get(font, glyph.id, size, phase);
      const path = font.outline(glyph.id, size, phase / 4 - ours.left, -ours.top).path;
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${ours.width}" height="${ours.height}"><path d="${path}"/></svg>`;
      const theirs = await sharp(Buffer.from(svg)).ensureAlpha().extractChannel(3).raw().toBuffer();
      ours.coverage.forEach((value, i) => {
        const d = Math.abs(value - (theirs[i] ?? 0));
        difference += d;
        worst = Math.max(worst, d);
      });
      pixels += ours.coverage.length;
    }
    expect(difference / pixels).toBeLessThan(1.5);
    expect(worst).toBeLessThan(64);
  });
});
