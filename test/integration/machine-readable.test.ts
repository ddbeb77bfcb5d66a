/**
 * Feeds, sitemaps, robots.txt and page metadata of a real build of the
 * fixture, read as machines read them: xmllint against the sitemap schemas,
 * two feed parsers, a JSON-LD processor with the schema.org context.
 */
import { access, appendFile, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseFeed as parseAtom } from "@rowanmanning/feed-parser";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parseFeed } from "feedsmith";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expand, jsonLdBlocks, SCHEMA } from "../helpers/json-ld.ts";
import { nuCheck, unexcused } from "../helpers/nu-checker.ts";
import { build, copyFixture, PROJECT, type RunResult } from "../helpers/site.ts";
import { schemaErrors } from "../helpers/xml-schemas.ts";

const BASE = "https://broadsheet.netlify.app";
const NOW = "2025-03-13T12:00:00Z";
const LIGHTHOUSE = `${BASE}/2025/03/12/lighthouse-keepers-strike/`;
const TIDES = `${BASE}/2025/03/13/tides-and-trade/`;
const LAMP = `${BASE}/2025/03/09/lamp-room-photographed/`;
const AVIF = `${BASE}/2025/03/08/lamp-room-in-avif/`;
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

const jsonLd = jsonLdBlocks;

/** Every feed the build wrote, by path: the site's and each section's, Atom and JSON. */
async function feedFiles(): Promise<{ atom: string[]; json: string[] }> {
  const files = (await readdir(fixture.out, { recursive: true })).map((f) => f.split(path.sep).join("/"));
  return { atom: files.filter((f) => f.endsWith("feed.xml")).sort(), json: files.filter((f) => f.endsWith("feed.json")).sort() };
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
    "---\ntitle: Tides & trade <in brief>\ndate: 2025-03-13T09:00:00+01:00\nsection: opinion\nauthors: [wire-desk, ben]\ntags: [Trade]\n---\n\nThe tide tables & the tariff tables now disagree.\n",
  );
  await appendFile(path.join(fixture.root, "_data/authors.yaml"), "wire-desk:\n  name: Wire Desk\n  type: organization\n");
  // Before 1848 London kept local mean time, 1 min 15 s behind Greenwich.
  await writeFile(
    path.join(articles, "1840-05-06-penny-black.md"),
    "---\ntitle: The penny stamp goes on sale\ndate: 1840-05-06\nsection: world\nauthors: ada\n---\n\nLetters may now be prepaid.\n",
  );
  // A section nothing has been published in yet.
  await appendFile(path.join(fixture.root, "_data/sections.yaml"), "- id: culture\n  name: Culture\n");
  await writeFile(
    path.join(articles, "2025-03-09-lamp-room-photographed.md"),
    "---\ntitle: The lamp room, photographed\ndate: 2025-03-09T10:00:00Z\nsection: world\nauthors: ada\nimage:\n  src: northern-light.jpg\n  alt: A striped lighthouse on a rock at sunset.\n---\n\nA picture of the lamp room.\n",
  );
  const images = path.join(fixture.root, "src/images");
  await sharp(path.join(images, "northern-light.jpg")).avif().toFile(path.join(images, "lamp-room.avif"));
  await writeFile(
    path.join(articles, "2025-03-08-lamp-room-in-avif.md"),
    "---\ntitle: The lamp room in AVIF\ndate: 2025-03-08T10:00:00Z\nsection: world\nauthors: ada\nimage:\n  src: lamp-room.avif\n  alt: The lamp room again.\n---\n\nThe same picture, sent as AVIF.\n",
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
      expect(entry.author[0].uri).toMatch(/^https:\/\/broadsheet\.netlify\.app\/author\/[\w-]+\/$/);
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
      publisher: { "@type": "Organization", name: "Broadsheet", logo: { url: `${BASE}/publisher-logo.png`, width: 600, height: 60 } },
      mainEntityOfPage: { "@id": `${BASE}/2025/03/10/harbour-tariffs/` },
      articleSection: "World",
    });
    expect(await exists("publisher-logo.png")).toBe(true);
    expect(crumbs).toMatchObject({
      "@type": "BreadcrumbList",
      itemListElement: [{ name: "Broadsheet" }, { name: "World" }, { name: "Harbour tariffs rise for the first time in a decade" }],
    });
    expect(html).toContain('<meta property="og:type" content="article">');
    expect(html).toContain('<meta property="article:published_time" content="2025-03-10T07:15:00+00:00">');
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image">');
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

