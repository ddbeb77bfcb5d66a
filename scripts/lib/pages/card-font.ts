/**
 * The fonts of the social cards, set without a text engine per card: each
 * word is shaped once by fontkit (kerning and ligatures within the word) and
 * remembered, and each glyph is drawn once per size and quarter-pixel
 * position from its outline, as a coverage mask the cards stamp
 * (glyph-raster.ts). Thousands of headlines share a few thousand words and a
 * few hundred glyphs, so a card costs little more than its pixels.
 *
 * The font files ship in npm packages, so every machine draws the same
 * pixels, whatever fonts it has installed.
 */
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import * as fontkit from "fontkit";
import type { PathCommand } from "fontkit";
import { coverageMask } from "./glyph-raster.ts";

const require = createRequire(import.meta.url);

/** The fonts the cards use: Source Serif 4 and Source Sans 3 (SIL Open Font License), from Google Fonts via npm. */
export const CARD_FONT_FILES = {
  serifBold: "@expo-google-fonts/source-serif-4/700Bold/SourceSerif4_700Bold.ttf",
  sansBold: "@expo-google-fonts/source-sans-3/700Bold/SourceSans3_700Bold.ttf",
  sans: "@expo-google-fonts/source-sans-3/400Regular/SourceSans3_400Regular.ttf",
} as const;
export type CardFontName = keyof typeof CARD_FONT_FILES;

/** Glyph positions are rounded to a quarter pixel: finer gains nothing visible, and each step is another mask. */
const PHASES = 4;

/** A word as shaped, in font units from its start. */
export interface ShapedWord {
  glyphs: readonly { id: number; x: number; y: number }[];
  advance: number;
}

/** Coverage (0–255) of one glyph at one size and phase; `left`/`top` place it from the pen position on the baseline. */
export interface GlyphMask {
  left: number;
  top: number;
  width: number;
  height: number;
  coverage: Uint8Array;
}

export class CardFont {
  readonly #font: fontkit.Font;
  readonly #words = new Map<string, ShapedWord>();
  /** Whether the font has a glyph for a code point: fontkit walks its character map each time it is asked. */
  readonly #hasGlyph = new Map<number, boolean>();
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly spaceAdvance: number;
  /** The font's own version string: part of every card's cache key. */
  readonly version: string;
  readonly name: CardFontName;

  constructor(name: CardFontName) {
    this.name = name;
    const font = fontkit.create(readFileSync(require.resolve(CARD_FONT_FILES[name])));
    if (!("layout" in font)) throw new Error(`${CARD_FONT_FILES[name]} is a font collection, not a font`);
    this.#font = font;
    this.unitsPerEm = font.unitsPerEm;
    this.ascent = font.ascent;
    this.spaceAdvance = font.glyphForCodePoint(0x20).advanceWidth;
    this.version = `${font.postscriptName} ${font.version}`;
  }

  /** Whether every character of `text` has a glyph in this font (a card never shows a missing-glyph box). */
  covers(text: string): boolean {
    for (const char of text) {
      const code = char.codePointAt(0) ?? 0;
      let has = this.#hasGlyph.get(code);
      if (has === undefined) {
        has = /\s/.test(char) || this.#font.hasGlyphForCodePoint(code);
        this.#hasGlyph.set(code, has);
      }
      if (!has) return false;
    }
    return true;
  }

  /**
   * A word as fontkit's shaper sets it (ligatures, kerning), worked out from
   * pairs: each pair of neighbouring characters is shaped once per font, and
   * remembered, so a word costs a few lookups. Shaping every word whole was
   * most of the cards' setting time.
   */
  word(text: string): ShapedWord {
    let shaped = this.#words.get(text);
    if (!shaped) {
      const chars = [...text];
      const units: { text: string; id: number }[] = [];
      for (let i = 0; i < chars.length; i++) {
        let unit = chars[i] ?? "";
        let ligature: number | undefined;
        // Grow a ligature (f + f + i) while the shaper keeps making one glyph of it.
        for (let next = this.#ligature(unit + (chars[i + 1] ?? "")); i + 1 < chars.length && next !== undefined;) {
          unit += chars[++i] ?? "";
          ligature = next;
          next = this.#ligature(unit + (chars[i + 1] ?? ""));
        }
        units.push({ text: unit, id: ligature ?? this.#font.glyphForCodePoint(unit.codePointAt(0) ?? 0).id });
      }
      const glyphs: { id: number; x: number; y: number }[] = [];
      let x = 0;
      units.forEach((unit, i) => {
        glyphs.push({ id: unit.id, x, y: 0 });
        const next = units[i + 1];
        x += next ? this.#pairAdvance(unit.text, next.text) : this.#font.getGlyph(unit.id).advanceWidth;
      });
      shaped = { glyphs, advance: x };
      this.#words.set(text, shaped);
    }
    return shaped;
  }

  readonly #shapedPairs = new Map<string, { glyphs: number; advance: number }>();

  /** The shaper's output for `left` then `right`: how many glyphs, and the advance of the first (kerning included). */
  #shapePair(left: string, right: string): { glyphs: number; advance: number } {
    const key = `${left}\u0000${right}`;
    let pair = this.#shapedPairs.get(key);
    if (!pair) {
      const run = this.#font.layout(left + right, ["kern", "liga"]);
      pair = { glyphs: run.glyphs.length, advance: run.positions[0]?.xAdvance ?? 0 };
      this.#shapedPairs.set(key, pair);
    }
    return pair;
  }

  /** The ligature glyph the shaper makes of `sequence`, if it makes one glyph of it. */
  #ligature(sequence: string): number | undefined {
    const chars = [...sequence];
    if (chars.length < 2) return undefined;
    const left = chars.slice(0, -1).join("");
    if (this.#shapePair(left, chars.at(-1) ?? "").glyphs !== 1) return undefined;
    return this.#font.layout(sequence, ["kern", "liga"]).glyphs[0]?.id;
  }

  /** The advance of `left` (a character or ligature) before `right`, kerning included. */
  #pairAdvance(left: string, right: string): number {
    return this.#shapePair(left, right).advance;
  }

