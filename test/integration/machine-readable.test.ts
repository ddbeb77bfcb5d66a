/** Feeds, sitemaps, robots.txt and page metadata of a real build of the fixture, read as machines read them. */
import { access, appendFile, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, copyFixture, type RunResult } from "../helpers/site.ts";

const BASE = "https://broadsheet.netlify.app";
const NOW = "2025-03-13T12:00:00Z";
const LIGHTHOUSE = `${BASE}/2025/03/12/lighthouse-keepers-strike/`;
const TIDES = `${BASE}/2025/03/13/tides-and-trade/`;
const OFFSET_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;
const LISTS = new Set(["entry", "author", "category", "link", "url", "sitemap"]);

let fixture: Awaited<ReturnType<typeof copyFixture>>;
let result: RunResult;
const file = (p: string) => readFile(path.join(fixture.out, p), "utf8");
const exists = (p: string) =>
  access(path.join(fixture.out, p)).then(
    () => true,
    () => false,
  );
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => LISTS.has(name) });

async function parseXml(p: string) {
  const text = await file(p);
  expect(XMLValidator.validate(text)).toBe(true);
  return xml.parse(text);
}

/** Article pages the build wrote, newest first (URLs carry the publication date). */
async function publishedArticleUrls(): Promise<string[]> {
  const pages = await readdir(fixture.out, { recursive: true });
  return pages
    .filter((p) => /^\d{4}\/\d{2}\/\d{2}\/[^/]+\/index\.html$/.test(p))
    .map((p) => `${BASE}/${p.replace(/index\.html$/, "")}`)
    .sort((a, b) => b.localeCompare(a));
}

function jsonLd(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1] ?? ""));
}

beforeAll(async () => {
  fixture = await copyFixture();
  const articles = path.join(fixture.root, "src/articles");
  await appendFile(
    path.join(articles, "2025-03-12-lighthouse-keepers-strike.md"),
    "\nRead [why timetables matter](/2025/03/05/in-praise-of-timetables/).\n",
  );
  await writeFile(
    path.join(articles, "2025-03-13-tides-and-trade.md"),
    "---\ntitle: Tides & trade <in brief>\ndate: 2025-03-13T09:00:00+01:00\nsection: opinion\nauthors: ben\ntags: [Trade]\n---\n\nThe tide tables & the tariff tables now disagree.\n",
  );
  result = await build(fixture.root, fixture.out, { BUILD_NOW: NOW });
});
afterAll(() => fixture.cleanup());

describe("the Atom feeds", () => {
  it("builds", () => {
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
  });

  it("have the feed's id, title, updated time and links", async () => {
    const { feed } = await parseXml("feed.xml");
    expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed.id).toBe(`${BASE}/feed.xml`);
    expect(feed.title).toBe("Broadsheet");
    expect(feed.updated).toBe("2025-03-13T08:00:00+00:00");
    expect(feed.link).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ "@rel": "self", "@href": `${BASE}/feed.xml` }),
        expect.objectContaining({ "@rel": "alternate", "@type": "text/html", "@href": `${BASE}/` }),
      ]),
    );
  });

  it("have every published article, newest first, with every required field and no drafts", async () => {
    const { feed } = await parseXml("feed.xml");
    expect(feed.entry.map((e: { id: string }) => e.id)).toEqual(await publishedArticleUrls());
    for (const entry of feed.entry) {
      expect(entry.title).toBeTruthy();
      expect(entry.link[0]["@href"]).toBe(entry.id);
      expect(entry.published).toMatch(OFFSET_DATE);
      expect(entry.updated).toMatch(OFFSET_DATE);
      expect(entry.author[0].name).toBeTruthy();
      expect(entry.author[0].uri).toMatch(/^https:\/\/broadsheet\.netlify\.app\/author\/\w+\/$/);
      expect(entry.content["@type"]).toBe("html");
      expect(entry.content["#text"]).toContain("<p>");
    }
    const text = await file("feed.xml");
    expect(text).not.toMatch(/zeppelin|futuresecretword/i);
  });

  it("carry the full body with absolute links, and escape what they must", async () => {
    const { feed } = await parseXml("feed.xml");
    const [tides, lighthouse] = feed.entry;
    expect(lighthouse.content["#text"]).toContain("<h2");
    expect(lighthouse.content["#text"]).toContain(`<a href="${BASE}/2025/03/05/in-praise-of-timetables/">why timetables matter</a>`);
    expect(tides.title).toBe("Tides & trade <in brief>");
    expect(await file("feed.xml")).toContain("<title>Tides &amp; trade &lt;in brief&gt;</title>");
    expect(tides.published).toBe("2025-03-13T08:00:00+00:00");
    expect(feed.entry[2].updated).toBe("2025-03-11T10:00:00+00:00");
    expect(feed.entry[2].author.map((a: { name: string }) => a.name)).toEqual(["Ada Reporter", "Ben Columnist"]);
    expect(feed.entry[2].category.map((c: { "@term": string }) => c["@term"])).toEqual(["World", "Trade", "Coasts"]);
  });

  it("exist per section, holding that section's articles only", async () => {
    const world = (await parseXml("section/world/feed.xml")).feed;
    expect(world.id).toBe(`${BASE}/section/world/feed.xml`);
    expect(world.title).toBe("Broadsheet: World");
    const worldIds = world.entry.map((e: { id: string }) => e.id);
    expect(worldIds.slice(0, 2)).toEqual([LIGHTHOUSE, `${BASE}/2025/03/10/harbour-tariffs/`]);
    expect(worldIds).not.toContain(TIDES);
    const opinion = (await parseXml("section/opinion/feed.xml")).feed;
    const opinionIds = opinion.entry.map((e: { id: string }) => e.id);
    expect(opinionIds.slice(0, 2)).toEqual([TIDES, `${BASE}/2025/03/05/in-praise-of-timetables/`]);
    expect(opinionIds).not.toContain(LIGHTHOUSE);
  });
});