describe("dates", () => {
  it("write local mean time in UTC, not cut to minutes, everywhere they go, and the Nu checker has no warning about them", async () => {
    const page = await file("1840/05/06/penny-black/index.html");
    expect(page).toContain('<time datetime="1840-05-06T00:01:15Z">6 May 1840</time>');
    expect(page).toContain('"datePublished":"1840-05-06T00:01:15Z"');
    expect(page).toContain('<meta property="article:published_time" content="1840-05-06T00:01:15Z">');
    const { feed } = await parseXml("feed.xml");
    expect(feed.entry.find((e: { id: string }) => e.id.endsWith("/penny-black/"))?.published).toBe("1840-05-06T00:01:15Z");
    const { urlset } = await parseXml("sitemap.xml");
    expect(urlset.url.find((u: { loc: string }) => u.loc.endsWith("/penny-black/"))?.lastmod).toBe("1840-05-06T00:01:15Z");
    expect(await file("sitemap.xml")).not.toMatch(/-00:01</);
    const root = fixture.out;
    expect(
      unexcused(await nuCheck([path.join(root, "1840/05/06/penny-black/index.html"), path.join(root, "archive/1840/index.html")]), root),
    ).toEqual([]);
  });
});

describe("read by independent clients", () => {
  it("every sitemap is valid against the sitemaps.org and Google News schemas (xmllint)", async () => {
    expect(await schemaErrors(path.join(fixture.out, "sitemap.xml"), "urlset")).toEqual([]);
    expect(await schemaErrors(path.join(fixture.out, "news-sitemap.xml"), "news")).toEqual([]);
  });

  it("every Atom feed parses in a feed reader's parser with authors, dates and the lead image", async () => {
    const { atom } = await feedFiles();
    expect(atom).toEqual([
      "feed.xml",
      "section/culture/feed.xml",
      "section/opinion/feed.xml",
      "section/science/feed.xml",
      "section/world/feed.xml",
    ]);
    for (const name of atom) {
      const feed = parseAtom(await file(name)).toJSON();
      expect(Date.parse(feed.updated ?? ""), name).not.toBeNaN();
      expect(feed.image?.url).toBe(`${BASE}/publisher-logo.png`);
      for (const item of feed.items) {
        expect(item.authors.length, item.url ?? "").toBeGreaterThan(0);
        for (const author of item.authors) {
          expect(author.name).toBeTruthy();
          expect(author.url).toMatch(/^https:\/\/broadsheet\.netlify\.app\/author\/[\w-]+\/$/);
        }
        expect(Date.parse(item.updated ?? "")).toBeGreaterThanOrEqual(Date.parse(item.published ?? ""));
      }
    }
    const site = parseAtom(await file("feed.xml")).toJSON();
    const lamp = site.items.find((i) => i.url === LAMP);
    expect(lamp?.media).toEqual([
      expect.objectContaining({ mimeType: "image/jpeg", image: expect.stringMatching(/\/img\/[\w-]+\.jpeg$/) }),
    ]);
    const tides = site.items.find((i) => i.url === TIDES);
    expect(tides?.authors.map((a) => a.name)).toEqual(["Wire Desk", "Ben Columnist"]);
    expect(tides?.published).toBe("2025-03-13T08:00:00.000Z");
  });

  it("the Atom feed's image and the JSON feed's are the same file, processed for previews", async () => {
    const atom = parseFeed(await file("feed.xml"));
    const json = parseFeed(await file("feed.json"));
    if (atom.format !== "atom" || json.format !== "json")
      throw new Error(`expected Atom and JSON Feed, got ${atom.format} and ${json.format}`);
    const entry = atom.feed.entries?.find((e) => e.id === LAMP);
    const item = json.feed.items?.find((i) => i.id === LAMP);
    const media = entry?.media?.contents?.[0];
    expect(media).toMatchObject({ url: item?.image, medium: "image", type: "image/jpeg", width: 1200 });
    expect(entry?.links?.find((l) => l.rel === "enclosure")?.href).toBe(item?.image);
    const bytes = await readFile(path.join(fixture.out, new URL(item?.image ?? "").pathname));
    expect((await sharp(bytes).metadata()).width).toBe(media?.width);
  });

  it("an AVIF lead image is previewed and fed as a JPEG, which every preview service and feed reader reads", async () => {
    const html = await file(`${new URL(AVIF).pathname}index.html`);
    const meta = (attribute: string, name: string) => html.match(new RegExp(`<meta ${attribute}="${name}" content="([^"]*)">`))?.[1];
    const url = meta("property", "og:image") ?? "";
    expect(url).toMatch(/^https:\/\/broadsheet\.netlify\.app\/img\/[\w-]+-1200\.jpeg$/);
    expect(meta("property", "og:image:type")).toBe("image/jpeg");
    expect(meta("name", "twitter:image")).toBe(url);
    expect(jsonLd(html)[0]?.image).toMatchObject([{ url, width: 1200 }]);
    expect(html).toMatch(/<img src="\/img\/[\w-]+\.jpeg"/);
    expect(await sharp(await readFile(path.join(fixture.out, new URL(url).pathname))).metadata()).toMatchObject({
      format: "jpeg",
      width: 1200,
    });

    const atom = parseFeed(await file("feed.xml"));
    const json = parseFeed(await file("feed.json"));
    if (atom.format !== "atom" || json.format !== "json")
      throw new Error(`expected Atom and JSON Feed, got ${atom.format} and ${json.format}`);
    const entry = atom.feed.entries?.find((e) => e.id === AVIF);
    expect(entry?.media?.contents?.[0]).toMatchObject({ url, type: "image/jpeg" });
    expect(entry?.links?.find((l) => l.rel === "enclosure")).toMatchObject({ href: url, type: "image/jpeg" });
    expect(json.feed.items?.find((i) => i.id === AVIF)?.image).toBe(url);
  });

  it("every JSON feed parses as JSON Feed with 1.0's author beside 1.1's authors, icons, and the same dates as the Atom feed", async () => {
    const { json } = await feedFiles();
    expect(json).toHaveLength(5);
    for (const name of json) {
      const parsed = parseFeed(await file(name));
      if (parsed.format !== "json") throw new Error(`${name} parsed as ${parsed.format}`);
      const feed = parsed.feed;
      expect(feed.icon).toBe(`${BASE}/icons/icon-512.png`);
      expect(feed.favicon).toBe(`${BASE}/icons/icon-192.png`);
      for (const url of [feed.icon, feed.favicon]) expect(await exists(new URL(url ?? "").pathname.slice(1))).toBe(true);
      const atom = parseAtom(await file(name.replace(/json$/, "xml"))).toJSON();
      // JSON Feed 1.0 readers look for `author` (feedsmith folds it into `authors`, so it is read raw here).
      const raw = JSON.parse(await file(name)) as { items: { author?: { name: string } }[] };
      for (const [i, item] of (feed.items ?? []).entries()) {
        expect(item.authors?.[0]?.name).toBeTruthy();
        expect(raw.items[i]?.author?.name).toBe(item.authors?.map((a) => a.name).join(", "));
        const twin = atom.items.find((a) => a.id === item.id);
        expect(Date.parse(item.date_published ?? "")).toBe(Date.parse(twin?.published ?? ""));
        expect(Date.parse(item.date_modified ?? "")).toBe(Date.parse(twin?.updated ?? ""));
      }
    }
  });

  it("an empty section's feed is dated by the site's last change, not by the build, and the section stays out of the navigation", async () => {
    const culture = parseAtom(await file("section/culture/feed.xml")).toJSON();
    expect(culture.items).toEqual([]);
    expect(culture.updated).toBe(parseAtom(await file("feed.xml")).toJSON().updated);
    expect(culture.updated).not.toBe(new Date(NOW).toISOString());
    const nav = (html: string) =>
      [...(/<nav class="sections-nav"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? "").matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(nav(await file("index.html"))).toEqual(["/section/world/", "/section/opinion/", "/section/science/"]);
    expect(await file("section/culture/index.html")).toContain("<h1");
  });

  it("every page's JSON-LD expands with the schema.org context, using only schema.org's own terms", async () => {
    const context = JSON.parse(await readFile(path.join(PROJECT, "test/fixtures/schema-org/schemaorgcontext.jsonld"), "utf8"));
    const terms = new Set(Object.keys(context["@context"]));
    const used = new Set<string>();
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === "object") {
        for (const [key, value] of Object.entries(node)) {
          if (key.startsWith(SCHEMA)) used.add(key.slice(SCHEMA.length));
          if (key === "@type") for (const t of [value].flat()) if (String(t).startsWith(SCHEMA)) used.add(String(t).slice(SCHEMA.length));
          collect(value);
        }
      }
    };
    const pages = (await readdir(fixture.out, { recursive: true })).filter((f) => f.endsWith(".html"));
    let blocks = 0;
    for (const page of pages) {
      for (const block of jsonLd(await file(page))) {
        const expanded = await expand(block);
        expect(expanded.length, page).toBeGreaterThan(0);
        collect(expanded);
        blocks++;
      }
    }
    expect(blocks).toBeGreaterThan(pages.length / 2);
    // `query-input` is schema.org's annotation of an action's input (https://schema.org/docs/actions.html), not a vocabulary term.
    const annotations = new Set(["query-input"]);
    expect([...used].filter((t) => !terms.has(t) && !annotations.has(t))).toEqual([]);
    for (const t of ["NewsArticle", "Organization", "Person", "ImageObject", "BreadcrumbList", "WebSite", "SearchAction"])
      expect(used.has(t), t).toBe(true);
  });

  it("a NewsArticle names its image, 1200 wide, and a desk as an Organization", async () => {
    const [tides] = await expand(jsonLd(await file("2025/03/13/tides-and-trade/index.html"))[0] ?? {});
    const value = (node: unknown, key: string) => (node as Record<string, unknown[]>)[`${SCHEMA}${key}`];
    const authors = value(tides, "author") as Record<string, unknown>[];
    expect(authors.map((a) => a["@type"])).toEqual([[`${SCHEMA}Organization`], [`${SCHEMA}Person`]]);
    const [image] = value(tides, "image") as Record<string, unknown>[];
    expect(image?.["@type"]).toEqual([`${SCHEMA}ImageObject`]);
    const url = (value(image, "url")?.[0] as { "@id": string })["@id"];
    const card = await sharp(await readFile(path.join(fixture.out, new URL(url).pathname))).metadata();
    expect([card.format, card.width, card.height]).toEqual(["png", 1200, 630]);
    expect(value(image, "width")).toEqual([{ "@value": 1200 }]);
  });

  it("a NewsArticle links an author to their page and, as sameAs, to the site authors.yaml gives them", async () => {
    const [dock] = await expand(jsonLd(await file("2025/02/20/dock-workers-agree-new-shift-pattern/index.html"))[0] ?? {});
    const authors = (dock as Record<string, Record<string, unknown>[]>)[`${SCHEMA}author`] ?? [];
    expect(authors.map((a) => [a[`${SCHEMA}url`], a[`${SCHEMA}sameAs`]])).toEqual([
      [[{ "@id": `${BASE}/author/ada/` }], undefined],
      [[{ "@id": `${BASE}/author/cy/` }], [{ "@id": "https://example.org/cy" }]],
    ]);
  });
});
