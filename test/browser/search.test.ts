import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStaticServer, type StaticServer } from "../../scripts/lib/serve/static-server.ts";
import type { SearchPartsFile } from "../../src/assets/search/index-parts.ts";
import { hasBrowser, launch } from "../helpers/browser.ts";
import { addFixtureImage, buildSearchFixture } from "../helpers/search-fixture.ts";
import { build, copyFixture } from "../helpers/site.ts";

/** Whether this build's index cache holds every file its manifest lists, and the summary that marks it complete. Runs in the page. */
async function savedIndexComplete(): Promise<boolean> {
  const manifest = (await (await fetch("/pagefind/offline-manifest.json")).json()) as { buildId: string; files: { url: string }[] };
  const cache = await caches.open(`broadsheet-index-${manifest.buildId}`);
  const saved = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
  return [...manifest.files.map((f) => f.url), "/pagefind/offline-summary.json"].every((url) => saved.has(url));
}

/** Collects the page's console errors and uncaught exceptions into `problems`. */
function recordProblems(page: Page, problems: string[]): void {
  page.on("console", (m) => {
    // Chromium asks for /favicon.ico on its own; the site has none yet.
    if (m.type() === "error" && !m.location().url.endsWith("/favicon.ico")) problems.push(`${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => problems.push(e.message));
}

describe.skipIf(!hasBrowser)("search in the browser, served with the site's CSP", () => {
  let fixture: Awaited<ReturnType<typeof buildSearchFixture>>;
  let server: StaticServer;
  let browser: Awaited<ReturnType<typeof launch>>;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  const results = () => page.locator(".search-result__title a").allTextContents();
  const status = () => page.locator("[data-search-status]");

  beforeAll(async () => {
    fixture = await buildSearchFixture();
    server = await startStaticServer({ root: fixture.out, port: 0 });
    browser = await launch();
    context = browser.context;
    // Reported from inside each page; init scripts are not subject to the page's CSP.
    await context.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    page = context.pages()[0] ?? (await context.newPage());
    recordProblems(page, problems);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await fixture?.cleanup();
  });

  it("suggests sections and tags before a search", async () => {
    await page.goto(`${server.url}search/`);
    await expect.poll(() => status().textContent()).toBe("Type to search all articles.");
    const suggestions = page.locator("[data-search-suggest]");
    await expect.poll(() => suggestions.textContent()).toContain("Search 5 articles");
    expect(await suggestions.locator("button").allTextContents()).toEqual(
      expect.arrayContaining(["World (3)", "Opinion (2)", "Coasts (2)"]),
    );
    expect(await page.locator("noscript").count()).toBe(1);
  });

  it("shows results as you type, headline matches first, with matched words marked and images", async () => {
    await page.locator("#search-query").pressSequentially("gull", { delay: 30 });
    await expect.poll(results).toEqual(["Gull census finds fewer birds on the cliffs", "A harbour diary"]);
    expect(await status().textContent()).toBe("2 articles found for “gull”.");
    expect(await status().getAttribute("aria-live")).toBe("polite");
    expect(await page.locator(".search-result").first().locator(".search-result__meta").textContent()).toBe("World · 1 February 2025");
    expect(await page.locator(".search-result mark").first().textContent()).toMatch(/^gull$/i);
    const image = page.locator(".search-result img");
    expect(await image.getAttribute("alt")).toBe("A herring gull on a harbour post");
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(new URL(page.url()).search).toBe("?q=gull");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("search-query");
  });

  it("filters with counts, keeping focus on the filter, and sorts by date; the URL follows", async () => {
    // The panel starts closed, so a first search fetches no filter values.
    expect(await page.locator("[data-search-filters]").getAttribute("open")).toBeNull();
    await page.locator("[data-search-filters] > summary").click();
    const opinion = page.getByRole("checkbox", { name: /Opinion/ });
    expect(await opinion.locator("xpath=..").textContent()).toMatch(/Opinion\s+1 article/);
    await opinion.focus();
    await page.keyboard.press("Space");
    await expect.poll(results).toEqual(["A harbour diary"]);
    expect(new URL(page.url()).searchParams.getAll("section")).toEqual(["opinion"]);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe("opinion");
    // Counts of a filter in use show what its other values would add.
    expect(await page.getByRole("checkbox", { name: /World/ }).locator("xpath=..").textContent()).toMatch(/World\s+1 article/);
    await page.getByRole("button", { name: "Remove filter Section: Opinion" }).click();
    await expect.poll(results).toHaveLength(2);

    await page.getByLabel("Sort by").selectOption("date");
    await expect.poll(results).toEqual(["A harbour diary", "Gull census finds fewer birds on the cliffs"]);
    expect(new URL(page.url()).search).toBe("?q=gull&sort=date");
  });

  it("restores a shared URL on reload, and steps back through searches", async () => {
    await page.goto(`${server.url}search/?q=gull&sort=date&tag=wildlife`);
    await expect.poll(results).toEqual(["Gull census finds fewer birds on the cliffs"]);
    expect(await page.locator("#search-query").inputValue()).toBe("gull");
    expect(await page.getByLabel("Sort by").inputValue()).toBe("date");
    expect(await page.getByRole("button", { name: "Remove filter Tag: Wildlife" }).count()).toBe(1);
    await page.locator("[data-search-filters] > summary").click();
    expect(await page.getByRole("checkbox", { name: /Wildlife/ }).isChecked()).toBe(true);

    await page.getByRole("checkbox", { name: /Wildlife/ }).uncheck();
    await expect.poll(results).toHaveLength(2);
    await page.goBack();
    await expect.poll(results).toEqual(["Gull census finds fewer birds on the cliffs"]);
    expect(await page.getByRole("checkbox", { name: /Wildlife/ }).isChecked()).toBe(true);
  });

  it("offers useful next steps when nothing matches", async () => {
    await page.goto(`${server.url}search/?q=quagga+zebra`);
    await expect.poll(() => status().textContent()).toBe("No articles found for “quagga zebra”.");
    const suggest = page.locator("[data-search-suggest]");
    expect(await suggest.textContent()).toContain("Check the spelling");
    expect(await suggest.getByRole("button").allTextContents()).toEqual(expect.arrayContaining(["quagga", "zebra", "World (3)"]));

    await page.goto(`${server.url}search/?q=gull&section=opinion&tag=wildlife`);
    await expect.poll(() => suggest.textContent()).toContain("2 articles match without the filters.");
    await suggest.getByRole("button", { name: "Remove all filters" }).click();
    await expect.poll(results).toHaveLength(2);
    expect(new URL(page.url()).search).toBe("?q=gull");
  });

  it("highlights the searched words on the article a result opens", async () => {
    await page.goto(`${server.url}search/?q=automated`);
    await page.getByRole("link", { name: /Lighthouse keepers strike/ }).click();
    await page.waitForURL(/lighthouse-keepers-strike\/\?highlight=automated/);
    await expect.poll(() => page.locator("mark.search-highlight").allTextContents()).toEqual(["automated"]);
  });

  it("saves search for offline use, then searches and reads visited pages with no network", async () => {
    await page.goto(`${server.url}search/`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const save = page.getByRole("button", { name: /^Save for offline \(\d+ KB\)$/ });
    await save.click();
    await expect
      .poll(() => page.locator("[data-offline-status]").textContent(), { timeout: 20_000 })
      .toMatch(/^Saved \d+ KB\. Search now works offline\.$/);
    expect(await page.evaluate(savedIndexComplete)).toBe(true);
    expect(await page.locator("[data-offline-text]").textContent()).toMatch(/^Search is saved on this device \(\d+ KB\)/);
    expect(await save.isHidden()).toBe(true);
    // Visited while online, so it stays readable.
    await page.goto(`${server.url}2025/02/01/gull-census/`);

    await context.setOffline(true);
    try {
      await page.goto(`${server.url}search/?q=dredging`);
      await expect.poll(results).toEqual(["Harbour tariffs rise for the first time in a decade"]);
      await page.goto(`${server.url}search/?q=lighthouse&sort=date`);
      await expect.poll(results).toEqual(["Lighthouse keepers strike over “automation”"]);
      await page.goto(`${server.url}2025/02/01/gull-census/`);
      expect(await page.locator("h1").textContent()).toBe("Gull census finds fewer birds on the cliffs");
      await page.goto(`${server.url}2025/03/05/in-praise-of-timetables/`);
      expect(await page.locator("h1").textContent()).toBe("You are offline");
    } finally {
      await context.setOffline(false);
    }
  });

  it("replaces the caches of an old build after an update, saving the new index again", async () => {
    await writeFile(
      path.join(fixture.root, "src/articles/2025-03-15-cormorant.md"),
      "---\ntitle: Cormorants return\ndate: 2025-03-15\nsection: world\nauthors: ada\n---\n\nThe cormorants are back on the breakwater.\n",
    );
    // Enough articles for a second page of results (next test).
    for (let day = 1; day <= 12; day++) {
      const dd = String(day).padStart(2, "0");
      await writeFile(
        path.join(fixture.root, `src/articles/2025-01-${dd}-tide-table-${day}.md`),
        `---\ntitle: Tide table for ${day} January\ndate: 2025-01-${dd}\nsection: world\nauthors: ben\n---\n\nHigh tide at the harbour mouth, day ${day}.\n`,
      );
    }
    const rebuilt = await build(fixture.root, fixture.out);
    expect(rebuilt.code).toBe(0);
    await addFixtureImage(fixture.out);
    const buildId = JSON.parse(await readFile(path.join(fixture.out, "pagefind/offline-manifest.json"), "utf8")).buildId as string;

    await page.goto(`${server.url}search/`);
    await expect
      .poll(() => page.evaluate(() => caches.keys().then((k) => k.sort())), { timeout: 20_000 })
      .toEqual(["broadsheet-index-" + buildId, "broadsheet-pages", "broadsheet-shell-" + buildId]);
    expect(await page.evaluate(savedIndexComplete)).toBe(true);
    await context.setOffline(true);
    try {
      await page.goto(`${server.url}search/?q=cormorants`);
      await expect.poll(results).toEqual(["Cormorants return"]);
    } finally {
      await context.setOffline(false);
    }
  });

  it("pages through results with Load more, moving focus to the first new result", async () => {
    await page.goto(`${server.url}search/?q=tide&sort=date`);
    await expect.poll(results).toHaveLength(10);
    expect(await status().textContent()).toBe("12 articles found for “tide”, newest first.");
    await page.getByRole("button", { name: "Load more results" }).click();
    await expect.poll(results).toHaveLength(12);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Tide table for 2 January");
    expect(await page.getByRole("button", { name: "Load more results" }).isHidden()).toBe(true);
  });

  it("passes axe's WCAG 2.2 AA checks with results and filters shown", async () => {
    await page.goto(`${server.url}search/?q=gull&section=world`);
    await expect.poll(results).toHaveLength(1);
    const report = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
    expect(report.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });

  it("says that results need JavaScript when it is off, and shows no dead controls", async () => {
    const noScript = await launch({ javaScriptEnabled: false });
    try {
      const plain = noScript.context.pages()[0] ?? (await noScript.context.newPage());
      await plain.goto(`${server.url}search/?q=gull`);
      expect(await plain.locator(".search-notice").isVisible()).toBe(true);
      expect(await plain.locator(".search-notice").textContent()).toContain("Search results need JavaScript");
      expect(await plain.locator(".search-notice a").allTextContents()).toEqual(expect.arrayContaining(["World", "Opinion"]));
      expect(await plain.locator("[data-search-app]").isHidden()).toBe(true);
      expect(await plain.locator("[data-offline-save]").isHidden()).toBe(true);
    } finally {
      await noScript.close();
    }
  });

  it("logged no errors and no CSP violations", () => {
    expect(problems).toEqual([]);
  });
});

describe.skipIf(!hasBrowser)("search in the browser over an index in parts, opened newest first", () => {
  let fixture: Awaited<ReturnType<typeof copyFixture>>;
  let server: StaticServer;
  let browser: Awaited<ReturnType<typeof launch>>;
  let page: Page;
  const problems: string[] = [];
  /** Index files the page fetched (paths under /pagefind/). */
  const fetched: string[] = [];
  const results = () => page.locator(".search-result__title a").allTextContents();
  const status = () => page.locator("[data-search-status]");
  const button = () => page.locator("[data-search-more]");
  const fetchedFrom = (prefix: string) => fetched.some((p) => p.startsWith(prefix));
  const focused = () => page.evaluate(() => document.activeElement?.textContent);
  const newest = [
    "Northern light returns to full power",
    "Tide gauges to be replaced after sixty years",
    "Lighthouse keepers strike over “automation”",
    "Harbour tariffs rise for the first time in a decade",
  ];

  beforeAll(async () => {
    fixture = await copyFixture();
    // 12 published articles in parts of 4, newest first.
    await writeFile(
      path.join(fixture.root, "_data/site.yaml"),
      `${await readFile(path.join(fixture.root, "_data/site.yaml"), "utf8")}\nsearchPartitionSize: 4\n`,
    );
    const built = await build(fixture.root, fixture.out);
    expect(built.code, built.stderr).toBe(0);
    // The parts' dates, as the build describes them; the page words its status from them.
    const { info } = JSON.parse(await readFile(path.join(fixture.out, "pagefind/parts.json"), "utf8")) as SearchPartsFile;
    expect(info).toEqual([
      { path: "/pagefind/", pages: 4, newest: "2025-03-18", oldest: "2025-03-10" },
      { path: "/pagefind/parts/2/", pages: 4, newest: "2025-03-05", oldest: "2025-02-09" },
      { path: "/pagefind/parts/3/", pages: 4, newest: "2025-01-28", oldest: "2024-11-18" },
    ]);
    server = await startStaticServer({ root: fixture.out, port: 0 });
    // A phone: the filters panel starts closed.
    browser = await launch({ width: 390, height: 844 });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on("request", (r) => {
      const { pathname } = new URL(r.url());
      if (pathname.startsWith("/pagefind/")) fetched.push(pathname);
    });
    recordProblems(page, problems);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await fixture?.cleanup();
  });

  it("answers a first search from the newest articles alone, saying how far back it searched", async () => {
    fetched.length = 0;
    await page.goto(`${server.url}search/?q=the&sort=date`);
    await expect.poll(() => status().textContent()).toBe("4 articles found for “the” among articles since 10 March 2025, newest first.");
    expect(await results()).toEqual(newest);
    expect(await button().textContent()).toBe("Search older articles");
    expect(fetched).toContain("/pagefind/wasm.en-gb.pagefind");
    expect(fetchedFrom("/pagefind/parts/")).toBe(false);
    expect(fetchedFrom("/pagefind/filter/")).toBe(false);
  });

  it("adds older articles after those shown, one part at a time, in date order, moving focus to the first new one", async () => {
    await page.getByRole("button", { name: "Search older articles" }).click();
    await expect.poll(() => status().textContent()).toBe("8 articles found for “the” among articles since 9 February 2025, newest first.");
    expect((await results()).slice(0, 4)).toEqual(newest);
    expect(await results()).toHaveLength(8);
    expect(await focused()).toBe("In praise of timetables");
    expect(fetchedFrom("/pagefind/parts/2/")).toBe(true);
    expect(fetchedFrom("/pagefind/parts/3/")).toBe(false);

    await page.getByRole("button", { name: "Search older articles" }).click();
    await expect.poll(() => status().textContent()).toBe("12 articles found for “the”, newest first.");
    expect(await focused()).toBe("Fish auction moves to a new hall");
    expect((await results()).slice(-2)).toEqual(["Why the winter gales came early this year", "Storm surge floods the lower harbour"]);
    expect(await button().isHidden()).toBe(true);
    expect(new URL(page.url()).search).toBe("?q=the&sort=date");
  });

  it("keeps searching older parts until one matches a word only the oldest articles hold", async () => {
    await page.goto(`${server.url}search/?q=surge`);
    await expect.poll(() => status().textContent()).toBe("No articles found for “surge” among articles since 10 March 2025.");
    await page.getByRole("button", { name: "Search older articles" }).click();
    await expect.poll(results).toEqual(["Storm surge floods the lower harbour"]);
    expect(await status().textContent()).toBe("1 article found for “surge”.");
  });

  it("loads filter values when the filters panel opens, counting the articles searched so far", async () => {
    fetched.length = 0;
    await page.goto(`${server.url}search/?q=the`);
    await expect.poll(results).toHaveLength(4);
    expect(fetchedFrom("/pagefind/filter/")).toBe(false);
    await page.locator(".search-filters > summary").click();
    const world = () => page.getByRole("checkbox", { name: /World/ }).locator("xpath=..").textContent();
    await expect.poll(world).toMatch(/World\s+3 articles/);
    expect(fetchedFrom("/pagefind/filter/")).toBe(true);
    expect(fetchedFrom("/pagefind/parts/")).toBe(false);
    await page.getByRole("button", { name: "Search older articles" }).click();
    await expect.poll(world).toMatch(/World\s+4 articles/);
    expect(fetchedFrom("/pagefind/parts/2/filter/")).toBe(true);
  });

  it("counts filter values at once when the address holds a filter", async () => {
    fetched.length = 0;
    await page.goto(`${server.url}search/?section=world`);
    await expect
      .poll(() => status().textContent())
      .toBe("3 articles found with the chosen filters among articles since 10 March 2025, newest first.");
    expect(fetchedFrom("/pagefind/filter/")).toBe(true);
    await page.locator(".search-filters > summary").click();
    expect(await page.getByRole("checkbox", { name: /World/ }).isChecked()).toBe(true);
    expect(
      await page
        .getByRole("checkbox", { name: /Science/ })
        .locator("xpath=..")
        .textContent(),
    ).toMatch(/Science\s+1 article$/);
  });

  it("invites a search of every article before a search, counting them all", async () => {
    await page.goto(`${server.url}search/`);
    await expect.poll(() => page.locator("[data-search-suggest]").textContent()).toContain("Search 12 articles");
  });

  it("searches older parts offline once the index is saved", async () => {
    await page.goto(`${server.url}search/`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.getByRole("button", { name: /^Save for offline/ }).click();
    await expect.poll(() => page.locator("[data-offline-status]").textContent(), { timeout: 20_000 }).toMatch(/^Saved \d+ KB\./);
    await browser.context.setOffline(true);
    try {
      await page.goto(`${server.url}search/?q=surge`);
      await expect.poll(() => status().textContent()).toMatch(/^No articles found/);
      await page.getByRole("button", { name: "Search older articles" }).click();
      await expect.poll(results).toEqual(["Storm surge floods the lower harbour"]);
    } finally {
      await browser.context.setOffline(false);
    }
  });

  it("logged no errors", () => {
    expect(problems).toEqual([]);
  });
});
