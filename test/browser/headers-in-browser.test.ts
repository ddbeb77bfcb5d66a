import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaticServer } from "../../scripts/lib/serve/static-server.ts";
import { hasBrowser, launch } from "../helpers/browser.ts";
import { serveFixtureSite } from "../helpers/served-site.ts";

let server: StaticServer;
beforeAll(async () => {
  server = await serveFixtureSite();
});
afterAll(() => server?.close());

/** Everything a reader's browser would complain about while on a page. */
function watch(tab: Page): string[] {
  const problems: string[] = [];
  tab.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  tab.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  tab.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ""}`));
  tab.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return problems;
}

describe.skipIf(!hasBrowser)("browsing under the production headers", () => {
  let browser: Awaited<ReturnType<typeof launch>>;
  beforeAll(async () => {
    browser = await launch();
    // CSP violations are reported as DOM events; collect them from the first script on.
    await browser.context.addInitScript(() => {
      const seen: string[] = [];
      Object.assign(window, { cspViolations: seen });
      document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} blocked ${e.blockedURI}`));
    });
  });
  afterAll(() => browser?.close());

  const violations = (tab: Page) => tab.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

  it("reads the front page and an article, and searches, with no CSP violation or console error", async () => {
    const tab = await browser.context.newPage();
    const problems = watch(tab);
    const front = await tab.goto(server.url);
    expect(front?.headers()["content-security-policy"]).toContain("default-src 'self'");
    expect(await violations(tab)).toEqual([]);

    await tab.getByRole("link", { name: "Lighthouse keepers strike over “automation”" }).first().click();
    await tab.waitForURL(/\/2025\/03\/12\/lighthouse-keepers-strike\/$/);
    await expect(tab.locator("h1").textContent()).resolves.toBe("Lighthouse keepers strike over “automation”");
    expect(await violations(tab)).toEqual([]);

    // The masthead form leads to the search page, which searches as the reader types.
    await tab.getByRole("searchbox", { name: "Search articles" }).first().fill("harbour");
    await tab.getByRole("searchbox", { name: "Search articles" }).first().press("Enter");
    await tab.waitForURL(/\/search\/\?q=harbour$/);
    // A blocked script or worker shows up as a violation or console error, not as results.
    const searched = await tab.waitForSelector("[data-search-results] li", { timeout: 10_000 }).then(
      () => true,
      () => false,
    );
    expect({ violations: await violations(tab), problems }).toEqual({ violations: [], problems: [] });
    expect(searched, "search showed results").toBe(true);
    await tab.locator("#search-query").fill("lamps");
    await tab.waitForFunction(() => document.querySelector("[data-search-results] li a")?.textContent?.includes("Lighthouse keepers"));
    await expect(tab.locator("[data-search-status]").textContent()).resolves.toMatch(/1 article found for “lamps”/);
    expect(await violations(tab)).toEqual([]);
    expect(problems).toEqual([]);
    await tab.close();
  });

  it("shows a whole article without JavaScript", async () => {
    const noScript = await launch({ javaScriptEnabled: false });
    try {
      const tab = await noScript.context.newPage();
      await tab.goto(new URL("/2025/03/12/lighthouse-keepers-strike/", server.url).href);
      await expect(tab.locator("h1").isVisible()).resolves.toBe(true);
      await expect(tab.getByRole("heading", { name: "What they want" }).isVisible()).resolves.toBe(true);
      await expect(tab.locator(".article__body").innerText()).resolves.toContain("guaranteed crew at every light");
    } finally {
      await noScript.close();
    }
  });
});
