/**
 * The reader's pages hold their shape whatever the text: long URLs and words,
 * code and tables never make a phone scroll sideways nor run out of their
 * column on a wide screen, Arabic reads right to left, a page printed from a
 * dark-mode browser is printed in the light palette, the search box's
 * placeholder is legible in both palettes, and forced colours still show the
 * current page.
 */
import { appendFile, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStaticServer, type StaticServer } from "../../scripts/lib/serve/static-server.ts";
import { hasBrowser, launch } from "../helpers/browser.ts";
import { build, fixturePool, type Fixture } from "../helpers/site.ts";

const LONG_URL = "https://example.org/a/very/long/path/that/never/breaks/anywhere/at/all/because/it/has/no/spaces/index.html";
const LONG_TAG = "Extraordinarilylongtagnamewithoutanyspacesatall";
const EDGE = "/2025/03/25/edge-long-content/";
const SEARCH = `/search/?q=harbour&tag=${LONG_TAG.toLowerCase()}`;
const ARABIC = "/2025/03/24/arabic-summary/";

/** The fixture site, with an article of long words, URLs, code, a wide table and lists and quotations nested deep as the lead story, and one in Arabic. */
async function longContent(fixture: Fixture): Promise<void> {
  const articles = path.join(fixture.root, "src/articles");
  await writeFile(
    path.join(articles, "2025-03-25-edge-long-content.md"),
    `---
title: "Pneumonoultramicroscopicsilicovolcanoconiosis-and-Supercalifragilisticexpialidocious report"
date: 2025-03-25T10:00:00Z
section: world
authors: [ada, ben, cy]
tags: [Coasts, ${LONG_TAG}]
summary: "A summary with a very long URL ${LONG_URL} and Donaudampfschifffahrtsgesellschaftskapitän."
image:
  src: northern-light.jpg
  alt: A striped lighthouse on a rock.
  caption: "A caption with a long URL ${LONG_URL}"
  credit: "Photograph: Extraordinarily Long Photographer Name Agency International Limited"
---

The lead paragraph mentions ${LONG_URL}?query=parameter&another=value in the middle.

Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstaltsangestellter is a long word.

| Port | Tonnage 2023 | Tonnage 2024 | Change | Notes on the harbour | Another column | And another |
| --- | --- | --- | --- | --- | --- | --- |
| Longstone | 1,234,567 | 1,345,678 | +9.0% | Dredging completed in the spring | value value | more values here |

\`\`\`js
const harbourTariffs = computeTariffsForEveryVesselInTheFleet({ includeFishingBoats: true, includeFerries: true, currency: "GBP" });
\`\`\`

Inline \`someVeryLongIdentifierNameThatGoesOnAndOnWithoutAnyBreakOpportunity.methodCall()\` code.

- A list item with a [link](https://example.org/another/long/path/that/goes/on/and/on/without/breaking/at/all)

${Array.from({ length: 12 }, (_, i) => `${"  ".repeat(i)}- An outline item ${i + 1} levels deep`).join("\n")}

${Array.from({ length: 8 }, (_, i) => `${">".repeat(i + 1)} A quotation ${i + 1} deep\n${">".repeat(i + 1)}`).join("\n")}
`,
  );
  await writeFile(
    path.join(articles, "2025-03-24-arabic-summary.md"),
    `---\ntitle: "مرفأ المدينة"\ndate: 2025-03-24T10:00:00Z\nsection: science\nauthors: cy\ntags: [Coasts]\nsummary: "ملخص قصير"\n---\n\nفقرة قصيرة.\n\n- بند أول\n- An item in English\n\n\`\`\`\nok\n\`\`\`\n\nA paragraph in English.\n`,
  );
  await appendFile(path.join(fixture.root, "_data/teasers.yaml"), "  - text: خبر قصير من الميناء\n");
}

/** Every page of a built site, as paths. */
async function sitePages(out: string): Promise<string[]> {
  const files = await readdir(out, { recursive: true });
  return files
    .filter((f) => f.endsWith(".html"))
    .map((f) => `/${f.split(path.sep).join("/")}`.replace(/index\.html$/, ""))
    .sort();
}

