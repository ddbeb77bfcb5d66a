import { link, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { plannedCards, startCardDrawing } from "../../../scripts/lib/pages/card-drawing.ts";
import { GlyphMasks } from "../../../scripts/lib/pages/card-font.ts";
import {
  CARD_HEIGHT,
  CARD_WIDTH,
  drawCard,
  drawCards,
  planCards,
  wantGlyphs,
  type CardSpec,
} from "../../../scripts/lib/pages/social-cards.ts";
import { makeArticle, makeSite, sections } from "../../helpers/model.ts";

const spec = (title: string, kicker = "World"): CardSpec => ({
  kind: "article",
  masthead: "The Example",
  kicker,
  title,
  tagline: "",
  footer: "news.example",
  language: "en-GB",
});

/** The card's pixels as RGB, decoded by sharp. */
async function pixels(png: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** How many pixels of the band of rows [top, bottom) are near `rgb`. */
function count(image: { data: Buffer; width: number }, rgb: readonly number[], top: number, bottom: number): number {
  let n = 0;
  for (let i = top * image.width * 3; i < bottom * image.width * 3; i += 3) {
    if (
      Math.abs((image.data[i] ?? 0) - (rgb[0] ?? 0)) +
        Math.abs((image.data[i + 1] ?? 0) - (rgb[1] ?? 0)) +
        Math.abs((image.data[i + 2] ?? 0) - (rgb[2] ?? 0)) <
      30
    )
      n++;
  }
  return n;
}

describe("drawCard", () => {
  it("draws a 1200×630 PNG with the section in the accent colour and the headline in ink, the same bytes every time", async () => {
    const masks = new GlyphMasks();
    const card = spec("Harbour tariffs rise for the first time in a decade");
    wantGlyphs([card], masks);
    masks.draw();
    const png = drawCard(card, masks);
    expect(drawCard(card, masks).equals(png)).toBe(true);
    const image = await pixels(png);
    expect([image.width, image.height]).toEqual([CARD_WIDTH, CARD_HEIGHT]);
    // The kicker band (around its baseline, y 204) holds the accent red; the headline band the ink; the margins stay paper.
    expect(count(image, [0xa3, 0x16, 0x1a], 170, 210)).toBeGreaterThan(500);
    expect(count(image, [0x1a, 0x1a, 0x1a], 236, 520)).toBeGreaterThan(5000);
    expect(count(image, [0xff, 0xfd, 0xf8], 0, CARD_HEIGHT)).toBeGreaterThan(CARD_WIDTH * CARD_HEIGHT * 0.6);
    // A different headline is a different picture.
    const other = spec("Fish auction moves to a new hall");
    wantGlyphs([other], masks);
    masks.draw();
    expect(drawCard(other, masks).equals(png)).toBe(false);
  });

  it("draws a card the same whether its glyphs were drawn for it alone or among many other cards' (a rebuild draws one card, a clean build all)", async () => {
    const headlines = [
      "Harbour tariffs rise for the first time in a decade",
      "Storm surge floods lower harbour",
      "Why the winter gales came early",
      "Let the lighthouses keep their keepers",
      "Seabird counts rise on the outer islands",
      "Fish auction moves to a new hall",
      "Dock workers agree new shift pattern",
      "In praise of timetables",
    ];
    const cards = headlines.flatMap((title, i) => [spec(title, i % 2 ? "Opinion" : "World"), spec(title.toUpperCase(), "Business")]);
    const together = new GlyphMasks();
    wantGlyphs([...cards].reverse(), together);
    together.draw();
    for (const card of cards) {
      const alone = new GlyphMasks();
      wantGlyphs([card], alone);
      alone.draw();
      expect(drawCard(card, alone).equals(drawCard(card, together)), card.title).toBe(true);
    }
  });

  it("shrinks a long headline to fit, and cuts one too long for any size with an ellipsis", async () => {
    const masks = new GlyphMasks();
    const long = spec(`${"A very long headline about the harbour and its tariffs ".repeat(8)}end`);
    wantGlyphs([long], masks);
    masks.draw();
    const image = await pixels(drawCard(long, masks));
    // Nothing is drawn over the rule at the foot (y 548) or below the headline's box.
    expect(count(image, [0x1a, 0x1a, 0x1a], 522, 546)).toBe(0);
  });
});

describe("planCards", () => {
  const image = { src: "/images/harbour.jpg", file: "/content/src/images/harbour.jpg", alt: "The harbour" };
  const site = makeSite([
    makeArticle("2025-03-01T09:00:00+00:00", "plain"),
    makeArticle("2025-03-02T09:00:00+00:00", "pictured", { image }),
    makeArticle("2025-03-03T09:00:00+00:00", "chinese", { title: "港口关税十年来首次上调" }),
  ]);

  it("plans a card for each article without an image of its own, and the site card", () => {
    const plan = planCards(site);
    expect([...plan.articles.keys()]).toEqual(["/2025/03/01/plain/"]);
    expect(plan.site?.spec).toMatchObject({ kind: "site", title: "The Example", tagline: "All the news", footer: "news.example" });
    expect(plan.articles.get("/2025/03/01/plain/")?.url).toMatch(/^\/cards\/[0-9a-f]{20}\.png$/);
  });

  it("warns of headlines and a site name the card fonts cannot show, rather than draw missing glyphs", () => {
    expect(planCards(site).warnings).toEqual([
      "1 article's headline uses characters missing from the social card fonts, which cover Latin, Greek and Cyrillic (src/articles/2025-03-03-chinese.md): they show the site card",
    ]);
    const chinese = makeSite([makeArticle("2025-03-01T09:00:00+00:00", "plain")], undefined, {
      settings: { ...site.settings, title: "新闻报" },
    });
    const plan = planCards(chinese);
    expect(plan.site).toBeUndefined();
    expect(plan.articles.size).toBe(0);
    expect(plan.warnings[0]).toMatch(/^_data\/site\.yaml: .* cannot show the site's title or tagline/);
  });

  it("names a card by what it shows: the same headline keeps its file, a changed one gets a new one", () => {
    const before = planCards(site).articles.get("/2025/03/01/plain/");
    expect(planCards(site).articles.get("/2025/03/01/plain/")?.url).toBe(before?.url);
    const edited = makeSite([makeArticle("2025-03-01T09:00:00+00:00", "plain", { title: "Story plain, corrected" })]);
    expect(planCards(edited).articles.get("/2025/03/01/plain/")?.url).not.toBe(before?.url);
    const moved = makeSite([makeArticle("2025-03-01T09:00:00+00:00", "plain", { section: sections[1] ?? sections[0]! })]);
    expect(planCards(moved).articles.get("/2025/03/01/plain/")?.url).not.toBe(before?.url);
  });
});

describe("drawCards", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "broadsheet-cards-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("draws each card once, keeps it in the cache and puts it into every build that needs it", async () => {
    const plan = planCards(makeSite([makeArticle("2025-03-01T09:00:00+00:00", "a"), makeArticle("2025-03-02T09:00:00+00:00", "b")]));
    const cacheDir = path.join(dir, "cache");
    const first = drawCards(plannedCards(plan), { cacheDir, outputDir: path.join(dir, "site-1") });
    expect(first).toEqual({ drawn: 3, reused: 0 });
    const second = drawCards(plannedCards(plan), { cacheDir, outputDir: path.join(dir, "site-2") });
    expect(second).toEqual({ drawn: 0, reused: 3 });
    const published = await readdir(path.join(dir, "site-2/cards"));
    expect(published.sort()).toEqual(
      plannedCards(plan)
        .map((c) => path.basename(c.url))
        .sort(),
    );
    const cached = await stat(path.join(cacheDir, published[0] ?? ""));
    expect((await stat(path.join(dir, "site-2/cards", published[0] ?? ""))).size).toBe(cached.size);
    expect(await readdir(cacheDir)).not.toContainEqual(expect.stringMatching(/partial/));
  });

  it("draws again a kept card that is no longer a whole PNG, and publishes the new one", async () => {
    const plan = planCards(makeSite([makeArticle("2025-03-01T09:00:00+00:00", "a"), makeArticle("2025-03-02T09:00:00+00:00", "b")]));
    const cacheDir = path.join(dir, "cache-damaged");
    drawCards(plannedCards(plan), { cacheDir, outputDir: path.join(dir, "site-d1") });
    const [cut, flipped] = (await readdir(cacheDir)).sort();
    const cutBytes = await readFile(path.join(cacheDir, cut ?? ""));
    await rm(path.join(cacheDir, cut ?? ""));
    await writeFile(path.join(cacheDir, cut ?? ""), cutBytes.subarray(0, cutBytes.length / 2));
    const flippedBytes = Buffer.from(await readFile(path.join(cacheDir, flipped ?? "")));
    const middle = flippedBytes.length >> 1;
    flippedBytes[middle] = (flippedBytes[middle] ?? 0) ^ 0xff;
    await rm(path.join(cacheDir, flipped ?? ""));
    await writeFile(path.join(cacheDir, flipped ?? ""), flippedBytes);

    const report = drawCards(plannedCards(plan), { cacheDir, outputDir: path.join(dir, "site-d2") });
    expect(report).toEqual({ drawn: 2, reused: 1 });
    for (const name of [cut, flipped]) {
      const published = await readFile(path.join(dir, "site-d2/cards", name ?? ""));
      expect(published).toEqual(await readFile(path.join(dir, "site-d1/cards", name ?? "")));
      expect(await readFile(path.join(cacheDir, name ?? ""))).toEqual(published);
    }
  });

  it("replaces a file already at a card's place in the site without writing through a hard link to it", async () => {
    const plan = planCards(makeSite([makeArticle("2025-03-01T09:00:00+00:00", "a")]));
    const card = plan.articles.get("/2025/03/01/a/");
    const site = path.join(dir, "site-stale");
    await mkdir(path.join(site, "cards"), { recursive: true });
    const elsewhere = path.join(dir, "elsewhere.png");
    await writeFile(elsewhere, "stale");
    await link(elsewhere, path.join(site, "cards", path.basename(card?.url ?? "")));
    const report = drawCards(plannedCards(plan), { cacheDir: path.join(dir, "cache-stale"), outputDir: site });
    expect(report).toEqual({ drawn: 2, reused: 0 });
    expect(await readFile(elsewhere, "utf8")).toBe("stale");
    const drawn = await readFile(path.join(site, "cards", path.basename(card?.url ?? "")));
    expect((await sharp(drawn).metadata()).width).toBe(CARD_WIDTH);
    expect(await readFile(path.join(dir, "cache-stale", path.basename(card?.url ?? "")))).toEqual(drawn);
  });
});