describe("the JSON feeds", () => {
  it("are JSON Feed 1.1 with every required field, and match the Atom feed", async () => {
    const doc = JSON.parse(await file("feed.json"));
    expect(doc).toMatchObject({
      version: "https://jsonfeed.org/version/1.1",
      title: "Broadsheet",
      home_page_url: `${BASE}/`,
      feed_url: `${BASE}/feed.json`,
    });
    const { feed } = await parseXml("feed.xml");
    expect(doc.items.map((i: { id: string }) => i.id)).toEqual(feed.entry.map((e: { id: string }) => e.id));
    for (const item of doc.items) {
      expect(item.url).toBe(item.id);
      expect(item.title).toBeTruthy();
      expect(item.content_html).toContain("<p>");
      expect(item.date_published).toMatch(OFFSET_DATE);
      expect(item.date_modified).toMatch(OFFSET_DATE);
      expect(item.authors[0]).toEqual({
        name: expect.any(String),
        url: expect.stringMatching(/^https:\/\/broadsheet\.netlify\.app\/author\//),
      });
    }
    expect(doc.items[0].title).toBe("Tides & trade <in brief>");
  });

  it("exist per section", async () => {
    const doc = JSON.parse(await file("section/opinion/feed.json"));
    expect(doc.feed_url).toBe(`${BASE}/section/opinion/feed.json`);
    const { feed } = await parseXml("section/opinion/feed.xml");
    expect(doc.items.map((i: { id: string }) => i.id)).toEqual(feed.entry.map((e: { id: string }) => e.id));
  });
});

describe("feed autodiscovery", () => {
  const alternates = (html: string) =>
    [...html.matchAll(/<link rel="alternate" type="([^"]+)" title="[^"]+" href="([^"]+)">/g)].map((m) => `${m[1]} ${m[2]}`);

  it("points every page at the site's feeds, and a section's articles at the section's too", async () => {
    expect(alternates(await file("index.html"))).toEqual(["application/atom+xml /feed.xml", "application/feed+json /feed.json"]);
    const article = alternates(await file("2025/03/12/lighthouse-keepers-strike/index.html"));
    expect(article).toEqual([
      "application/atom+xml /feed.xml",
      "application/feed+json /feed.json",
      "application/atom+xml /section/world/feed.xml",
      "application/feed+json /section/world/feed.json",
    ]);
    for (const line of article) expect(await exists(line.split(" ")[1] ?? "")).toBe(true);
  });
});

