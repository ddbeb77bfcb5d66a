import fc from "fast-check";
import { XMLValidator } from "fast-xml-parser";
import nunjucks from "nunjucks";
import { describe, expect, it } from "vitest";
import {
  atomTextBytes,
  buildFeeds,
  FEED_BYTES,
  FEED_SIZE,
  FULL_TEXT_BYTES,
  jsonFeed,
  jsonTextBytes,
} from "../../../scripts/lib/pages/feeds.ts";
import type { ResponsiveImage } from "../../../scripts/lib/pages/responsive-images.ts";
import { BASE, makeArticle, makeSite, sections, stampOf, tag, yearStampOf } from "../../helpers/model.ts";
import { renderTemplate } from "../../helpers/templates.ts";

const opinion = sections[1];

describe("buildFeeds", () => {
  it("makes the site feed, then one feed per section, each beside its page", async () => {
    const feeds = await buildFeeds(makeSite([makeArticle("2025-03-01T09:00:00+00:00", "a")]));
    expect(feeds.map((f) => [f.title, f.atomUrl, f.jsonUrl, f.homeUrl])).toEqual([
      ["The Example", `${BASE}/feed.xml`, `${BASE}/feed.json`, `${BASE}/`],
      ["The Example: World", `${BASE}/section/world/feed.xml`, `${BASE}/section/world/feed.json`, `${BASE}/section/world/`],
      ["The Example: Opinion", `${BASE}/section/views/feed.xml`, `${BASE}/section/views/feed.json`, `${BASE}/section/views/`],
    ]);
  });

  it("keeps the newest entries only, newest first, each section its own", async () => {
    const articles = Array.from({ length: FEED_SIZE + 10 }, (_, i) =>
      makeArticle(
        `2025-01-${String(1 + (i % 28)).padStart(2, "0")}T${String(i % 24).padStart(2, "0")}:00:00+00:00`,
        `s${i}`,
        i % 3 === 0 && opinion ? { section: opinion } : {},
      ),
    );
    const site = makeSite(articles);
    const [all, world, views] = await buildFeeds(site);
    expect(all?.entries).toHaveLength(FEED_SIZE);
    expect(all?.entries.map((e) => e.url)).toEqual(site.articles.slice(0, FEED_SIZE).map((a) => `${BASE}${a.url}`));
    expect(views?.entries).toHaveLength(20);
    expect(views?.entries.every((e) => e.categories[0] === "Opinion")).toBe(true);
    expect(world?.entries).toHaveLength(40);
    expect(world?.entries.every((e) => e.categories[0] === "World")).toBe(true);
  });

  it("leaves out drafts and scheduled articles, even in a preview build", async () => {
    const site = makeSite(
      [
        makeArticle("2025-03-01T09:00:00+00:00", "out"),
        makeArticle("2025-03-02T09:00:00+00:00", "draft", { state: "draft" }),
        makeArticle("2099-01-01T09:00:00+00:00", "later", { state: "scheduled" }),
      ],
      undefined,
      { preview: true },
    );
    for (const feed of await buildFeeds(site)) expect(feed.entries.map((e) => e.title)).not.toContain("Story draft");
    const [all] = await buildFeeds(site);
    expect(all?.entries.map((e) => e.title)).toEqual(["Story out"]);
  });

  it("gives full content with absolute links and images, using the RSS plugin", async () => {
    const html =
      '<p>See <a href="/2025/01/01/old/">the old story</a>, <a href="#facts">the facts</a> and <img src="map.png" alt="Map"></p>';
    const [all] = await buildFeeds(makeSite([makeArticle("2025-03-01T09:00:00+00:00", "links", { html })]));
    const content = all?.entries[0]?.contentHtml ?? "";
    expect(content).toContain(`href="${BASE}/2025/01/01/old/"`);
    expect(content).toContain(`href="${BASE}/2025/03/01/links/#facts"`);
    expect(content).toContain(`src="${BASE}/2025/03/01/links/map.png"`);
  });

  it("drops characters XML cannot carry, which would break the whole feed", async () => {
    const [all] = await buildFeeds(makeSite([makeArticle("2025-03-01T09:00:00+00:00", "ctl", { html: "<p>bell\u0007 and tab\t</p>" })]));
    expect(all?.entries[0]?.contentHtml).toBe("<p>bell and tab\t</p>");
  });

  it("uses stable ids, offsets, authors and categories from the article", async () => {
    const article = makeArticle("2025-03-01T09:00:00+00:00", "full", {
      tags: [tag("Coasts"), tag("World")],
      updated: stampOf("2025-03-02T08:00:00+00:00"),
    });
    const [all] = await buildFeeds(makeSite([article]));
    expect(all?.entries[0]).toMatchObject({
      id: `${BASE}/2025/03/01/full/`,
      published: "2025-03-01T09:00:00+00:00",
      updated: "2025-03-02T08:00:00+00:00",
      authors: [{ name: "Ada Reporter", url: `${BASE}/author/ada/` }],
      categories: ["World", "Coasts"],
    });
  });

  it("publishes a date known only to the year as no more than that, and says so in the content", async () => {
    const address = makeArticle("1790-01-01T00:00:00+00:00", "address", { date: yearStampOf(1790) });
    const [all] = await buildFeeds(makeSite([address]));
    const entry = all?.entries[0];
    expect(entry).not.toHaveProperty("published");
    expect(entry).toMatchObject({ updated: "1790-01-01T00:00:00+00:00", updatedKnown: false, partialDate: "1790" });
    expect(entry?.contentHtml).toBe(
      '<p><em>Dated <time datetime="1790">1790</time>; the month and day are not known.</em></p><p>Body of address.</p>',
    );
    const item = JSON.parse(jsonFeed(all!)).items[0];
    expect(item).not.toHaveProperty("date_published");
    expect(item).not.toHaveProperty("date_modified");

    const corrected = makeArticle("1790-01-01T00:00:00+00:00", "corrected", {
      date: yearStampOf(1790),
      updated: stampOf("2025-03-02T08:00:00+00:00"),
    });
    const [withUpdate] = await buildFeeds(makeSite([corrected]));
    expect(withUpdate?.entries[0]).toMatchObject({ updated: "2025-03-02T08:00:00+00:00", updatedKnown: true });
    expect(JSON.parse(jsonFeed(withUpdate!)).items[0].date_modified).toBe("2025-03-02T08:00:00+00:00");
  });

  it("dates the feed by its newest change, compared as instants across offsets", async () => {
    // 10:00+05:00 is 05:00Z, earlier than 06:00Z although it sorts later as text.
    const site = makeSite(
      [makeArticle("2025-03-01T10:00:00+05:00", "east"), makeArticle("2025-03-01T06:00:00+00:00", "west")],
      "2025-03-05T00:00:00+00:00",
    );
    const [all, , views] = await buildFeeds(site);
    expect(all?.updated).toBe("2025-03-01T06:00:00+00:00");
    // An empty feed is dated by the site's newest change, never by the build's clock.
    expect(views?.entries).toEqual([]);
    expect(views?.updated).toBe("2025-03-01T06:00:00+00:00");
    const [, , later] = await buildFeeds({ ...site, now: { ...site.now, iso: "2026-01-01T00:00:00+00:00" } });
    expect(later?.updated).toBe(views?.updated);
    const [, emptySite] = await buildFeeds(makeSite([]));
    expect(emptySite?.updated).toBe("1970-01-01T00:00:00Z");
  });

  it("gives a long piece as its summary and a link, and stops adding entries at the size budget", async () => {
    const paragraph = `<p>${"The tide came in over the harbour wall. ".repeat(20)}</p>`;
    const long = paragraph.repeat(Math.ceil(FULL_TEXT_BYTES / paragraph.length) + 1);
    const articles = Array.from({ length: FEED_SIZE }, (_, i) =>
      makeArticle(`2025-02-${String(1 + (i % 28)).padStart(2, "0")}T${String(i % 24).padStart(2, "0")}:00:00+00:00`, `p${i}`, {
        html: i % 2 ? long : paragraph.repeat(Math.floor(FULL_TEXT_BYTES / paragraph.length)),
        summary: `Summary of p${i} & more.`,
      }),
    );
    const [all] = await buildFeeds(makeSite(articles));
    const entries = all?.entries ?? [];
    const short = entries.find((e) => e.fullText);
    const cut = entries.find((e) => !e.fullText);
    expect(short?.contentHtml.length).toBeGreaterThan(FULL_TEXT_BYTES / 2);
    expect(cut?.contentHtml).toBe(
      `<p>Summary of ${cut?.url.match(/(p\d+)\/$/)?.[1]} &amp; more.</p><p><a href="${cut?.url}">Read the whole article</a> (1 minute).</p>`,
    );
    const bytes = entries.reduce((n, e) => n + Buffer.byteLength(e.contentHtml) + Buffer.byteLength(e.summary), 0);
    expect(bytes).toBeLessThanOrEqual(FEED_BYTES);
    expect(entries.length).toBeLessThan(FEED_SIZE);
    expect(entries.map((e) => e.url)).toEqual(
      makeSite(articles)
        .articles.slice(0, entries.length)
        .map((a) => `${BASE}${a.url}`),
    );
  });

  it("counts the text as each format writes it, so a feed of escape-heavy bodies stays within budget in both", async () => {
    // Under FULL_TEXT_BYTES as HTML, so each goes in whole; Atom writes every & < > " as an entity, about twice the bytes.
    const body = `<p>${'Fish &amp; chips, <a href="/x">&lt;more&gt;</a> & "quotes". '.repeat(120)}</p>`;
    const articles = Array.from({ length: FEED_SIZE }, (_, i) =>
      makeArticle(`2025-02-${String(1 + (i % 28)).padStart(2, "0")}T${String(i % 24).padStart(2, "0")}:00:00+00:00`, `e${i}`, {
        html: body,
      }),
    );
    const [feed] = await buildFeeds(makeSite(articles));
    if (!feed) throw new Error("no site feed");
    expect(feed.entries.every((e) => e.fullText)).toBe(true);

    const atom = await renderTemplate("feed-atom.njk", { feed });
    expect(XMLValidator.validate(atom)).toBe(true);
    const written = [...atom.matchAll(/<(content|summary)\b[^>]*>([^<]*)<\/\1>/g)].map((m) => m[2] ?? "");
    expect(written).toHaveLength(feed.entries.length * 2);
    expect(written.reduce((n, text) => n + Buffer.byteLength(text), 0)).toBeLessThanOrEqual(FEED_BYTES);

    const items = (JSON.parse(jsonFeed(feed)) as { items: { content_html: string; summary: string }[] }).items;
    expect(items.reduce((n, i) => n + jsonTextBytes(i.content_html) + jsonTextBytes(i.summary), 0)).toBeLessThanOrEqual(FEED_BYTES);
  });

  it("converts each article once, though it is in two feeds", async () => {
    let calls = 0;
    const count = async (html: string) => (calls++, html);
    await buildFeeds(makeSite([makeArticle("2025-03-01T09:00:00+00:00", "a"), makeArticle("2025-03-02T09:00:00+00:00", "b")]), {
      absoluteHtml: count,
    });
    expect(calls).toBe(2);
  });
});

