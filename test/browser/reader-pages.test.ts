/**
 * What a reader meets on the pages, in Chromium: an article's foot offers each
 * story once and never the article itself, a date known only to its year is
 * shown and published as that year, the front page and the first page read
 * open offline, and text-only teasers look meant and read in full.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStaticServer, type StaticServer } from "../../scripts/lib/serve/static-server.ts";
import { hasBrowser, launch } from "../helpers/browser.ts";
import { PROJECT, build, fixturePool, type Fixture } from "../helpers/site.ts";

const MUSK = "On March 9, local time, Tesla CEO Musk reposted on social m…";
const LONG_NOTE = "A plain line of news with no link to follow, which runs on well past the sixty characters a teaser may have";

/** The fixture site, with a crowd of stories that all share tags across sections, an address dated only by its year, and text-only teasers. */
async function richFixture(fixture: Fixture): Promise<void> {
  const sections = ["world", "opinion", "science"];
  for (let day = 1; day <= 24; day++) {
    const dd = String(day).padStart(2, "0");
    const tags = ["Coasts", "Labour", day % 2 ? "Trade" : "Weather"];
    await writeFile(
      path.join(fixture.root, `src/articles/2024-10-${dd}-harbour-log-${day}.md`),
      `---\ntitle: Harbour log ${day}\ndate: 2024-10-${dd}\nsection: ${sections[day % 3]}\nauthors: [ada]\ntags: [${tags.join(", ")}]\n---\n\nThe harbour log for ${day} October: ships in, ships out.\n`,
    );
  }
  await writeFile(
    path.join(fixture.root, "src/articles/1790-01-01-address-to-congress.md"),
    "---\ntitle: Address to Congress\ndate: 1790\nsection: world\nauthors: [ada]\ntags: [Labour]\n---\n\nFellow citizens of the Senate and House of Representatives, the source gives only the year of this address.\n",
  );
  const teasers = path.join(fixture.root, "_data/teasers.yaml");
  await writeFile(teasers, `${await readFile(teasers, "utf8")}  - text: "${MUSK}"\n  - text: "${LONG_NOTE}"\n`);
}

/** Every story link after the article: the further reading and the rails, as absolute URLs. */
function footLinks(page: Page): Promise<string[]> {
  return page.$$eval("main > article ~ * a[href]", (links) => links.map((a) => (a as HTMLAnchorElement).href));
}

