/**
 * Coverage masks of glyph outlines, each computed in the glyph's own frame,
 * so that a mask depends only on its outline and where that sits within its
 * pixel, never on what else is drawn. librsvg, given many glyphs in one
 * picture, gave a few edge pixels values that depended on where in the
 * picture a glyph sat: a card drawn alone in a rebuild differed from the card
 * a clean build drew among thousands.
 *
 * Each pixel row is sampled along SAMPLES lines; on each, the spans where the
 * outline's winding number is not zero (the rule fonts are filled by, so
 * contours that overlap, as in many fonts' H or A, count once) add their
 * exact width to the pixels they cross.
 */
import type { PathCommand } from "fontkit";

/** Sample lines per pixel row: 16 levels of vertical coverage, horizontal coverage exact. */
const SAMPLES = 16;
/** Curves are cut into lines no further than this from the curve, in pixels: well under what 256 levels of coverage show. */
const FLATNESS = 0.02;
/** No curve of a glyph at card sizes needs more lines than this. */
const MAX_LINES = 64;

/** Where outline units land in the mask: x right and y down, from `x`, `y` (pixels), `scale` pixels per unit, y flipped. */
export interface Placement {
  x: number;
  y: number;
  scale: number;
}

/** An edge of the outline, top to bottom, with the winding it adds when crossed left to right. */
interface Edge {
  x0: number;
  y0: number;
  y1: number;
  dxdy: number;
  winding: 1 | -1;
}

/** Coverage, 0 to 255, of the outline (nonzero winding) placed in a `width` × `height` mask, row by row. */
export function coverageMask(commands: readonly PathCommand[], width: number, height: number, at: Placement): Uint8Array {
  const rows: Edge[][] = Array.from({ length: height }, () => []);
  const addEdge = (ax: number, ay: number, bx: number, by: number) => {
    if (ay === by) return;
    const [x0, y0, x1, y1, winding] = ay < by ? [ax, ay, bx, by, 1 as const] : [bx, by, ax, ay, -1 as const];
    const edge = { x0, y0, y1, dxdy: (x1 - x0) / (y1 - y0), winding };
    for (let row = Math.max(0, Math.floor(y0)); row < Math.min(height, Math.ceil(y1)); row++) rows[row]?.push(edge);
  };
  traceOutline(commands, at, addEdge);

  const mask = new Uint8Array(width * height);
  const coverage = new Float64Array(width);
  // A sample line crosses a few edges: kept in two arrays and sorted in place (stably, as the edges were added),
  // rather than as objects sorted anew, which made this the card worker's largest allocation.
  const most = rows.reduce((n, edges) => Math.max(n, edges.length), 0);
  const xs = new Float64Array(most);
  const windings = new Int8Array(most);
  rows.forEach((edges, row) => {
    if (edges.length === 0) return;
    coverage.fill(0);
    for (let sample = 0; sample < SAMPLES; sample++) {
      const y = row + (sample + 0.5) / SAMPLES;
      let count = 0;
      for (const e of edges) {
        if (!(e.y0 <= y && y < e.y1)) continue;
        const x = e.x0 + (y - e.y0) * e.dxdy;
        let at = count++;
        for (; at > 0 && xs[at - 1]! > x; at--) {
          xs[at] = xs[at - 1]!;
          windings[at] = windings[at - 1]!;
        }
        xs[at] = x;
        windings[at] = e.winding;
      }
      let winding = 0;
      let spanStart = 0;
      for (let i = 0; i < count; i++) {
        const x = xs[i]!;
        if (winding === 0) spanStart = x;
        winding += windings[i]!;
        if (winding === 0) addSpan(coverage, spanStart, x, 1 / SAMPLES);
      }
    }
    for (let x = 0; x < width; x++) mask[row * width + x] = Math.round(Math.min(1, coverage[x] ?? 0) * 255);
  });
  return mask;
}

/** Adds `weight` times the part of each pixel that [from, to) covers. */
function addSpan(coverage: Float64Array, from: number, to: number, weight: number): void {
  const a = Math.max(0, from);
  const b = Math.min(coverage.length, to);
  if (b <= a) return;
  const first = Math.floor(a);
  const last = Math.floor(b);
  if (first === last) {
    coverage[first] = (coverage[first] ?? 0) + (b - a) * weight;
    return;
  }
  coverage[first] = (coverage[first] ?? 0) + (first + 1 - a) * weight;
  for (let x = first + 1; x < last; x++) coverage[x] = (coverage[x] ?? 0) + weight;
  if (last < coverage.length) coverage[last] = (coverage[last] ?? 0) + (b - last) * weight;
}

type LineTo = (x0: number, y0: number, x1: number, y1: number) => void;

/** Every contour of the outline as lines in mask pixels, each contour closed. */
function traceOutline(commands: readonly PathCommand[], at: Placement, line: LineTo): void {
  let [startX, startY, penX, penY] = [0, 0, 0, 0];
  for (const { command, args } of commands) {
    const points = args.map((value, i) => (i % 2 === 0 ? at.x + value * at.scale : at.y - value * at.scale));
    if (command === "moveTo") {
      line(penX, penY, startX, startY);
      [startX, startY] = [points[0] ?? 0, points[1] ?? 0];
    } else if (command === "closePath") {
      line(penX, penY, startX, startY);
      [penX, penY] = [startX, startY];
      continue;
    } else if (command === "lineTo") {
      line(penX, penY, points[0] ?? 0, points[1] ?? 0);
    } else {
      flatten([penX, penY, ...points], line);
    }
    [penX, penY] = [points.at(-2) ?? 0, points.at(-1) ?? 0];
  }
  // A contour left open is closed, as SVG fills it.
  line(penX, penY, startX, startY);
}

/** A quadratic (6 numbers) or cubic (8) Bézier from its points, as lines within FLATNESS of it. */
function flatten(p: readonly number[], line: LineTo): void {
  const cubic = p.length === 8;
  // The control polygon's largest second difference bounds how far the curve strays from its chords.
  let bend = 0;
  for (let i = 0; i + 5 < p.length; i += 2) {
    bend = Math.max(
      bend,
      Math.hypot((p[i] ?? 0) - 2 * (p[i + 2] ?? 0) + (p[i + 4] ?? 0), (p[i + 1] ?? 0) - 2 * (p[i + 3] ?? 0) + (p[i + 5] ?? 0)),
    );
  }
  const lines = Math.min(MAX_LINES, Math.max(1, Math.ceil(Math.sqrt(((cubic ? 0.75 : 0.25) * bend) / FLATNESS))));
  const at = (t: number, k: number) => {
    const s = 1 - t;
    return cubic
      ? s * s * s * (p[k] ?? 0) + 3 * s * s * t * (p[2 + k] ?? 0) + 3 * s * t * t * (p[4 + k] ?? 0) + t * t * t * (p[6 + k] ?? 0)
      : s * s * (p[k] ?? 0) + 2 * s * t * (p[2 + k] ?? 0) + t * t * (p[4 + k] ?? 0);
  };
  let [x, y] = [p[0] ?? 0, p[1] ?? 0];
  for (let step = 1; step <= lines; step++) {
    const [nx, ny] = step === lines ? [p.at(-2) ?? 0, p.at(-1) ?? 0] : [at(step / lines, 0), at(step / lines, 1)];
    line(x, y, nx, ny);
    [x, y] = [nx, ny];
  }
}