  /** Glyph `id`'s outline and its extent, in font units with y up. */
  glyphOutline(id: number): { commands: readonly PathCommand[]; box: { minX: number; minY: number; maxX: number; maxY: number } } {
    const glyph = this.#font.getGlyph(id);
    return { commands: glyph.path.commands, box: glyph.bbox };
  }

  /** An SVG path of glyph `id` at `size` pixels, its origin at (`x`, `y`) with y down. */
  outline(id: number, size: number, x: number, y: number): { path: string; xMin: number; xMax: number; yMin: number; yMax: number } {
    const glyph = this.#font.getGlyph(id);
    const scale = size / this.unitsPerEm;
    const box = glyph.bbox;
    return {
      path: glyph.path.scale(scale, -scale).translate(x, y).toSVG(),
      xMin: x + box.minX * scale,
      xMax: x + box.maxX * scale,
      yMin: y - box.maxY * scale,
      yMax: y - box.minY * scale,
    };
  }
}

let loaded: Record<CardFontName, CardFont> | undefined;

/** The card fonts, loaded once per thread. */
export function cardFonts(): Record<CardFontName, CardFont> {
  loaded ??= { serifBold: new CardFont("serifBold"), sansBold: new CardFont("sansBold"), sans: new CardFont("sans") };
  return loaded;
}

/** Text as one SVG path, its pen starting at (`x`, `baseline`), with its ink's extent: for drawings made whole by librsvg (icons, logo). */
export function textOutline(
  font: CardFont,
  text: string,
  size: number,
  x: number,
  baseline: number,
): { path: string; xMin: number; xMax: number; yMin: number; yMax: number } {
  const scale = size / font.unitsPerEm;
  const box = { path: "", xMin: Infinity, xMax: -Infinity, yMin: Infinity, yMax: -Infinity };
  let pen = x;
  for (const word of text.split(" ")) {
    const shaped = font.word(word);
    for (const glyph of shaped.glyphs) {
      const outline = font.outline(glyph.id, size, pen + glyph.x * scale, baseline - glyph.y * scale);
      box.path += outline.path;
      box.xMin = Math.min(box.xMin, outline.xMin);
      box.xMax = Math.max(box.xMax, outline.xMax);
      box.yMin = Math.min(box.yMin, outline.yMin);
      box.yMax = Math.max(box.yMax, outline.yMax);
    }
    pen += (shaped.advance + font.spaceAdvance) * scale;
  }
  return box;
}

/** The pen's x in pixels, rounded to a quarter pixel: the whole pixel and the phase (0–3) of the mask to stamp. */
export function penPosition(x: number): { pixel: number; phase: number } {
  const quarters = Math.round(x * PHASES);
  const pixel = Math.floor(quarters / PHASES);
  return { pixel, phase: quarters - pixel * PHASES };
}

const FONT_NUMBERS: Record<CardFontName, number> = { serifBold: 0, sansBold: 1, sans: 2 };
/** A number for each mask: every card looks up some seventy, and a string key per lookup was a tenth of a card's time. */
const maskKey = (font: CardFontName, id: number, size: number, phase: number) =>
  ((FONT_NUMBERS[font] * 65536 + id) * 1024 + size) * PHASES + phase;

/** Glyph masks: ask for what a set of cards needs with `want`, draw with `draw`, then `get`. */
export class GlyphMasks {
  readonly #masks = new Map<number, GlyphMask>();
  readonly #wanted = new Map<number, { font: CardFont; id: number; size: number; phase: number }>();

  want(font: CardFont, id: number, size: number, phase: number): void {
    const key = maskKey(font.name, id, size, phase);
    if (!this.#masks.has(key)) this.#wanted.set(key, { font, id, size, phase });
  }

  get(font: CardFont, id: number, size: number, phase: number): GlyphMask {
    const mask = this.#masks.get(maskKey(font.name, id, size, phase));
    if (!mask) throw new Error(`glyph ${id} of ${font.name} at ${size}px was not drawn`);
    return mask;
  }

  /** Draws every wanted glyph, each mask on its own, so that none depends on which others are drawn with it. */
  draw(): void {
    for (const [key, { font, id, size, phase }] of this.#wanted) {
      const { commands, box } = font.glyphOutline(id);
      const scale = size / font.unitsPerEm;
      // The glyph's origin sits `phase` quarters of a pixel into its mask's origin pixel, one pixel of margin all round.
      const left = Math.floor(box.minX * scale) - 1;
      const top = Math.floor(-box.maxY * scale) - 1;
      const width = Math.max(1, Math.ceil(box.maxX * scale + 1) - left + 1);
      const height = Math.max(1, Math.ceil(-box.minY * scale) - top + 1);
      const coverage = coverageMask(commands, width, height, { x: -left + phase / PHASES, y: -top, scale });
      this.#masks.set(key, { left, top, width, height, coverage });
    }
    this.#wanted.clear();
  }
}
