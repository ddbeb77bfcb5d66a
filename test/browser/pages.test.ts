/**
 * The reader's pages in headless Chromium: no WCAG 2.2 AA violations (axe)
 * in light and dark mode at phone and desktop widths, no layout shift while
 * the lead image loads, and the browser picks a modern image format.
 */
import AxeBuilder from "@axe-core/playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStaticServer, type StaticServer } from "../../scripts/lib/static-server.ts";
import { hasBrowser, launch } from "../helpers/browser.ts";
import { build, copyFixture } from "../helpers/site.ts";

const ARTICLE = "/2025/03/18/northern-light-returns-to-full-power/";
const PAGES = ["/", ARTICLE, "/section/world/page/2/", "/tag/coasts/page/2/", "/author/cy/", "/archive/", "/archive/2025/03/", "/tag/", "/author/", "/about/"];

describe.skipIf(!hasBrowser)("the reader's pages in a browser", () => {
  let fixture: Awaited<ReturnType<typeof copyFixture>>;
  let server: StaticServer;

  beforeAll(async () => {
    fixture = await copyFixture();
    const result = await build(fixture.root, fixture.out);
    expect(result.code, result.stderr).toBe(0);
    server = await startStaticServer({ root: fixture.out, port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await fixture?.cleanup();
  });

  for (const colorScheme of ["light", "dark"] as const) {
    for (const width of [390, 1280]) {
      it(`have no accessibility violations in ${colorScheme} mode at ${width} px`, async () => {
        const { context, close } = await launch({ colorScheme, width });
        try {
          const page = await context.newPage();
          const violations: string[] = [];
          for (const p of PAGES) {
            await page.goto(new URL(p, server.url).href);
            const { violations: found } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
            violations.push(...found.map((v) => `${p}: ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`));
            // Nothing wider than the screen: no sideways scrolling on a phone.
            expect(await page.evaluate(() => document.documentElement.scrollWidth), p).toBeLessThanOrEqual(width);
          }
          expect(violations).toEqual([]);
        } finally {
          await close();
        }
      });
    }
  }

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
