/**
 * Social cards: the 1200×630 PNG a link preview shows for an article without
 * an image of its own (section and headline in the site's type and colours),
 * and one for the site's other pages. A card's file name is a hash of what it
 * shows and of the code and fonts that draw it, so an unchanged card is never
 * drawn twice: cards are kept in `.cache/cards/` under the content root and
 * hard-linked (or copied) into the site; a changed headline gets a new file,
 * and a new URL that preview services fetch afresh.
 *
 * Planning (`planCards`) is cheap and runs with the pages; drawing
 * (`CardDrawer`) is the costly part and runs beside them, in a worker during a
 * production build (`card-drawing.ts`).
 */
import { createHash } from "node:crypto";
import { copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { cardFonts, GlyphMasks, penPosition, type CardFont, type CardFontName, type GlyphMask } from "./card-font.ts";
import { fitText, type Measure } from "./card-layout.ts";
import { blankRows, indexedPng, pngIsWhole, type Rgb } from "./indexed-png.ts";
import { RunDeflate, type Pieces } from "./run-deflate.ts";
import type { Article, Site } from "../content/site-model.ts";
import { CARDS_URL } from "../content/urls.ts";

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
const MARGIN = 72;
const TEXT_WIDTH = CARD_WIDTH - 2 * MARGIN;

/** The site's light colours (src/assets/site.css). */
const COLOURS = {
  paper: [0xff, 0xfd, 0xf8],
  ink: [0x1a, 0x1a, 0x1a],
  muted: [0x4d, 0x4d, 0x4d],
  accent: [0xa3, 0x16, 0x1a],
  rule: [0xd9, 0xd4, 0xc7],
} as const satisfies Record<string, Rgb>;
type InkName = "ink" | "muted" | "accent";
const INKS: readonly InkName[] = ["ink", "muted", "accent"];
/** Anti-aliasing steps per ink: 16 blends from paper to the ink. */
const LEVELS = 16;

/** What a card shows; everything in it goes into the card's hash. */
export interface CardSpec {
  kind: "article" | "site";
  /** The site's name, in the masthead. */
  masthead: string;
  /** The article's section, above the headline (article cards). */
  kicker: string;
  /** The headline, or the site's name on the site card. */
  title: string;
  /** The site's tagline (site card). */
  tagline: string;
  /** The site's host name, at the foot. */
  footer: string;
  language: string;
}

export interface PlannedCard {
  spec: CardSpec;
  /** The hash that names the file. */
  key: string;
  /** Public URL path: `/cards/<key>.png`. */
  url: string;
}

export interface CardPlan {
  /** Article URL → its card; articles with their own image, or a headline the card fonts cannot show, have none. */
  articles: Map<string, PlannedCard>;
  /** Absent when the card fonts cannot show the site's name or tagline. */
  site?: PlannedCard;
  /** What the cards cannot show, for the build to report. */
  warnings: string[];
}

interface TextRun {
  font: CardFontName;
  size: number;
  ink: InkName;
  x: number;
  baseline: number;
  text: string;
  /** Extra space after each glyph, in pixels. */
  tracking: number;
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
  colour: "rule" | "ink";
}

/** The code and fonts that draw a card: a change to any of them gives every card a new hash. */
let drawingHash: string | undefined;
function drawing(): string {
  if (drawingHash === undefined) {
    const hash = createHash("sha256");
    for (const module of [
      "./social-cards.ts",
      "./card-font.ts",
      "./glyph-raster.ts",
      "./card-layout.ts",
      "./indexed-png.ts",
      "./run-deflate.ts",
    ]) {
      hash.update(readFileSync(new URL(module, import.meta.url)));
    }
    for (const font of Object.values(cardFonts())) hash.update(font.version);
    drawingHash = hash.digest("hex");
  }
  return drawingHash;
}

function measureWith(font: CardFont, tracking: number): Measure {
  return (text, size) => {
    const scale = size / font.unitsPerEm;
    let width = 0;
    let glyphs = 0;
    const words = text.split(" ");
    for (const word of words) {
      const shaped = font.word(word);
      width += shaped.advance * scale;
      glyphs += shaped.glyphs.length;
    }
    return width + (words.length - 1) * font.spaceAdvance * scale + (glyphs + words.length - 1) * tracking;
  };
}

/** The lines of the card's big text, as many as fit between `top` and `bottom` at each size. */
function headlineRuns(text: string, sizes: readonly number[], top: number, bottom: number): TextRun[] {
  const font = cardFonts().serifBold;
  const lineHeight = (size: number) => Math.round(size * 1.12);
  const maxLines = (size: number) => Math.floor((bottom - top - size) / lineHeight(size)) + 1;
  const fitted = fitText(text, sizes, maxLines, TEXT_WIDTH, measureWith(font, 0));
  const first = top + Math.round(fitted.size * 0.8);
  return fitted.lines.map((line, i) => ({
    font: "serifBold",
    size: fitted.size,
    ink: "ink",
    x: MARGIN,
    baseline: first + i * lineHeight(fitted.size),
    text: line,
    tracking: 0,
  }));
}

/** A single line cut to the text width: the kicker, the masthead, the tagline, the footer. */
function lineRun(run: Omit<TextRun, "text">, text: string): TextRun {
  const fitted = fitText(text, [run.size], () => 1, TEXT_WIDTH, measureWith(cardFonts()[run.font], run.tracking));
  return { ...run, text: fitted.lines[0] ?? "" };
}

/** The masthead's double rule (site.css: 3px double), across the card at `y`. */
const doubleRule = (y: number): Rect[] => [
  { x: 0, y, width: CARD_WIDTH, height: 2, colour: "rule" },
  { x: 0, y: y + 6, width: CARD_WIDTH, height: 2, colour: "rule" },
];

/** A card's drawing: `frame` is the same on every card of its kind; `text` is the card's own, all at or below `textTop`. */
interface Drawing {
  frame: { runs: TextRun[]; rects: Rect[] };
  text: TextRun[];
  textTop: number;
}

/** The article cards' own text starts below this row (the section's capitals, accents included, reach row ~176). */
const ARTICLE_TEXT_TOP = 160;

/**
 * The card's drawing. An article's: the masthead and its double rule, the
 * section, the headline, a rule and the host name at the foot. The site's:
 * its name as a masthead over the double rule, the tagline, and the same foot.
 */
function layout(spec: CardSpec): Drawing {
  const rects: Rect[] = [{ x: MARGIN, y: 548, width: TEXT_WIDTH, height: 4, colour: "ink" }];
  const runs: TextRun[] = [lineRun({ font: "sansBold", size: 30, ink: "muted", x: MARGIN, baseline: 598, tracking: 0 }, spec.footer)];
  if (spec.kind === "article") {
    rects.push(...doubleRule(122));
    runs.push(lineRun({ font: "serifBold", size: 50, ink: "ink", x: MARGIN, baseline: 92, tracking: 0 }, spec.masthead));
    const kicker = lineRun(
      { font: "sansBold", size: 30, ink: "accent", x: MARGIN, baseline: 204, tracking: 2 },
      spec.kicker.toLocaleUpperCase(spec.language),
    );
    return {
      frame: { runs, rects },
      text: [kicker, ...headlineRuns(spec.title, [84, 76, 68, 60, 52], 236, 520)],
      textTop: ARTICLE_TEXT_TOP,
    };
  }
  rects.push(...doubleRule(330));
  runs.push(...headlineRuns(spec.title, [132, 112, 96, 84], 150, 310));
  if (spec.tagline) runs.push(lineRun({ font: "sans", size: 48, ink: "muted", x: MARGIN, baseline: 440, tracking: 0 }, spec.tagline));
  return { frame: { runs, rects }, text: [], textTop: CARD_HEIGHT };
}

/** Keys already worked out by this process: the dev server plans every card again on each rebuild. */
const keys = new Map<string, string>();
function cardKey(spec: CardSpec): string {
  const text = JSON.stringify(spec);
  let key = keys.get(text);
  if (key === undefined) keys.set(text, (key = createHash("sha256").update(drawing()).update(text).digest("hex").slice(0, 20)));
  return key;
}

function planned(spec: CardSpec): PlannedCard {
  const key = cardKey(spec);
  return { spec, key, url: `${CARDS_URL}${key}.png` };
}

/** Whether the card fonts have every character the card would show (they cover Latin, Greek and Cyrillic). */
function drawable(spec: CardSpec): boolean {
  const { serifBold, sansBold, sans } = cardFonts();
  return (
    serifBold.covers(spec.masthead + spec.title) &&
    sansBold.covers(spec.kicker.toLocaleUpperCase(spec.language) + spec.footer) &&
    sans.covers(spec.tagline)
  );
}

const FONT_COVERAGE = "the social card fonts, which cover Latin, Greek and Cyrillic";

/**
 * The cards a site needs: one per published article without an image of its
 * own, and the site card. A headline the fonts cannot show falls back to the
 * site card; a site name or tagline they cannot show leaves the site without
 * one (and its other pages without a preview image). Either is a warning.
 */
export function planCards(site: Site): CardPlan {
  const { settings } = site;
  const footer = new URL(settings.url).host;
  const base = { masthead: settings.title, footer, language: settings.language };
  const siteSpec: CardSpec = { kind: "site", ...base, kicker: "", title: settings.title, tagline: settings.tagline };
  const warnings: string[] = [];
  if (!drawable(siteSpec)) {
    warnings.push(
      `_data/site.yaml: ${FONT_COVERAGE}, cannot show the site's title or tagline, so pages other than articles have no link preview image`,
    );
  }
  const articles = new Map<string, PlannedCard>();
  const undrawable: string[] = [];
  for (const article of site.articles) {
    if (article.image) continue;
    const spec = articleSpec(article, base);
    if (drawable(spec)) articles.set(article.url, planned(spec));
    else undrawable.push(article.file);
  }
  if (undrawable.length > 0) {
    const count = undrawable.length === 1 ? "1 article's headline uses" : `${undrawable.length} articles' headlines use`;
    warnings.push(
      `${count} characters missing from ${FONT_COVERAGE} (${undrawable[0]}${undrawable.length > 1 ? ", …" : ""}): they show the site card`,
    );
  }
  return { articles, ...(drawable(siteSpec) ? { site: planned(siteSpec) } : {}), warnings };
}

function articleSpec(article: Article, base: Pick<CardSpec, "masthead" | "footer" | "language">): CardSpec {
  const title = article.title.normalize("NFC").replace(/\s+/g, " ").trim();
  return { kind: "article", ...base, kicker: article.section.name, title, tagline: "" };
}

/** Palette: paper, then each ink's blends from paper (level 1) to full ink (level 16), then the rule colour. */
const PALETTE: Rgb[] = [
  COLOURS.paper,
  ...INKS.flatMap((ink) =>
    Array.from({ length: LEVELS }, (_, i): Rgb => {
      const a = (i + 1) / LEVELS;
      const [p, c] = [COLOURS.paper, COLOURS[ink]];
      return [0, 1, 2].map((k) => Math.round((p[k] ?? 0) + ((c[k] ?? 0) - (p[k] ?? 0)) * a)) as unknown as Rgb;
    }),
  ),
  COLOURS.rule,
];
const inkBase = (ink: InkName) => 1 + INKS.indexOf(ink) * LEVELS;
const RULE_INDEX = 1 + INKS.length * LEVELS;
/** Coverage 0–255 → blend level 0–16. */
const LEVEL_OF = Uint8Array.from({ length: 256 }, (_, c) => Math.round((c * LEVELS) / 255));

/** Where each glyph of a run goes: mask, pixel x and the baseline. */
function* placements(run: TextRun): Generator<{ id: number; pixel: number; phase: number; y: number }> {
  const font = cardFonts()[run.font];
  const scale = run.size / font.unitsPerEm;
  let pen = run.x;
  for (const word of run.text.split(" ")) {
    const shaped = font.word(word);
    for (const glyph of shaped.glyphs) {
      const { pixel, phase } = penPosition(pen + glyph.x * scale);
      yield { id: glyph.id, pixel, phase, y: run.baseline - Math.round(glyph.y * scale) };
      pen += run.tracking;
    }
    pen += (shaped.advance + font.spaceAdvance) * scale + run.tracking;
  }
}

const STRIDE = CARD_WIDTH + 1;
const IMAGE_BYTES = STRIDE * CARD_HEIGHT;

/**
 * A glyph's rows in one ink: for each, the palette indices from its first
 * inked pixel to its last (0 where the paper shows through) as a piece of
 * stream, and where that stretch starts in the glyph's box.
 */
interface Strokes {
  /** The lowest index of the ink's blends, less one: what `inkOver` compares with. */
  base: number;
  /** Each row's first inked pixel and the length of its stretch (0 for a row without ink). */
  xs: Int32Array;
  lengths: Int32Array;
  pieces: Pieces;
}

/** Each row cut to its stretch from its first palette index that is not paper (0) to its last, as pieces. */
function rowStrokes(rows: readonly Uint8Array[]): Omit<Strokes, "base"> {
  const xs = new Int32Array(rows.length);
  const lengths = new Int32Array(rows.length);
  const stretches = rows.map((row, y) => {
    let first = 0;
    while (first < row.length && row[first] === 0) first++;
    if (first === row.length) return undefined;
    let last = row.length - 1;
    while (row[last] === 0) last--;
    xs[y] = first;
    lengths[y] = last + 1 - first;
    return row.slice(first, last + 1);
  });
  return { xs, lengths, pieces: RunDeflate.pieces(stretches) };
}

/** Each mask's rows in each ink, worked out once: a glyph's box is mostly paper, and a row without ink is skipped. */
const strokesOf = new WeakMap<GlyphMask, Map<InkName, Strokes>>();
function strokes(mask: GlyphMask, ink: InkName): Strokes {
  let byInk = strokesOf.get(mask);
  if (!byInk) strokesOf.set(mask, (byInk = new Map()));
  let found = byInk.get(ink);
  if (!found) {
    const base = inkBase(ink) - 1;
    const indexOf = Uint8Array.from(LEVEL_OF, (level) => (level > 0 ? base + level : 0));
    const pixels = new Uint8Array(mask.coverage.length);
    for (let i = 0; i < pixels.length; i++) pixels[i] = indexOf[mask.coverage[i]!]!;
    const rows = Array.from({ length: mask.height }, (_, y) => pixels.subarray(y * mask.width, (y + 1) * mask.width));
    byInk.set(ink, (found = { base, ...rowStrokes(rows) }));
  }
  return found;
}

/** Whether ink `index` (of the blends above `base`) covers what is there: another ink is covered, the same ink only by a darker blend. */
const inkOver = (seen: number, index: number, base: number) => seen <= base || seen > base + LEVELS || seen < index;

/** Lays row `r` of a glyph whose box starts at `left` into one row of scanlines (`row` starts at its filter byte), clipped to the card. */
function lay(row: Uint8Array, strokes: Strokes, r: number, left: number): void {
  const bytes = strokes.pieces.bytes[r];
  if (!bytes) return;
  for (let j = 0; j < bytes.length; j++) {
    const x = left + strokes.xs[r]! + j;
    const index = bytes[j]!;
    if (index === 0 || x < 0 || x >= CARD_WIDTH) continue;
    if (inkOver(row[1 + x]!, index, strokes.base)) row[1 + x] = index;
  }
}

/** A glyph placed on a card: its rows in its ink, and its box's top left corner. */
interface Placed {
  strokes: Strokes;
  height: number;
  left: number;
  top: number;
}

/** The glyphs of runs of text, in the order they are drawn; nothing may reach above row `top` (the rows above are the frame's). */
function placeText(runs: readonly TextRun[], masks: GlyphMasks, top = 0): Placed[] {
  const placed: Placed[] = [];
  for (const run of runs) {
    const font = cardFonts()[run.font];
    for (const { id, pixel, phase, y } of placements(run)) {
      const mask = masks.get(font, id, run.size, phase);
      if (y + mask.top < top)
        throw new Error(`a card's text reaches row ${y + mask.top}, above its frame's row ${top}: the card's layout is wrong`);
      placed.push({ strokes: strokes(mask, run.ink), height: mask.height, left: pixel + mask.left, top: y + mask.top });
    }
  }
  return placed;
}

function paintRects(rows: Uint8Array, rects: readonly Rect[]): void {
  for (const rect of rects) {
    const index = rect.colour === "rule" ? RULE_INDEX : inkBase("ink") + LEVELS - 1;
    for (let y = rect.y; y < rect.y + rect.height; y++) rows.fill(index, y * STRIDE + 1 + rect.x, y * STRIDE + 1 + rect.x + rect.width);
  }
}

/**
 * A frame, drawn once per kind of card and site: its scanlines; the stream of
 * the rows above the text, to go on from; and each row below as a piece.
 */
interface Frame {
  rows: Uint8Array;
  head: RunDeflate;
  below: Omit<Strokes, "base">;
}
const frames = new Map<string, Frame>();

function frameOf(drawing: Drawing, masks: GlyphMasks): Frame {
  const key = JSON.stringify(drawing.frame) + drawing.textTop;
  let frame = frames.get(key);
  if (!frame) {
    const rows = blankRows(CARD_WIDTH, CARD_HEIGHT);
    paintRects(rows, drawing.frame.rects);
    for (const glyph of placeText(drawing.frame.runs, masks)) {
      for (let r = 0, y = glyph.top; r < glyph.height; r++, y++) {
        if (y >= 0 && y < CARD_HEIGHT) lay(rows.subarray(y * STRIDE, (y + 1) * STRIDE), glyph.strokes, r, glyph.left);
      }
    }
    const head = new RunDeflate(IMAGE_BYTES);
    head.bytes(0, rows.subarray(0, drawing.textTop * STRIDE));
    const below = Array.from({ length: CARD_HEIGHT - drawing.textTop }, (_, i) =>
      rows.subarray((drawing.textTop + i) * STRIDE + 1, (drawing.textTop + i + 1) * STRIDE),
    );
    frame = { rows, head, below: rowStrokes(below) };
    frames.set(key, frame);
  }
  return frame;
}

/** The one scanline a row is laid out in when its strokes overlap or leave the card. */
const scratch = new Uint8Array(STRIDE);

/**
 * Draws one card as PNG bytes: the frame's stream goes on from its last row
 * above the text, and each row below is written from the pieces of the
 * strokes on it, left to right. A row whose strokes overlap, run off the
 * card or meet the frame's is laid out pixel by pixel instead.
 */
export function drawCard(spec: CardSpec, masks: GlyphMasks): Buffer {
  return drawLaidOut(layout(spec), masks);
}

function drawLaidOut(drawing: Drawing, masks: GlyphMasks): Buffer {
  const frame = frameOf(drawing, masks);
  const placed = placeText(drawing.text, masks, drawing.textTop);
  const waiting = [...placed].sort((a, b) => a.top - b.top);
  // The glyphs on the current row, from left to right.
  const active: Placed[] = [];
  const stream = frame.head.clone();
  let next = 0;
  for (let y = drawing.textTop; y < CARD_HEIGHT; y++) {
    for (; next < waiting.length && waiting[next]!.top <= y; next++) {
      const glyph = waiting[next]!;
      let i = active.length;
      while (i > 0 && active[i - 1]!.left > glyph.left) i--;
      active.splice(i, 0, glyph);
    }
    let end = 0;
    let inked = false;
    let apart = true;
    for (let i = 0; i < active.length; i++) {
      const glyph = active[i]!;
      const r = y - glyph.top;
      if (r >= glyph.height) {
        active.splice(i--, 1);
        continue;
      }
      const length = glyph.strokes.lengths[r]!;
      if (length === 0) continue;
      const at = glyph.left + glyph.strokes.xs[r]!;
      inked = true;
      apart &&= at >= end;
      end = at + length;
    }
    const rowStart = y * STRIDE + 1;
    const { below } = frame;
    const frameRow = y - drawing.textTop;
    const framed = below.lengths[frameRow]! > 0;
    if (!inked) {
      if (framed) stream.piece(rowStart + below.xs[frameRow]!, below.pieces, frameRow);
    } else if (apart && !framed && end <= CARD_WIDTH) {
      for (const glyph of active) {
        const r = y - glyph.top;
        if (glyph.strokes.lengths[r]! > 0) stream.piece(rowStart + glyph.left + glyph.strokes.xs[r]!, glyph.strokes.pieces, r);
      }
    } else {
      scratch.set(frame.rows.subarray(y * STRIDE, (y + 1) * STRIDE));
      // In the order the glyphs were drawn, as overlapping glyphs of one ink keep the darker pixel and a later ink covers an earlier.
      for (const glyph of placed)
        if (y >= glyph.top && y < glyph.top + glyph.height) lay(scratch, glyph.strokes, y - glyph.top, glyph.left);
      stream.bytes(rowStart, scratch.subarray(1));
    }
  }
  return indexedPng({ width: CARD_WIDTH, height: CARD_HEIGHT, palette: PALETTE }, stream.finish());
}

/** Asks `masks` for every glyph the cards need, so they are drawn in a few batches. */
export function wantGlyphs(specs: Iterable<CardSpec>, masks: GlyphMasks): void {
  wantDrawn(Array.from(specs, layout), masks);
}

function wantDrawn(drawings: readonly Drawing[], masks: GlyphMasks): void {
  for (const drawing of drawings) {
    for (const run of [...drawing.frame.runs, ...drawing.text]) {
      const font = cardFonts()[run.font];
      for (const { id, phase } of placements(run)) masks.want(font, id, run.size, phase);
    }
  }
}

export interface CardDirs {
  /** Where drawn cards are kept between builds: `.cache/cards/` under the content root. */
  cacheDir: string;
  /** The site being built; cards go to its `/cards/`. */
  outputDir: string;
}

export interface DrawReport {
  drawn: number;
  reused: number;
}

/** Puts a cached card into the site: a hard link where the file system allows, a copy otherwise. */
function publishCard(cached: string, target: string): void {
  try {
    linkSync(cached, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") copyFileSync(cached, target);
  }
}

/**
 * Writes a newly drawn card into the site, then links it into the cache:
 * the cache only ever gains whole files (a half-written card is left in the
 * build's output, which a failed build discards). Where the cache cannot
 * take a link, the card is copied in under a temporary name and renamed.
 */
function keepCard(png: Buffer, cached: string, target: string): void {
  try {
    writeFileSync(target, png, { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    // A link to an older file (the dev server's folder): replaced, never written through.
    unlinkSync(target);
    writeFileSync(target, png, { flag: "wx" });
  }
  try {
    linkSync(target, cached);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return;
    const partial = `${cached}.${process.pid}.partial`;
    writeFileSync(partial, png);
    renameSync(partial, cached);
  }
}

/** Whether a kept card is a whole PNG; one that is not (cut short or damaged on disk) is removed, to be drawn again. */
function keptWhole(cached: string): boolean {
  if (pngIsWhole(readFileSync(cached))) return true;
  unlinkSync(cached);
  return false;
}

/** Cards this process has put into each output folder: the dev server's rebuilds write into the same folder. */
const publishedTo = new Map<string, Set<string>>();

/**
 * Draws the cards not already in the cache, then puts every card into the
 * site, a batch at a time: the cache's listing and the glyphs drawn are kept
 * from one batch to the next, so a build's cards can be handed over in
 * batches rather than all at once. The file work is synchronous: in the
 * build's worker there is nothing else to do meanwhile, and each card's bytes
 * are garbage at once rather than held for an asynchronous write, which also
 * kept the thread pool that writes the pages busy.
 */
export class CardDrawer {
  readonly #cacheDir: string;
  readonly #target: string;
  readonly #published: Set<string>;
  readonly #cached: Set<string>;
  readonly #masks = new GlyphMasks();
  #drawn = 0;
  #reused = 0;

  constructor(dirs: CardDirs) {
    this.#cacheDir = dirs.cacheDir;
    this.#target = path.join(dirs.outputDir, CARDS_URL);
    this.#published = publishedTo.get(this.#target) ?? new Set<string>();
    publishedTo.set(this.#target, this.#published);
    mkdirSync(dirs.cacheDir, { recursive: true });
    mkdirSync(this.#target, { recursive: true });
    this.#cached = new Set(readdirSync(dirs.cacheDir));
  }

  /** Puts these cards into the site, drawing those the cache lacks; a card already put there, in this batch or an earlier one, is skipped. */
  draw(cards: readonly PlannedCard[]): void {
    const unique = [...new Map(cards.filter((c) => !this.#published.has(c.key)).map((c) => [c.key, c])).values()];
    const missing = unique.filter((card) => !this.#cached.has(this.#fileName(card)) || !keptWhole(this.#cachedFile(card)));
    if (missing.length > 0) {
      const drawings = missing.map((card) => layout(card.spec));
      wantDrawn(drawings, this.#masks);
      this.#masks.draw();
      missing.forEach((card, i) => {
        keepCard(drawLaidOut(drawings[i]!, this.#masks), this.#cachedFile(card), path.join(this.#target, this.#fileName(card)));
        this.#cached.add(this.#fileName(card));
        this.#published.add(card.key);
      });
    }
    for (const card of unique) {
      if (this.#published.has(card.key)) continue;
      publishCard(this.#cachedFile(card), path.join(this.#target, this.#fileName(card)));
      this.#published.add(card.key);
    }
    this.#drawn += missing.length;
    this.#reused += unique.length - missing.length;
  }

  get report(): DrawReport {
    return { drawn: this.#drawn, reused: this.#reused };
  }

  #fileName(card: PlannedCard): string {
    return `${card.key}.png`;
  }

  #cachedFile(card: PlannedCard): string {
    return path.join(this.#cacheDir, this.#fileName(card));
  }
}

/** Draws and puts into the site every card of a list at once (the dev server's rebuilds, the tests). */
export function drawCards(cards: readonly PlannedCard[], dirs: CardDirs): DrawReport {
  const drawer = new CardDrawer(dirs);
  drawer.draw(cards);
  return drawer.report;
}