/** Elements in `main` whose text runs out of their box (boxes that scroll or clip on purpose, and what they hold, aside). */
function spilled(page: Page): Promise<string[]> {
  return page.$$eval("main *", (elements) =>
    elements
      .filter((e) => {
        for (let box: Element | null = e; box; box = box.parentElement) if (getComputedStyle(box).overflowX !== "visible") return false;
        return getComputedStyle(e).display !== "inline" && e.scrollWidth > e.clientWidth + 1;
      })
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${e.scrollWidth} > ${e.clientWidth}`),
  );
}

/** Whether each element's text is set against its right edge, as right-to-left text is. */
function alignedRight(page: Page, selector: string): Promise<boolean[]> {
  return page.$$eval(selector, (elements) =>
    elements.map((e) => {
      const range = document.createRange();
      range.selectNodeContents(e);
      const text = range.getBoundingClientRect();
      const box = e.getBoundingClientRect();
      return Math.abs(text.right - box.right) < 2 && text.left - box.left > 20;
    }),
  );
}

/** Runs `use` on a page of a fresh headless Chromium, closed afterwards. */
async function inBrowser<T = void>(options: Parameters<typeof launch>[0], use: (page: Page) => Promise<T>): Promise<T> {
  const browser = await launch(options);
  try {
    return await use(browser.context.pages()[0] ?? (await browser.context.newPage()));
  } finally {
    await browser.close();
  }
}

/** Searches with the long tag chosen and the filters open, as a reader would leave them. */
async function searchWithLongTag(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector("[data-search-results] li");
  await page.locator("[data-search-filters]").evaluate((details: HTMLDetailsElement) => (details.open = true));
  await page.waitForSelector("[data-filter-groups] input[type=checkbox]");
}

/** A copy of the fixture site, changed by `prepare`, built and served for the tests of the `describe` that calls it. */
function servedFixture(prepare: (fixture: Fixture) => Promise<void>): { site: () => Fixture; url: (p: string) => string } {
  const pool = fixturePool();
  let site: Fixture | undefined;
  let server: StaticServer | undefined;
  beforeAll(async () => {
    site = await pool.fixture();
    await prepare(site);
    const built = await build(site.root, site.out);
    expect(built.code, built.stderr).toBe(0);
    server = await startStaticServer({ root: site.out, port: 0 });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await pool.cleanup();
  });
  return {
    site: () => {
      if (!site) throw new Error("the fixture is not built yet");
      return site;
    },
    url: (p) => new URL(p, server?.url).href,
  };
}

describe.skipIf(!hasBrowser)("the reader's pages with long words, code, tables and right-to-left text", () => {
  const served = servedFixture(longContent);
  const url = served.url;

  for (const colorScheme of ["light", "dark"] as const) {
    it(`never scrolls sideways at 320 px, on any page of the site or in search with a long tag chosen (${colorScheme})`, async () => {
      await inBrowser({ colorScheme, width: 320, height: 720 }, async (page) => {
        const wide: string[] = [];
        const pages = await sitePages(served.site().out);
        expect(pages).toContain(EDGE);
        for (const p of pages) {
          await page.goto(url(p));
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          if (width > 320) wide.push(`${p}: ${width}`);
        }
        await searchWithLongTag(page, url(SEARCH));
        expect(await page.locator(".chip", { hasText: LONG_TAG }).count()).toBe(1);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 320) wide.push(`search: ${width}`);
        expect(wide).toEqual([]);
      });
    });
  }

  it("lets no headline, summary or card run out of its column at 1280 px: front page, article, tag index, search filters", async () => {
    await inBrowser({ width: 1280 }, async (page) => {
      for (const p of ["/", EDGE, "/tag/"]) {
        await page.goto(url(p));
        expect(await spilled(page), p).toEqual([]);
      }
      await searchWithLongTag(page, url(SEARCH));
      expect(await spilled(page)).toEqual([]);
    });
  });

  it("scrolls code and a wide table inside the column, by keyboard too, wraps the image credit, and passes axe at 320 px", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      await inBrowser({ colorScheme, width: 320, height: 720 }, async (page) => {
        await page.goto(url(EDGE));
        const boxes = page.locator(".article__body .scroll-box");
        expect(await boxes.count()).toBe(2);
        for (const box of await boxes.all()) {
          expect(await box.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
          await box.focus();
          await page.keyboard.press("ArrowRight");
          await expect.poll(() => box.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
        }
        expect(await page.locator(".credit").evaluate((e) => e.getClientRects().length)).toBeGreaterThan(1);
        const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join("; ")}`)).toEqual([]);
      });
    }
  });

  it("makes a code or table box a tab stop only while it has something to scroll, as the window's width changes", async () => {
    await inBrowser({ width: 1280 }, async (page) => {
      /** Each box: whether it scrolls, and whether it takes the focus. */
      const boxes = () =>
        page
          .locator(".article__body .scroll-box")
          .evaluateAll((all) => all.map((b) => [b.scrollWidth > b.clientWidth, b.getAttribute("tabindex") === "0"]));
      await page.goto(url(ARABIC));
      await expect.poll(boxes).toEqual([[false, false]]);
      await page.goto(url(EDGE));
      const wide = await boxes();
      expect(wide.length).toBe(2);
      await expect.poll(boxes).toEqual(wide.map(([scrolls]) => [scrolls, scrolls]));
      await page.setViewportSize({ width: 320, height: 720 });
      await expect.poll(boxes).toEqual([
        [true, true],
        [true, true],
      ]);
    });
  });

  it("sets Arabic headlines, summaries, paragraphs and cards right to left on an English page, English still left to right", async () => {
    await inBrowser({ width: 1280 }, async (page) => {
      await page.goto(url(ARABIC));
      expect(await alignedRight(page, ".article__title, .article__summary, .article__body p:first-child")).toEqual([true, true, true]);
      expect(await alignedRight(page, ".article__body p:last-child")).toEqual([false]);
      // A list item's bullet is on the side its own text starts from.
      const directions = (selector: string) =>
        page.locator(selector).evaluateAll((items) => items.map((li) => getComputedStyle(li).direction));
      expect(await directions(".article__body li")).toEqual(["rtl", "ltr"]);
      const notes = await page
        .locator(".teaser-list--notes li")
        .evaluateAll((items) =>
          items.map((li) => [li.textContent?.trim(), getComputedStyle(li).direction, getComputedStyle(li, "::before").right]),
        );
      expect(notes).toContainEqual(["خبر قصير من الميناء", "rtl", "0px"]);
      expect(notes).toContainEqual(["Short and fits", "ltr", expect.not.stringMatching(/^0px$/)]);
      await page.goto(url("/section/science/"));
      expect(await alignedRight(page, `.story-card:has(a[href="${ARABIC}"]) :is(.story-card__title, .story-card__standfirst)`)).toEqual([
        true,
        true,
      ]);
      await page.goto(url("/search/?q=مرفأ"));
      await page.waitForSelector("[data-search-results] li");
      expect(await alignedRight(page, ".search-result__title")).toEqual([true]);
    });
  });

  it("prints from a dark-mode browser in the light palette, writes no address twice, and wraps code", async () => {
    const colours = (colorScheme: "light" | "dark") =>
      inBrowser({ colorScheme, width: 800 }, async (page) => {
        await page.goto(url(EDGE));
        await page.emulateMedia({ media: "print", colorScheme });
        return await page.$$eval(
          ".kicker a, .article__summary, .article__meta, .article__figure figcaption, .article__body pre",
          (elements) => elements.map((e) => `${getComputedStyle(e).color} on ${getComputedStyle(e).backgroundColor}`),
        );
      });
    expect(await colours("dark")).toEqual(await colours("light"));

    await inBrowser({ colorScheme: "dark", width: 800 }, async (page) => {
      await page.goto(url(EDGE));
      await page.emulateMedia({ media: "print" });
      const after = (selector: string) => page.locator(selector).evaluate((a) => getComputedStyle(a, "::after").content);
      expect(await after(`.article__body p a[href^="${LONG_URL}"]`)).toBe("none");
      expect(await after(".article__body li a")).toContain("https://example.org/another/long/path");
      const pre = page.locator(".article__body pre");
      expect(await pre.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
      expect(await pre.evaluate((e) => e.getClientRects()[0]?.height ?? 0)).toBeGreaterThan(40);
    });
  });

  it("shows the masthead search box's placeholder at 4.5:1 contrast or more, light and dark", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      await inBrowser({ colorScheme, width: 1280 }, async (page) => {
        await page.goto(url("/"));
        const contrast = await page.locator(".masthead__search input[type=search]").evaluate((input) => {
          const rgb = (colour: string) => (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
          const luminance = (colour: string) => {
            const [r = 0, g = 0, b = 0] = rgb(colour).map((c) =>
              c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4,
            );
            return 0.2126 * r + 0.7152 * g + 0.0722 * b;
          };
          const placeholder = getComputedStyle(input, "::placeholder");
          if (placeholder.opacity !== "1") return 0;
          const [a, b] = [luminance(placeholder.color), luminance(getComputedStyle(input).backgroundColor)];
          return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        });
        expect(contrast, colorScheme).toBeGreaterThanOrEqual(4.5);
      });
    }
  });

  it("marks the current page of a list in forced colours", async () => {
    await inBrowser({ width: 1280 }, async (page) => {
      await page.emulateMedia({ forcedColors: "active" });
      await page.goto(url("/section/world/page/2/"));
      const background = (selector: string) =>
        page
          .locator(selector)
          .first()
          .evaluate((a) => getComputedStyle(a).backgroundColor);
      const current = await background('.pagination a[aria-current="page"]');
      expect(current).not.toBe(await background(".pagination a:not([aria-current])"));
      expect(current).not.toBe(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
    });
  });
});