describe("atomTextBytes", () => {
  it("is the size of the text as the Atom template's Nunjucks autoescape writes it", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.oneof(fc.constantFrom(..."&<>\"'\\a é"), fc.string({ unit: "grapheme", maxLength: 1 })) }),
        (text) => {
          expect(atomTextBytes(text)).toBe(Buffer.byteLength(nunjucks.renderString("{{ text }}", { text })));
        },
      ),
    );
  });
});

describe("jsonFeed", () => {
  it("writes JSON Feed 1.1 with the required fields, icons, 1.0's author and the lead image", async () => {
    const image = { src: "/images/harbour.jpg", file: "/content/src/images/harbour.jpg", alt: "The harbour at dawn" };
    const processed = {
      preview: { url: "/img/harbour-1200w.jpeg", width: 1200, height: 800, type: "image/jpeg" },
    } as ResponsiveImage;
    const ben = { id: "ben", name: "Ben Columnist", slug: "ben", bio: "", url: "/author/ben/", type: "person" as const };
    const article = makeArticle("2025-03-01T09:00:00+00:00", "pic", { image, authors: [...makeSite([]).authors, ben] });
    const [all] = await buildFeeds(makeSite([article]), { images: { [image.src]: processed } });
    expect(all?.entries[0]?.image).toEqual({
      url: `${BASE}/img/harbour-1200w.jpeg`,
      alt: "The harbour at dawn",
      type: "image/jpeg",
      width: 1200,
      height: 800,
    });
    const doc = JSON.parse(jsonFeed(all!));
    expect(doc).toMatchObject({
      version: "https://jsonfeed.org/version/1.1",
      title: "The Example",
      home_page_url: `${BASE}/`,
      feed_url: `${BASE}/feed.json`,
      language: "en-GB",
      icon: `${BASE}/icons/icon-512.png`,
      favicon: `${BASE}/icons/icon-192.png`,
    });
    expect(doc.items[0]).toMatchObject({
      id: `${BASE}/2025/03/01/pic/`,
      url: `${BASE}/2025/03/01/pic/`,
      content_html: "<p>Body of pic.</p>",
      image: `${BASE}/img/harbour-1200w.jpeg`,
      date_published: "2025-03-01T09:00:00+00:00",
      author: { name: "Ada Reporter, Ben Columnist", url: `${BASE}/author/ada/` },
      authors: [
        { name: "Ada Reporter", url: `${BASE}/author/ada/` },
        { name: "Ben Columnist", url: `${BASE}/author/ben/` },
      ],
    });
  });
});
