import { AxeBuilder } from "@axe-core/playwright";
import type { Result } from "axe-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaticServer } from "../../scripts/lib/serve/static-server.ts";
import { hasBrowser, launch } from "../helpers/browser.ts";
import { QUALITY_PAGES } from "../helpers/quality-pages.ts";
import { serveFixtureSite } from "../helpers/served-site.ts";

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

const describeViolation = (v: Result) =>
  `${v.id} (${v.impact ?? "?"}): ${v.help}: ${v.nodes.map((n) => `${n.target.join(" ")}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, " ")}` : ""}`).join("; ")}`;

let server: StaticServer;
beforeAll(async () => {
  server = await serveFixtureSite();
});
afterAll(() => server?.close());

for (const colorScheme of ["light", "dark"] as const) {
  describe.skipIf(!hasBrowser)(`axe (WCAG 2.2 A and AA), ${colorScheme} mode`, () => {
    let browser: Awaited<ReturnType<typeof launch>>;
    beforeAll(async () => {
      // 320 CSS px: WCAG 1.4.10 (reflow) asks for no sideways scrolling at this width.
      browser = await launch({ colorScheme, width: 320, height: 720 });
    });
    afterAll(() => browser?.close());

    for (const page of QUALITY_PAGES) {
      it(`finds no violations on the ${page.name}`, async () => {
        const tab = await browser.context.newPage();
        try {
          const response = await tab.goto(new URL(page.path, server.url).href);
          expect(response?.status()).toBe(page.status);
          if (page.ready) await tab.waitForSelector(page.ready);
          await page.prepare?.(tab);
          const results = await new AxeBuilder({ page: tab }).withTags(WCAG_22_AA).analyze();
          expect(results.violations.map(describeViolation)).toEqual([]);
          // axe ran its rules, not an empty page.
          expect(results.passes.length).toBeGreaterThan(10);
          expect(await tab.evaluate(() => document.documentElement.scrollWidth), "page scrolls sideways at 320 px").toBeLessThanOrEqual(
            320,
          );
        } finally {
          await tab.close();
        }
      });
    }
  });
}