describe("startCardDrawing", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "broadsheet-card-worker-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("draws in the worker, a batch at a time, the same cards as drawing them all at once, each headline once", async () => {
    const dates = ["2025-03-01T09:00:00+00:00", "2025-03-02T09:00:00+00:00", "2025-03-03T09:00:00+00:00"];
    const articles = [
      ...dates.map((d, i) => makeArticle(d, `a${i}`)),
      makeArticle("2025-03-04T09:00:00+00:00", "twin", { title: "Story a0" }),
    ];
    const plan = planCards(makeSite(articles));
    expect(plannedCards(plan)).toHaveLength(4);

    const whole = path.join(dir, "whole");
    expect(drawCards(plannedCards(plan), { cacheDir: path.join(dir, "cache-whole"), outputDir: whole })).toEqual({ drawn: 4, reused: 0 });
    const batched = path.join(dir, "batched");
    const report = await startCardDrawing(plan, { cacheDir: path.join(dir, "cache-batched"), outputDir: batched }, 1).done;
    expect(report).toEqual({ drawn: 4, reused: 0 });
    const names = (await readdir(path.join(whole, "cards"))).sort();
    expect((await readdir(path.join(batched, "cards"))).sort()).toEqual(names);
    for (const name of names) {
      expect(await readFile(path.join(batched, "cards", name))).toEqual(await readFile(path.join(whole, "cards", name)));
    }
  });

  it("reports a card it cannot write as the build's failure", async () => {
    const plan = planCards(makeSite([makeArticle("2025-03-01T09:00:00+00:00", "a")]));
    const blocked = path.join(dir, "blocked");
    await writeFile(blocked, "a file where the cache's folder would be");
    await expect(startCardDrawing(plan, { cacheDir: blocked, outputDir: path.join(dir, "site-blocked") }, 1).done).rejects.toThrow(
      /Social cards: .*blocked/,
    );
  });
});

