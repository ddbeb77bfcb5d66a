/**
 * `npm start` in a browser: search works on the dev server's own index, no page logs an error (it has no service
 * worker), and a save that breaks the content turns the open page into the list of problems until a save fixes them.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevServer, type RunningDevServer } from "../../scripts/lib/bench/edit-to-preview.ts";
import { hasBrowser, launch } from "../helpers/browser.ts";
import { fixturePool, PROJECT, type Fixture } from "../helpers/site.ts";

const { fixture, cleanup } = fixturePool();
const TIMEOUT = 90_000;
const START =
  (JSON.parse(readFileSync(path.join(PROJECT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.start ?? "";

describe.skipIf(!hasBrowser)("the dev server in a browser", () => {
  let site: Fixture;
  let server: RunningDevServer;
  let browser: Awaited<ReturnType<typeof launch>>;
  let page: Page;
  let base = "";
  const problems: string[] = [];

  beforeAll(async () => {
    site = await fixture();
    server = await startDevServer({
      command: process.execPath,
      args: (port) => {
        base = `http://127.0.0.1:${port}`;
        return [
          ...START.split(" ")
            .slice(1)
            .filter((a) => !a.startsWith("--output=")),
          "--quiet",
          `--port=${port}`,
          `--output=${site.out}`,
        ];
      },
      cwd: PROJECT,
      env: { BROADSHEET_CONTENT: site.root, BUILD_NOW: "2025-04-01T00:00:00Z" },
    });
    await server.waitFor("/pagefind/parts.json", (body) => body.includes('"info"') && !body.includes("building"), TIMEOUT);
    browser = await launch();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`${m.text()} (${m.location().url})`);
    });
    page.on("pageerror", (e) => problems.push(e.message));
  }, TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await cleanup();
  });

  it("searches the articles it shows, drafts included", async () => {
    await page.goto(`${base}/search/?q=zeppelinsecretword`);
    await expect.poll(() => page.locator(".search-result__title a").allTextContents()).toHaveLength(1);
    expect(await page.locator("[data-search-status]").textContent()).toBe("1 article found for “zeppelinsecretword”.");
    // Nothing to save for offline here: the dev server has no service worker.
    expect(await page.locator("[data-offline-save]").count()).toBe(0);
  });

  it("marks the searched words on the article a result opens", async () => {
    await page.locator(".search-result__title a").first().click();
    await expect.poll(() => page.locator("mark.search-highlight").allTextContents()).toEqual(["Zeppelinsecretword"]);
  });

  it("logs no errors on the front page, an article or the search page", async () => {
    for (const url of ["/", "/2025/03/12/lighthouse-keepers-strike/", "/search/"]) {
      await page.goto(base + url);
      await page.waitForLoadState("networkidle");
    }
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length))).toBe(0);
    expect(problems).toEqual([]);
  });

  it("turns the open page into the content's problems when a save breaks it, and back when a save fixes it", async () => {
    const file = path.join(site.root, "src/articles/2025-03-12-lighthouse-keepers-strike.md");
    const valid = readFileSync(file, "utf8");
    await page.goto(`${base}/2025/03/12/lighthouse-keepers-strike/`);
    const heading = () => page.locator("h1").first().textContent();
    const before = await heading();
    writeFileSync(file, valid.replace(/^section: .*$/m, "section: nowhere"));
    await expect.poll(heading, { timeout: 30_000 }).toMatch(/^The content has \d+ problems?$/);
    expect(await page.locator("li").allTextContents()).toContainEqual(expect.stringContaining("section: is not a known section"));
    writeFileSync(file, valid);
    await expect.poll(heading, { timeout: 30_000 }).toBe(before);
  });
});