describe.skipIf(!hasBrowser)("a site whose language is written right to left", () => {
  const { url } = servedFixture(async (fixture) => {
    const settings = path.join(fixture.root, "_data/site.yaml");
    await writeFile(settings, (await readFile(settings, "utf8")).replace(/^language: .*$/m, "language: ar"));
  });

  it("is laid out right to left: the masthead and navigation from the right, the skip link too; an English teaser keeps its bullet on its left", async () => {
    await inBrowser({ width: 1280 }, async (page) => {
      await page.goto(url("/2025/03/12/lighthouse-keepers-strike/"));
      expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
      const box = (selector: string) =>
        page
          .locator(selector)
          .first()
          .evaluate((e) => e.getBoundingClientRect().toJSON() as DOMRect);
      const title = await box(".masthead__title");
      expect(title.left).toBeGreaterThan(640);
      const links = await page.locator(".sections-nav a").evaluateAll((as) => as.map((a) => a.getBoundingClientRect().left));
      expect(links.length).toBeGreaterThan(1);
      expect(links).toEqual([...links].sort((a, b) => b - a));
      // A text-only teaser of the rail has its drawn bullet on the side its own text starts from: the right for Arabic.
      const note = page.locator(".teaser-list--notes li").first();
      expect(
        await note.evaluate((li) => [li.textContent?.trim(), getComputedStyle(li).direction, getComputedStyle(li, "::before").left]),
      ).toEqual(["Short and fits", "ltr", "0px"]);
      await page.keyboard.press("Tab");
      const skip = await box(".skip-link");
      expect(skip.right).toBeGreaterThan(640);
    });
  });

  it("never scrolls sideways at 320 px, and passes axe", async () => {
    await inBrowser({ width: 320, height: 720 }, async (page) => {
      for (const p of ["/", "/2025/03/12/lighthouse-keepers-strike/", "/section/world/", "/search/?q=harbour"]) {
        await page.goto(url(p));
        expect(await page.evaluate(() => document.documentElement.scrollWidth), p).toBeLessThanOrEqual(320);
      }
      await page.goto(url("/"));
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join("; ")}`)).toEqual([]);
    });
  });
});
