/** Every sitemap the build can write, validated by xmllint against the official schemas (test/fixtures/schemas/README.md). */
import { access, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { newsSitemap, sitemapFiles, sitemapUrls, type SitemapFile } from "../../scripts/lib/pages/sitemaps.ts";
import { BASE, makeArticle, makeSite, tag } from "../helpers/model.ts";
import { renderTemplate } from "../helpers/templates.ts";
import { schemaErrors, type SitemapSchema } from "../helpers/xml-schemas.ts";

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), "broadsheet-sitemaps-"));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** Writes `xml` to a scratch file and returns xmllint's errors for it. */
async function validate(name: string, xml: string, schema: SitemapSchema): Promise<string[]> {
  const file = path.join(scratch, name);
  await writeFile(file, xml);
  return schemaErrors(file, schema);
}

const schemaOf = (file: SitemapFile): SitemapSchema => (file.kind === "index" ? "index" : "urlset");

describe("the fixture build's sitemaps", () => {
  const site = () => inject("fixtureSite");

  it("sitemap.xml is valid against the sitemaps.org schema", async () => {
    expect(await schemaErrors(path.join(site(), "sitemap.xml"), "urlset")).toEqual([]);
  });

  it("publishes no news sitemap when nothing is recent, and robots.txt names none", async () => {
    // The shared build's "now" is 1 April 2025, weeks after the fixture's newest article.
    await expect(access(path.join(site(), "news-sitemap.xml"))).rejects.toThrow();
    const robots = await readFile(path.join(site(), "robots.txt"), "utf8");
    expect(robots).not.toMatch(/news-sitemap/);
    expect(robots).toContain("Sitemap: https://broadsheet.netlify.app/sitemap.xml\n");
  });
});

describe("sitemaps rendered by the site's templates", () => {
  const articles = Array.from({ length: 7 }, (_, i) =>
    makeArticle(`2025-03-0${i + 1}T0${i}:30:00+00:00`, `story-${i}`, { title: `Story ${i} & <more>`, tags: [tag("Coasts")] }),
  );
  const site = makeSite(articles, "2025-03-07T12:00:00+00:00");

  it("a sitemap index with its parts (the 50,000 limit lowered to 4) is valid", async () => {
    const files = sitemapFiles(sitemapUrls(site), BASE, 4);
    expect(files[0]?.kind).toBe("index");
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const xml = await renderTemplate("sitemap.njk", { file });
      expect(await validate(file.path.slice(1), xml, schemaOf(file)), file.path).toEqual([]);
    }
  });

  it("a news sitemap is valid against the sitemaps.org and Google News schemas", async () => {
    const news = newsSitemap(site);
    expect(news.entries.length).toBeGreaterThan(0);
    const xml = await renderTemplate("news-sitemap.njk", { news });
    expect(xml).toContain("<news:title>Story 6 &amp; &lt;more&gt;</news:title>");
    expect(await validate("news-sitemap.xml", xml, "news")).toEqual([]);
  });

  it("an empty news sitemap would be invalid, which is why none is published", async () => {
    const news = newsSitemap(makeSite(articles, "2026-01-01T00:00:00+00:00"));
    expect(news.entries).toEqual([]);
    const errors = await validate("empty-news-sitemap.xml", await renderTemplate("news-sitemap.njk", { news }), "news");
    expect(errors.join("\n")).toMatch(/Missing child element/);
  });

  it("a date written in UTC for a local-mean-time offset is valid", async () => {
    const old = makeSite([makeArticle("1790-01-01T00:01:15Z", "lmt")], "1790-01-02T00:00:00Z");
    const [file] = sitemapFiles(sitemapUrls(old), BASE);
    expect(await validate("lmt-sitemap.xml", await renderTemplate("sitemap.njk", { file }), "urlset")).toEqual([]);
    const news = await renderTemplate("news-sitemap.njk", { news: newsSitemap(old) });
    expect(await validate("lmt-news-sitemap.xml", news, "news")).toEqual([]);
  });
});