describe("card fonts", () => {
  it("set words pair by pair exactly as fontkit's shaper sets them whole (ligatures and kerning)", async () => {
    const fontkit = await import("fontkit");
    const { createRequire } = await import("node:module");
    const { readFileSync } = await import("node:fs");
    const { CARD_FONT_FILES, cardFonts } = await import("../../../scripts/lib/pages/card-font.ts");
    const words = [
      "office",
      "affluent",
      "fjord",
      "AVATAR",
      "Tomorrow",
      "“quoted”",
      "1790:",
      "Ωμέγα",
      "Жизнь",
      "Washington’s",
      "T.V.",
      "Wyoming",
      "ffl",
    ];
    for (const name of ["serifBold", "sansBold", "sans"] as const) {
      const font = fontkit.create(readFileSync(createRequire(import.meta.url).resolve(CARD_FONT_FILES[name])));
      if (!("layout" in font)) throw new Error("expected a font");
      for (const word of words) {
        const run = font.layout(word, ["kern", "liga"]);
        let x = 0;
        const whole = run.glyphs.map((glyph, i) => {
          const at = { id: glyph.id, x, y: 0 };
          x += run.positions[i]?.xAdvance ?? 0;
          return at;
        });
        expect(cardFonts()[name].word(word), `${name} ${word}`).toEqual({ glyphs: whole, advance: x });
      }
    }
  });
});
