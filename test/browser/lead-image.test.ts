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
      // Images arrive late, as on a slow network: the text must not jump when they do.
      await page.route("**/img/**", async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 700));
        await route.continue();
      });
      await page.addInitScript(() => {
        const w = window as unknown as { shift: number };
        w.shift = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) w.shift += (entry as unknown as { value: number }).value;
        }).observe({ type: "layout-shift", buffered: true });
      });
      await page.goto(new URL(ARTICLE, server.url).href, { waitUntil: "load" });
      await page.waitForTimeout(300);
      const image = page.locator(".article__figure img");
      expect(await image.evaluate((img: HTMLImageElement) => img.currentSrc)).toMatch(/\.avif$/);
      const box = await image.boundingBox();
      // 1200 × 675 scaled to the column: the aspect ratio holds.
      expect(box && Math.abs(box.width / box.height - 1200 / 675)).toBeLessThan(0.02);
      expect(await page.evaluate(() => (window as unknown as { shift: number }).shift)).toBe(0);
    } finally {
      await close();
    }
  });
});