describe.skipIf(!hasBrowser)("the reader's pages in a browser", () => {
  const pool = fixturePool();
  let rich: Fixture;
  let seedOut: Fixture;
  let richServer: StaticServer;
  let seedServer: StaticServer;
  let browser: Awaited<ReturnType<typeof launch>>;

  beforeAll(async () => {
    rich = await pool.fixture();
    await richFixture(rich);
    // The project's own content (the seed's articles and the State of the Union sample), built apart from _site.
    seedOut = await pool.fixture();
    const [richBuild, seedBuild] = await Promise.all([build(rich.root, rich.out), build(PROJECT, seedOut.out)]);
    expect(richBuild.code, richBuild.stderr).toBe(0);
    expect(seedBuild.code, seedBuild.stderr).toBe(0);
    richServer = await startStaticServer({ root: rich.out, port: 0 });
    seedServer = await startStaticServer({ root: seedOut.out, port: 0 });
    browser = await launch();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await richServer?.close();
    await seedServer?.close();
    await pool.cleanup();
  });

  for (const [name, site] of [
    ["the seed articles", () => ({ server: seedServer, out: seedOut.out })],
    ["a site where every story is related to many others", () => ({ server: richServer, out: rich.out })],
  ] as const) {
    it(`offers no story twice in an article's foot, and never the article itself: ${name}`, async () => {
      const { server, out } = site();
      const feed = JSON.parse(await readFile(path.join(out, "feed.json"), "utf8")) as { items: { url: string }[] };
      const base = new URL(server.url);
      const articles = feed.items.map((item) => new URL(new URL(item.url).pathname, base).href);
      expect(articles.length).toBeGreaterThan(10);
      const page = await browser.context.newPage();
      try {
        for (const url of articles) {
          await page.goto(url);
          const links = await footLinks(page);
          const stories = links.filter((href) => /\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/$/.test(new URL(href).pathname));
          expect(stories, url).not.toContain(url);
          expect(new Set(stories).size, `${url}: ${stories.join(" ")}`).toBe(stories.length);
          expect(await page.locator(".further__item").count(), url).toBeGreaterThan(0);
        }
      } finally {
        await page.close();
      }
    });
  }

  it("shows the intelligence-sharing article's foot without repeating the Bessent story, and no Latest link to itself", async () => {
    const page = await browser.context.newPage();
    try {
      await page.goto(new URL("/2025/03/12/resumed-intelligence-sharing-transactional-diplomacy/", seedServer.url).href);
      const bessent = (await footLinks(page)).filter((href) => href.includes("bessent-comments-draw-attention"));
      expect(bessent).toHaveLength(1);
    } finally {
      await page.close();
    }
  });

  it("offers a search for the words of a missing page's address, one Enter away, and search mends their spelling", async () => {
    const page = await browser.context.newPage();
    try {
      const response = await page.goto(new URL("/2024/10/05/harbuor-log-5/", richServer.url).href);
      expect(response?.status()).toBe(404);
      expect(await page.locator("h1").textContent()).toBe("Page not found");
      // The page's own box, full width on a phone, so every word shows; the masthead has none.
      expect(await page.locator("#site-search").count()).toBe(0);
      const box = page.getByRole("searchbox", { name: "Search the articles" });
      await expect.poll(() => box.inputValue()).toBe("harbuor log");
      await box.press("Enter");
      await page.waitForURL(/\/search\/\?q=harbuor\+log$/);
      await expect.poll(() => page.locator("[data-search-suggest]").getByRole("button").allTextContents()).toContain("harbour log");
    } finally {
      await page.close();
    }
  });

  it("tells a reader who opened the built copy from a file how to serve it, and no one else", async () => {
    const page = await browser.context.newPage();
    const notice = page.locator(".file-notice");
    try {
      for (const where of ["/", "/search/", "/2024/10/05/harbour-log-5/"]) {
        await page.goto(new URL(where, richServer.url).href);
        expect(await notice.isVisible(), where).toBe(false);
      }
      // From a file, the stylesheet is looked for at the file system's root: the front page and the search page say why.
      for (const file of ["index.html", "search/index.html"]) {
        await page.goto(`file://${path.join(rich.out, file)}`);
        expect(await notice.isVisible(), file).toBe(true);
        expect(await notice.textContent()).toContain("python3 -m http.server 8080");
      }
    } finally {
      await page.close();
    }
  });

  it("shows a date known only to the year as the year: on the page, in cards, in both feeds and in JSON-LD", async () => {
    const page = await browser.context.newPage();
    try {
      const url = new URL("/1790/01/01/address-to-congress/", richServer.url).href;
      await page.goto(url);
      const dateline = page.locator(".dateline time");
      expect(await dateline.textContent()).toBe("1790");
      expect(await dateline.getAttribute("datetime")).toBe("1790");
      expect(await page.locator("main").textContent()).not.toMatch(/1 January|January 1790/);
      const jsonLd = await page.$$eval('script[type="application/ld+json"]', (scripts) =>
        scripts.map((s) => JSON.parse(s.textContent ?? "")),
      );
      const article = jsonLd.find((d: { "@type": string }) => d["@type"] === "NewsArticle");
      expect(article).toMatchObject({ datePublished: "1790", dateModified: "1790" });
      expect(await page.locator('meta[property="article:published_time"]').getAttribute("content")).toBe("1790");

      // Its year's archive lists it, in a card dated 1790; no month's archive does.
      await page.goto(new URL("/archive/1790/", richServer.url).href);
      expect(await page.locator(".story-card", { hasText: "Address to Congress" }).locator("time").textContent()).toBe("1790");
      expect((await page.request.get(new URL("/archive/1790/01/", richServer.url).href)).status()).toBe(404);

      const atom = new XMLParser({ ignoreAttributes: false }).parse(
        await (await page.request.get(new URL("/feed.xml", richServer.url).href)).text(),
      );
      const entry = (atom.feed.entry as Record<string, unknown>[]).find(
        (e) => e.id === "https://broadsheet.netlify.app/1790/01/01/address-to-congress/",
      );
      expect(entry).toBeDefined();
      expect(entry).not.toHaveProperty("published");
      expect(entry?.["dc:date"]).toBe(1790);
      // Midnight in London, which kept local mean time (−00:01:15) then: written in UTC.
      expect(String(entry?.updated)).toBe("1790-01-01T00:01:15Z");
      expect((entry?.content as { "#text": string })["#text"]).toContain(
        'Dated <time datetime="1790">1790</time>; the month and day are not known.',
      );

      const json = (await (await page.request.get(new URL("/feed.json", richServer.url).href)).json()) as {
        items: Record<string, string>[];
      };
      const item = json.items.find((i) => i.id === "https://broadsheet.netlify.app/1790/01/01/address-to-congress/");
      expect(item).toBeDefined();
      expect(item).not.toHaveProperty("date_published");
      expect(item).not.toHaveProperty("date_modified");
      expect(item?.content_html).toContain('Dated <time datetime="1790">1790</time>');
    } finally {
      await page.close();
    }
  });

  it("opens the front page and the one page read, offline, after visiting only that page", async () => {
    // A browser that has never seen the site.
    const fresh = await launch({ width: 390, height: 844 });
    try {
      const page = fresh.context.pages()[0] ?? (await fresh.context.newPage());
      const article = new URL("/2025/03/12/lighthouse-keepers-strike/", richServer.url).href;
      await page.goto(article);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await fresh.context.setOffline(true);
      await page.goto(richServer.url);
      expect(await page.locator("h1").textContent()).not.toBe("You are offline");
      expect(await page.locator(".lead-story__title").textContent()).toBe("Northern light returns to full power");
      await page.goto(article);
      expect(await page.locator("h1").textContent()).toBe("Lighthouse keepers strike over “automation”");

      // A page never read: the offline page, offering what is saved, newest first.
      await page.goto(new URL("/2025/03/05/in-praise-of-timetables/", richServer.url).href);
      expect(await page.locator("h1").textContent()).toBe("You are offline");
      const saved = page.locator("[data-saved-list] a");
      await expect.poll(() => saved.allTextContents()).toEqual(["Lighthouse keepers strike over “automation”", "Front page"]);
      await saved.first().click();
      expect(await page.locator("h1").textContent()).toBe("Lighthouse keepers strike over “automation”");
    } finally {
      await fresh.close();
    }
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`sets text-only teasers apart as "Also in the news", styled as such, their whole text ending at a word (${colorScheme})`, async () => {
      const themed = await launch({ colorScheme });
      try {
        const page = themed.context.pages()[0] ?? (await themed.context.newPage());
        await page.goto(richServer.url);
        const rail = page.locator(".rail");
        expect(await rail.getByRole("heading", { name: "Also in the news" }).count()).toBe(1);
        const notes = rail.locator(".teaser-list--notes li");
        expect(await notes.locator("a").count()).toBe(0);
        const styles = await notes.evaluateAll((items) =>
          items.map((li) => {
            const style = getComputedStyle(li);
            return { color: style.color, decoration: style.textDecorationLine };
          }),
        );
        const muted = await page.evaluate(() => {
          const probe = document.createElement("span");
          probe.style.color = "var(--ink-muted)";
          document.body.append(probe);
          return getComputedStyle(probe).color;
        });
        const link = await rail
          .locator(".teaser-list:not(.teaser-list--notes) a")
          .first()
          .evaluate((a) => getComputedStyle(a).color);
        expect(styles.length).toBe(3);
        for (const style of styles) {
          expect(style.color).toBe(muted);
          expect(style.color).not.toBe(link);
          expect(style.decoration).toBe("none");
        }
        // What a screen reader hears: whole texts, a cut made upstream ending at a word.
        const heard = await rail.locator(".teaser-list--notes").ariaSnapshot();
        expect(heard).toContain("On March 9, local time, Tesla CEO Musk reposted on social…");
        expect(heard).not.toContain("social m");
        expect(heard).toContain(LONG_NOTE);
        const long = notes.filter({ hasText: "A plain line of news" });
        expect(await long.locator("[title]").getAttribute("title")).toBe(LONG_NOTE);
        // What is seen: the cut, at a word.
        expect(await long.locator('[aria-hidden="true"]').textContent()).toBe(
          "A plain line of news with no link to follow, which runs on…",
        );
      } finally {
        await themed.close();
      }
    });
  }
});
