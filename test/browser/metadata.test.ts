/** The metadata in <head> under the site's real CSP, in Chromium: nothing blocked, nothing fetched from elsewhere. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStaticServer, type StaticServer } from "../../scripts/lib/serve/static-server.ts";
import { hasBrowser, launch } from "../helpers/browser.ts";
import { build, copyFixture } from "../helpers/site.ts";

describe.skipIf(!hasBrowser)("page metadata in a browser", () => {
  let fixture: Awaited<ReturnType<typeof copyFixture>>;
  let server: StaticServer;

  beforeAll(async () => {
    fixture = await copyFixture();
    const result = await build(fixture.root, fixture.out);
    expect(result.code).toBe(0);
    server = await startStaticServer({ root: fixture.out, port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await fixture?.cleanup();
  });

  it("keeps JSON-LD as data: no CSP violation, no request to another host, and the feeds it links are served", async () => {
    const browser = await launch();
    try {
      const page = await browser.context.newPage();
      const foreign: string[] = [];
      page.on("request", (r) => {
        if (!r.url().startsWith(server.url)) foreign.push(r.url());
      });
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) =>
          ((window as unknown as { violations: string[] }).violations ??= []).push(e.violatedDirective),
        );
      });
      await page.goto(new URL("/2025/03/12/lighthouse-keepers-strike/", server.url).href);
      const violations = await page.evaluate(() => (window as unknown as { violations?: string[] }).violations ?? []);
      expect(violations).toEqual([]);
      expect(foreign).toEqual([]);
      const types = await page.$$eval('script[type="application/ld+json"]', (scripts) =>
        scripts.map((s) => (JSON.parse(s.textContent ?? "") as { "@type": string })["@type"]),
      );
      expect(types).toEqual(["NewsArticle", "BreadcrumbList"]);
      const feeds = await page.$$eval('link[rel="alternate"]', (links) => links.map((l) => (l as HTMLLinkElement).href));
      expect(feeds).toHaveLength(4);
      const served = await Promise.all(feeds.map(async (href) => (await page.request.get(href)).headers()["content-type"]));
      expect(served).toEqual([
        "application/atom+xml; charset=utf-8",
        "application/feed+json; charset=utf-8",
        "application/atom+xml; charset=utf-8",
        "application/feed+json; charset=utf-8",
      ]);
    } finally {
      await browser.close();
    }
  });
});