describe("the sitemaps", () => {
  it("list the front page and every published article with its last change, never a draft", async () => {
    const { urlset } = await parseXml("sitemap.xml");
    const byLoc = new Map<string, string | undefined>(urlset.url.map((u: { loc: string; lastmod?: string }) => [u.loc, u.lastmod]));
    expect(byLoc.get(`${BASE}/`)).toBe("2025-03-13T08:00:00+00:00");
    expect(byLoc.get(`${BASE}/2025/03/10/harbour-tariffs/`)).toBe("2025-03-11T10:00:00+00:00");
    expect(byLoc.has(LIGHTHOUSE)).toBe(true);
    expect(byLoc.has(TIDES)).toBe(true);
    expect([...byLoc.keys()].join(" ")).not.toMatch(/2099|unpublished-draft|scheduled-story/);
    for (const loc of [`${BASE}/`, LIGHTHOUSE, TIDES]) expect(await exists(path.join(new URL(loc).pathname, "index.html"))).toBe(true);
    expect([...byLoc.keys()]).toEqual(
      expect.arrayContaining([`${BASE}/section/world/`, `${BASE}/author/ada/`, `${BASE}/tag/coasts/`, `${BASE}/archive/2025/03/`]),
    );
    expect(await publishedArticleUrls()).toEqual(
      expect.arrayContaining([...byLoc.keys()].filter((loc) => /\/\d{4}\/\d{2}\/\d{2}\//.test(loc))),
    );
    for (const loc of byLoc.keys()) expect(await exists(path.join(new URL(loc).pathname, "index.html")), loc).toBe(true);
  });

  it("give Google News only the articles of the two days before the build, in its format", async () => {
    const text = await file("news-sitemap.xml");
    expect(XMLValidator.validate(text)).toBe(true);
    const { urlset } = xml.parse(text);
    expect(urlset["@xmlns:news"]).toBe("http://www.google.com/schemas/sitemap-news/0.9");
    // Harbour tariffs (10 March) and the timetable column (5 March) are older than two days on 13 March.
    expect(urlset.url.map((u: { loc: string }) => u.loc)).toEqual([TIDES, LIGHTHOUSE]);
    expect(urlset.url[0]["news:news"]).toEqual({
      "news:publication": { "news:name": "Broadsheet", "news:language": "en" },
      "news:publication_date": "2025-03-13T08:00:00+00:00",
      "news:title": "Tides & trade <in brief>",
    });
  });

  it("are named in robots.txt by absolute URL", async () => {
    const robots = await file("robots.txt");
    expect(robots).toContain(`Sitemap: ${BASE}/sitemap.xml\n`);
    expect(robots).toContain(`Sitemap: ${BASE}/news-sitemap.xml\n`);
    expect(robots).toMatch(/^User-agent: \*\nDisallow:\n/);
  });
});

describe("structured data and social cards", () => {
  it("describe an article as a NewsArticle with its breadcrumbs", async () => {
    const html = await file("2025/03/10/harbour-tariffs/index.html");
    const [article, crumbs] = jsonLd(html);
    expect(article).toMatchObject({
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      headline: "Harbour tariffs rise for the first time in a decade",
      datePublished: "2025-03-10T07:15:00+00:00",
      dateModified: "2025-03-11T10:00:00+00:00",
      author: [
        { "@type": "Person", name: "Ada Reporter", url: `${BASE}/author/ada/` },
        { "@type": "Person", name: "Ben Columnist", url: `${BASE}/author/ben/` },
      ],
      publisher: { "@type": "Organization", name: "Broadsheet", logo: { url: `${BASE}/publisher-logo.svg` } },
      mainEntityOfPage: { "@id": `${BASE}/2025/03/10/harbour-tariffs/` },
      articleSection: "World",
    });
    expect(await exists("publisher-logo.svg")).toBe(true);
    expect(crumbs).toMatchObject({
      "@type": "BreadcrumbList",
      itemListElement: [{ name: "Broadsheet" }, { name: "World" }, { name: "Harbour tariffs rise for the first time in a decade" }],
    });
    expect(html).toContain('<meta property="og:type" content="article">');
    expect(html).toContain('<meta property="article:published_time" content="2025-03-10T07:15:00+00:00">');
    expect(html).toContain('<meta name="twitter:card" content="summary">');
  });

  it("escape headlines inside attributes and JSON", async () => {
    const html = await file("2025/03/13/tides-and-trade/index.html");
    expect(html).toContain('<meta property="og:title" content="Tides &amp; trade &lt;in brief&gt;">');
    expect(jsonLd(html)[0]?.headline).toBe("Tides & trade <in brief>");
  });

  it("describe the front page as a WebSite with a search action", async () => {
    const html = await file("index.html");
    expect(jsonLd(html)).toEqual([
      expect.objectContaining({
        "@type": "WebSite",
        url: `${BASE}/`,
        potentialAction: expect.objectContaining({
          target: { "@type": "EntryPoint", urlTemplate: `${BASE}/search/?q={search_term_string}` },
        }),
      }),
    ]);
    expect(html).toContain('<meta property="og:type" content="website">');
  });
});
