import { readFile, readdir, rename, writeFile } from "node:fs/promises";
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

/**
 * Gives every stylesheet and script of the build in `out` a new name, as a
 * deploy that changed them would (`mark` added to the name), and points every
 * page and the worker to it.
 */
async function renameAssets(out: string, mark: string): Promise<void> {
  const assets = (await readdir(path.join(out, "assets"))).filter((name) => /\.(css|js)$/.test(name));
  const renamed = new Map(assets.map((name) => [name, name.replace(/\.(css|js)$/, `${mark}.$1`)]));
  for (const [from, to] of renamed) await rename(path.join(out, "assets", from), path.join(out, "assets", to));
  const files = (await readdir(out, { recursive: true })).filter((name) => /\.(html|js|css)$/.test(name));
  for (const file of files) {
    const text = await readFile(path.join(out, file), "utf8");
    let next = text;
    for (const [from, to] of renamed) next = next.replaceAll(`/assets/${from}`, `/assets/${to}`);
    if (next !== text) await writeFile(path.join(out, file), next);
  }
}

/** Whether every stylesheet the page names loaded, with rules. Runs in the page. */
function styled(): boolean {
  const links = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')];
  const hasRules = (link: HTMLLinkElement) => {
    // A stylesheet whose load failed may refuse to list its rules.
    try {
      return (link.sheet?.cssRules.length ?? 0) > 0;
    } catch {
      return false;
    }
  };
  return links.length > 0 && links.every(hasRules);
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

  it("has one search box, says how to find an exact phrase, and leaves no gap under a short list", async () => {
    await page.goto(`${server.url}search/?q=gull`);
    await expect.poll(results).toHaveLength(2);
    expect(await page.locator('input[type="search"]').count()).toBe(1);
    expect(await page.locator("#search-hint").textContent()).toBe(
      'Use "quotes" for an exact phrase, and -word to leave out articles with a word.',
    );
    const offline = page.locator("[data-offline-save]");
    await expect.poll(() => offline.isVisible()).toBe(true);
    const gap = await page.evaluate(
      () =>
        (document.querySelector("[data-offline-save]")?.getBoundingClientRect().top ?? 0) -
        (document.querySelector("[data-search-results]")?.getBoundingClientRect().bottom ?? 0),
    );
    expect(gap).toBeGreaterThan(0);
    expect(gap).toBeLessThan(100);
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
    expect(await suggest.getByRole("button").allTextContents()).toEqual(expect.arrayContaining(["World (3)"]));
    // Neither word finds anything alone, so neither is offered alone.
    expect(await suggest.textContent()).not.toContain("Try one word");

    // Words no article holds together: the articles holding either, each saying which it misses, then each word alone.
    await page.goto(`${server.url}search/?q=gull+tariffs`);
    await expect.poll(() => status().textContent()).toBe("No article holds every word. 3 articles hold some of them.");
    expect(await page.locator(".search-result__missing").allTextContents()).toEqual([
      "Missing: gull",
      "Missing: tariffs",
      "Missing: tariffs",
    ]);
    await expect.poll(() => suggest.textContent()).toContain("Try one word:");
    expect(await suggest.getByRole("button").allTextContents()).toEqual(expect.arrayContaining(["gull (2)", "tariffs (1)"]));
    await suggest.getByRole("button", { name: "gull (2)" }).click();
    await expect.poll(results).toHaveLength(2);

    // A word no page holds, spelt as the pages spell it, one click away.
    await page.goto(`${server.url}search/?q=harbuor`);
    await expect.poll(() => suggest.textContent()).toContain("Did you mean:");
    await suggest.getByRole("button", { name: "harbour" }).click();
    await expect.poll(async () => (await results()).length).toBeGreaterThan(0);
    expect(new URL(page.url()).searchParams.get("q")).toBe("harbour");
    // A typo in the first letters, mended from the archive's vocabulary, which the page fetches for it.
    await page.goto(`${server.url}search/?q=ahrbour`);
    await expect.poll(() => suggest.textContent()).toContain("Did you mean:");
    expect(await suggest.getByRole("button").allTextContents()).toContain("harbour");

    // Found only by a shorter word that starts it: the results, then the spelling the pages use below them.
    await page.goto(`${server.url}search/?q=lighthuose`);
    await expect.poll(() => suggest.textContent()).toContain("Did you mean:");
    expect((await results()).length).toBeGreaterThan(0);
    expect(await suggest.evaluate((box) => box.previousElementSibling?.matches("[data-search-results]"))).toBe(true);
    // A screen reader hears it with the count, in a part of the status line that is not shown.
    expect(await status().locator(".visually-hidden").textContent()).toBe(
      "Did you mean “lighthouse”? A button below the results searches for it.",
    );
    expect(await status().textContent()).toMatch(/^\d+ articles? found for “lighthuose”\. Did you mean “lighthouse”\?/);
    await suggest.getByRole("button", { name: "lighthouse" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe("lighthouse");
    await expect.poll(() => status().textContent()).toMatch(/found for “lighthouse”/);
    expect(await suggest.isHidden()).toBe(true);

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
      // The spelling vocabulary is part of the saved index.
      await page.goto(`${server.url}search/?q=ahrbour`);
      await expect.poll(() => page.locator("[data-search-suggest]").getByRole("button").allTextContents()).toContain("harbour");
      await page.goto(`${server.url}2025/02/01/gull-census/`);
      expect(await page.locator("h1").textContent()).toBe("Gull census finds fewer birds on the cliffs");
      await page.goto(`${server.url}2025/03/05/in-praise-of-timetables/`);
      expect(await page.locator("h1").textContent()).toBe("You are offline");
    } finally {
      await context.setOffline(false);
    }
  });

  it("replaces the caches of an old build after an update, saving the new index again", async () => {
    // A reader who saved search and read a page, then came back after a deploy that changed the styles and scripts.
    const reader = await launch();
    try {
      const readerPage = reader.context.pages()[0] ?? (await reader.context.newPage());
      await readerPage.goto(`${server.url}search/`);
      await readerPage.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await readerPage.getByRole("button", { name: /^Save for offline/ }).click();
      await expect.poll(() => readerPage.locator("[data-offline-status]").textContent(), { timeout: 20_000 }).toMatch(/^Saved /);
      await readerPage.goto(`${server.url}2025/02/01/gull-census/`);

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
      await renameAssets(fixture.out, "0");
      const buildId = JSON.parse(await readFile(path.join(fixture.out, "pagefind/offline-manifest.json"), "utf8")).buildId as string;
      const updated = ["broadsheet-index-" + buildId, "broadsheet-pages", "broadsheet-shell-" + buildId];

      await page.goto(`${server.url}search/`);
      await expect.poll(() => page.evaluate(() => caches.keys().then((k) => k.sort())), { timeout: 20_000 }).toEqual(updated);
      expect(await page.evaluate(savedIndexComplete)).toBe(true);
      await context.setOffline(true);
      try {
        await page.goto(`${server.url}search/?q=cormorants`);
        await expect.poll(results).toEqual(["Cormorants return"]);
      } finally {
        await context.setOffline(false);
      }

      // Not the search page: the reader's copy of it is the one from before the deploy.
      await readerPage.goto(server.url);
      await expect.poll(() => readerPage.evaluate(() => caches.keys().then((k) => k.sort())), { timeout: 20_000 }).toEqual(updated);
      // Only the worker's caches answer, as after the browser dropped its own.
      await (await reader.context.newCDPSession(readerPage)).send("Network.clearBrowserCache");
      await reader.context.setOffline(true);
      await readerPage.goto(`${server.url}search/?q=cormorants`);
      await expect.poll(() => readerPage.locator(".search-result__title a").allTextContents()).toEqual(["Cormorants return"]);
      expect(await readerPage.evaluate(styled)).toBe(true);
      // The current build's search page, with its own scripts, not the copy read before the deploy.
      expect(await readerPage.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel="stylesheet"]')?.href)).toMatch(/0\.css$/);
      // It names the old build's stylesheet, which must outlive that build's caches.
      await readerPage.goto(`${server.url}2025/02/01/gull-census/`);
      expect(await readerPage.locator("h1").textContent()).toBe("Gull census finds fewer birds on the cliffs");
      expect(await readerPage.evaluate(styled)).toBe(true);
    } finally {
      await reader.close();
    }
  });

  it("deletes a save that stops, saying why, and never completes one after a deploy", async () => {
    const reader = await launch();
    try {
      const readerPage = reader.context.pages()[0] ?? (await reader.context.newPage());
      const indexCaches = () =>
        readerPage.evaluate(() => caches.keys().then((k) => k.filter((name) => name.startsWith("broadsheet-index-"))));
      await readerPage.goto(`${server.url}search/`);
      await readerPage.waitForFunction(() => navigator.serviceWorker.controller !== null);
      const cdp = await reader.context.newCDPSession(readerPage);
      const origin = new URL(server.url).origin;
      const { usage } = await readerPage.evaluate(() => navigator.storage.estimate());
      await cdp.send("Storage.overrideQuotaForOrigin", { origin, quotaSize: (usage ?? 0) + 1000 });
      await readerPage.getByRole("button", { name: /^Save for offline/ }).click();
      await expect
        .poll(() => readerPage.locator("[data-offline-status]").textContent(), { timeout: 20_000 })
        .toBe("Saving stopped: this device's storage is full. Free some space, then try again.");
      await expect.poll(indexCaches).toEqual([]);
      await cdp.send("Storage.overrideQuotaForOrigin", { origin });

      // A save cut short another way (the tab closed): no summary, so not saved.
      const previous = JSON.parse(await readFile(path.join(fixture.out, "pagefind/offline-manifest.json"), "utf8")) as {
        files: { url: string }[];
      };
      await readerPage.evaluate(async (url) => {
        const manifest = (await (await fetch("/pagefind/offline-manifest.json")).json()) as { buildId: string };
        await (await caches.open(`broadsheet-index-${manifest.buildId}`)).put(url, await fetch(url));
      }, previous.files[0]?.url ?? "");

      // As if they had aged out of the pages cache: a page read now must keep them again, though this build's shell serves them.
      await readerPage.evaluate(async () => {
        const pages = await caches.open("broadsheet-pages");
        for (const request of await pages.keys()) if (new URL(request.url).pathname.startsWith("/assets/")) await pages.delete(request);
      });
      await readerPage.goto(`${server.url}2025/02/01/gull-census/`);

      await writeFile(
        path.join(fixture.root, "src/articles/2025-03-16-shags.md"),
        "---\ntitle: Shags nest early\ndate: 2025-03-16\nsection: world\nauthors: ada\n---\n\nThe shags are nesting on the stacks.\n",
      );
      expect((await build(fixture.root, fixture.out)).code).toBe(0);
      await addFixtureImage(fixture.out);
      await renameAssets(fixture.out, "1");
      const manifest = JSON.parse(await readFile(path.join(fixture.out, "pagefind/offline-manifest.json"), "utf8")) as {
        buildId: string;
        files: { url: string }[];
      };
      // A file only the new index has, gone while the other browser's worker saves its index again, as a dropped connection would lose it.
      const known = new Set(previous.files.map((f) => f.url));
      const added = manifest.files.find((f) => !known.has(f.url) && /\/(index|fragment)\//.test(f.url))?.url ?? "";
      const addedPath = path.join(fixture.out, added);
      await rename(addedPath, `${addedPath}.gone`);
      const updated = ["broadsheet-pages", "broadsheet-shell-" + manifest.buildId];
      try {
        await readerPage.goto(server.url);
        await expect.poll(() => readerPage.evaluate(() => caches.keys().then((k) => k.sort())), { timeout: 20_000 }).toEqual(updated);
        // The index this browser saved in full cannot be saved again: the new build's worker still takes over, without it.
        await page.goto(server.url);
        await expect.poll(() => page.evaluate(() => caches.keys().then((k) => k.sort())), { timeout: 20_000 }).toEqual(updated);
      } finally {
        await rename(`${addedPath}.gone`, addedPath);
      }
      await readerPage.goto(`${server.url}search/`);
      await expect.poll(() => readerPage.getByRole("button", { name: /^Save for offline/ }).isVisible()).toBe(true);
      await cdp.send("Network.clearBrowserCache");
      await reader.context.setOffline(true);
      await readerPage.goto(`${server.url}2025/02/01/gull-census/`);
      expect(await readerPage.evaluate(styled)).toBe(true);
    } finally {
      await reader.close();
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

/** Sums, in `window.shifts`, the layout shifts the reader did not cause. Runs in the page. */
function countShifts(): void {
  const w = window as unknown as { shifts: number };
  w.shifts = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[])
      if (!entry.hadRecentInput) w.shifts += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
}

/** Paragraphs of the long article in the oldest part; the phrase searched stands near its end only. */
const LONG_ARTICLE = [
  "---",
  "title: Notes from the harbour records",
  "date: 2024-01-02",
  "section: world",
  "authors: ada",
  "---",
  "",
  ...Array.from(
    { length: 40 },
    (_, i) =>
      `Entry ${i + 1} of the ledger lists the ships that called, the cargo they landed and the dues paid at the customs office on the quay. The harbour master signed each page.\n`,
  ),
  "On the last page a clerk noted that the bell of the old customs house rang at midnight, though no ship was due.\n",
  "The ledger ends there.\n",
].join("\n");

describe.skipIf(!hasBrowser)("search in the browser over an index in parts, the whole archive at once", () => {
  let fixture: Awaited<ReturnType<typeof copyFixture>>;
  let server: StaticServer;
  let browser: Awaited<ReturnType<typeof launch>>;
  let page: Page;
  const problems: string[] = [];
  /** The folder of the oldest part, which holds the long article. */
  let oldestPart: string;
  /** Index files the page fetched (paths under /pagefind/). */
  const fetched: string[] = [];
  const results = () => page.locator(".search-result__title a").allTextContents();
  const status = () => page.locator("[data-search-status]");
  const fetchedFrom = (prefix: string) => fetched.some((p) => p.startsWith(prefix));
  /** Makes every request for an older part of the index take `ms` longer, as on a slow connection. */
  const slowOlderParts = async (context: BrowserContext, ms: number) => {
    await context.unroute("**/pagefind/parts/**");
    await context.route("**/pagefind/parts/**", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      // The page may have moved on, or the route been lifted, in the meantime.
      await route.continue().catch(() => {});
    });
  };

  beforeAll(async () => {
    fixture = await copyFixture();
    // 13 published articles in parts of at most 3 (size 2), cut by period, newest first: the long article, of 2024, in the oldest.
    await writeFile(
      path.join(fixture.root, "_data/site.yaml"),
      `${await readFile(path.join(fixture.root, "_data/site.yaml"), "utf8")}\nsearchPartitionSize: 2\n`,
    );
    await writeFile(path.join(fixture.root, "src/articles/2024-01-02-notes-from-the-harbour-records.md"), LONG_ARTICLE);
    const built = await build(fixture.root, fixture.out);
    expect(built.code, built.stderr).toBe(0);
    const { info } = JSON.parse(await readFile(path.join(fixture.out, "pagefind/parts.json"), "utf8")) as SearchPartsFile;
    expect(info.map((p) => p.pages)).toEqual([1, 3, 2, 2, 2, 3]);
    oldestPart = info.at(-1)?.path ?? "";
    server = await startStaticServer({ root: fixture.out, port: 0 });
    // A phone, and no back/forward cache: coming Back, the page must rebuild what the reader saw.
    browser = await launch({ width: 390, height: 844, noBackForwardCache: true });
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

  it("finds a phrase from the oldest part first without a click, saying what it searches until every part is in", async () => {
    fetched.length = 0;
    // Slow enough to see the status while older parts come in, quick enough for them to come before results are shown.
    await slowOlderParts(browser.context, 150);
    try {
      await page.goto(`${server.url}search/?q=bell+of+the+old+customs+house`);
      await expect.poll(() => status().textContent(), { interval: 20 }).toBe("Searching 13 articles…");
      await expect
        .poll(() => status().textContent(), { timeout: 15_000 })
        .toMatch(/^\d+ articles? found for “bell of the old customs house”\.$/);
    } finally {
      await browser.context.unroute("**/pagefind/parts/**");
    }
    expect((await results())[0]).toBe("Notes from the harbour records");
    expect(fetchedFrom(oldestPart)).toBe(true);
    expect(await page.locator("[data-search-more]").isHidden()).toBe(true);
    expect(await page.getByRole("button", { name: /older/i }).count()).toBe(0);
    // The excerpt is the passage with the phrase, marked whole.
    expect(await page.locator(".search-result").first().locator("mark").allTextContents()).toContain("bell of the old customs house");
  });

  it("scrolls an opened result to the phrase it matched", async () => {
    await page.getByRole("link", { name: "Notes from the harbour records" }).click();
    await page.waitForURL(/notes-from-the-harbour-records\/\?highlight=/);
    const phrase = page.locator("mark.search-highlight[data-phrase]");
    await expect.poll(() => phrase.first().textContent()).toBe("bell of the old customs house");
    await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(500);
    const box = await phrase.first().boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= 844).toBe(true);
    // Words of the query stand marked elsewhere too, but "of" and "the" never alone.
    expect(await page.locator("mark.search-highlight:not([data-phrase])").allTextContents()).not.toContain("the");
  });

  it("keeps results in view in their places while older parts arrive, moving nothing on the screen", async () => {
    // A first visit: nothing of the index is in the browser's caches yet.
    const fresh = await launch({ width: 390, height: 844 });
    try {
      const tab = fresh.context.pages()[0] ?? (await fresh.context.newPage());
      await tab.addInitScript(countShifts);
      await slowOlderParts(fresh.context, 2000);
      // "keepers": in the newest part's one article, and in older ones.
      await tab.goto(`${server.url}search/?q=keepers`);
      const titles = () => tab.locator(".search-result__title a").allTextContents();
      const said = () => tab.locator("[data-search-status]").textContent();
      await expect.poll(titles, { timeout: 10_000 }).not.toEqual([]);
      expect(await said()).toBe("Searching 13 articles…");
      const first = await titles();
      await expect.poll(said, { timeout: 20_000 }).toMatch(/^\d+ articles found for “keepers”\.$/);
      const all = await titles();
      expect(all.length).toBeGreaterThan(first.length);
      expect(all.slice(0, first.length)).toEqual(first);
      expect(await tab.evaluate(() => (window as unknown as { shifts: number }).shifts)).toBe(0);
    } finally {
      await fresh.close();
    }
  }, 60_000);

  it("brings back the same results, as many as were loaded, at the same place, after Back", async () => {
    await page.goto(`${server.url}search/?q=the&sort=date`);
    await expect.poll(() => status().textContent()).toBe("13 articles found for “the”, newest first.");
    await page.getByRole("button", { name: "Load more results" }).click();
    await expect.poll(results).toHaveLength(13);
    const before = await results();
    await page.evaluate(() => scrollTo(0, document.body.scrollHeight));
    const scrolled = await page.evaluate(() => scrollY);
    expect(scrolled).toBeGreaterThan(1000);
    await page.getByRole("link", { name: "Storm surge floods the lower harbour" }).click();
    await page.waitForURL(/storm-surge-floods-lower-harbour/);
    await page.goBack();
    await expect.poll(results).toEqual(before);
    await expect.poll(() => page.evaluate(() => scrollY)).toBe(scrolled);
  });

  it("keeps the first result in view with the filters open on a phone, and counts every part", async () => {
    await page.goto(`${server.url}search/?q=harbour`);
    await expect.poll(() => status().textContent()).toMatch(/found/);
    await page.locator(".search-filters > summary").click();
    const world = () => page.getByRole("checkbox", { name: /World/ }).locator("xpath=..").textContent();
    await expect.poll(world).toMatch(/World\s+\d+ articles?/);
    const counted = Number(/(\d+)/.exec((await world()) ?? "")?.[1]);
    const top = await page.locator(".search-result").first().boundingBox();
    expect(top && top.y + 60 < 844).toBe(true);
    await page.getByRole("checkbox", { name: /World/ }).check();
    await expect
      .poll(() => status().textContent())
      .toBe(`${counted} article${counted === 1 ? "" : "s"} found for “harbour” with the chosen filters.`);
    // Years newest first.
    const years = (await page.locator('input[name="year"]').evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value))).map(
      Number,
    );
    expect(years).toEqual([...years].sort((a, b) => b - a));
  });

  it("counts every part's articles at once when the address holds a filter", async () => {
    await page.goto(`${server.url}search/?section=world`);
    await expect.poll(() => status().textContent()).toMatch(/^\d+ articles found with the chosen filters, newest first\.$/);
    const shown = Number(/^(\d+)/.exec((await status().textContent()) ?? "")?.[1]);
    await page.locator(".search-filters > summary").click();
    expect(await page.getByRole("checkbox", { name: /World/ }).isChecked()).toBe(true);
    expect(await page.getByRole("checkbox", { name: /World/ }).locator("xpath=..").textContent()).toMatch(
      new RegExp(`World\\s+${shown} articles`),
    );
  });

  it("invites a search of every article before a search, counting them all", async () => {
    await page.goto(`${server.url}search/`);
    await expect.poll(() => page.locator("[data-search-suggest]").textContent()).toContain("Search 13 articles");
  });

  it("searches every part offline once the index is saved", async () => {
    await page.goto(`${server.url}search/`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.getByRole("button", { name: /^Save for offline/ }).click();
    await expect.poll(() => page.locator("[data-offline-status]").textContent(), { timeout: 20_000 }).toMatch(/^Saved \d+ KB\./);
    await browser.context.setOffline(true);
    try {
      await page.goto(`${server.url}search/?q=surge`);
      await expect.poll(results).toEqual(["Storm surge floods the lower harbour"]);
      expect(await status().textContent()).toBe("1 article found for “surge”.");
    } finally {
      await browser.context.setOffline(false);
    }
  });

  it("logged no errors", () => {
    expect(problems).toEqual([]);
  });
});
