/**
 * The lead image in headless Chromium: no layout shift while it loads, and the
 * browser picks a modern format. Accessibility of every page type is checked in
 * accessibility.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaticServer } from "../../scripts/lib/serve/static-server.ts";
import { hasBrowser, launch } from "../helpers/browser.ts";
import { serveFixtureSite } from "../helpers/served-site.ts";

const ARTICLE = "/2025/03/18/northern-light-returns-to-full-power/";

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A layout-shift entry's source (not in TypeScript's DOM library). */
interface ShiftSource {
  node: Node | null;
  previousRect: DOMRectReadOnly;
  currentRect: DOMRectReadOnly;
}

interface Shift {
  value: number;
  moved: { node: string; from: Rect; to: Rect }[];
}

/** Where the image's box and the caption under it are, in page coordinates. */
const layout = () => {
  const box = (selector: string) => {
    const rect = document.querySelector(selector)?.getBoundingClientRect();
    return rect && { top: rect.top + scrollY, height: rect.height, width: rect.width };
  };
  return { image: box(".article__figure img"), caption: box(".article__figure figcaption") };
};

describe.skipIf(!hasBrowser)("the lead image in a browser", () => {
  let server: StaticServer;

  beforeAll(async () => {
    server = await serveFixtureSite();
  });
  afterAll(() => server?.close());

  it("reserves the lead image's box, so nothing moves as it loads, and serves it as AVIF", async () => {
    const { context, close } = await launch({ width: 390 });
    try {
      const page = await context.newPage();
      // Images are held back until the page is laid out without them, as on a slow network.
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route("**/img/**", async (route) => {
        await held;
        await route.continue();
      });
      await page.addInitScript(() => {
        const w = window as unknown as { shifts: Shift[] };
        w.shifts = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as unknown as { value: number; sources: ShiftSource[] }[]) {
            const rect = ({ x, y, width, height }: DOMRectReadOnly): Rect => ({ x, y, width, height });
            const moved = entry.sources.map((s) => ({
              node: s.node?.nodeName ?? "?",
              from: rect(s.previousRect),
              to: rect(s.currentRect),
            }));
            w.shifts.push({ value: entry.value, moved });
          }
        }).observe({ type: "layout-shift", buffered: true });
      });
      await page.goto(new URL(ARTICLE, server.url).href, { waitUntil: "domcontentloaded" });
      const image = page.locator(".article__figure img");
      expect(await image.evaluate((img: HTMLImageElement) => img.complete)).toBe(false);
      const before = await page.evaluate(layout);
      release();
      await image.evaluate((img: HTMLImageElement) => img.decode());
      const after = await page.evaluate(layout);

      expect(await image.evaluate((img: HTMLImageElement) => img.currentSrc)).toMatch(/\.avif$/);
      // 1200 × 675 scaled to the column, before the image arrives and after: the aspect ratio holds and nothing moves.
      expect(before.image && Math.abs(before.image.width / before.image.height - 1200 / 675)).toBeLessThan(0.02);
      for (const part of ["image", "caption"] as const) {
        for (const measure of ["top", "height", "width"] as const) {
          expect(Math.abs((after[part]?.[measure] ?? NaN) - (before[part]?.[measure] ?? NaN)), `${part} ${measure}`).toBeLessThan(1);
        }
      }
      // Nor anything else on the page, by as much as a pixel (a reader sees no less; Chromium also reports sub-pixel moves).
      const shifts = await page.evaluate(() => (window as unknown as { shifts: Shift[] }).shifts);
      const visible = shifts.filter((s) => s.moved.some(({ from, to }) => Math.abs(from.y - to.y) >= 1 || Math.abs(from.x - to.x) >= 1));
      expect(visible).toEqual([]);
    } finally {
      await close();
    }
  });
});
