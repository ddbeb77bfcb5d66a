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

  it("gives an article without a picture a social card that Chromium decodes: 1200×630, the headline in ink on paper", async () => {
    const browser = await launch();
    try {
      const page = await browser.context.newPage();
      await page.goto(new URL("/2025/03/12/lighthouse-keepers-strike/", server.url).href);
      const card = await page.$eval('meta[property="og:image"]', (meta) => (meta as HTMLMetaElement).content);
      expect(card).toMatch(/\/cards\/[0-9a-f]{20}\.png$/);
      await page.goto(new URL(new URL(card).pathname, server.url).href);
      const drawn = await page.evaluate(async () => {
        const image = document.images[0]!;
        await image.decode();
        const canvas = document.createElement("canvas");
        [canvas.width, canvas.height] = [image.naturalWidth, image.naturalHeight];
        const context = canvas.getContext("2d")!;
        context.drawImage(image, 0, 0);
        const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
        let [ink, paper] = [0, 0];
        for (let i = 0; i < pixels.length; i += 4) {
          if (pixels[i]! === 0x1a && pixels[i + 1]! === 0x1a && pixels[i + 2]! === 0x1a) ink++;
          if (pixels[i]! === 0xff && pixels[i + 1]! === 0xfd && pixels[i + 2]! === 0xf8) paper++;
        }
        return { width: image.naturalWidth, height: image.naturalHeight, ink, paper };
      });
      expect([drawn.width, drawn.height]).toEqual([1200, 630]);
      expect(drawn.ink).toBeGreaterThan(5000);
      expect(drawn.paper).toBeGreaterThan(1200 * 630 * 0.6);
    } finally {
      await browser.close();
    }
  });
});
