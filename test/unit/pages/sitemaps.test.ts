import { describe, expect, it } from "vitest";
import {
  buildSitemaps,
  NEWS_LIMIT,
  newsLanguage,
  newsSitemap,
  robotsTxt,
  sitemapFiles,
  sitemapUrls,
} from "../../../scripts/lib/pages/sitemaps.ts";
import { BASE, makeArticle, makeSite, monthStampOf, sections, stampOf, tag, yearStampOf } from "../../helpers/model.ts";

const opinion = sections[1];

describe("sitemapUrls", () => {
  it("lists a year's archive for an article dated only to the year, and no month's", () => {
    const urls = sitemapUrls(makeSite([makeArticle("1790-01-01T00:00:00+00:00", "address", { date: yearStampOf(1790) })]));
    const archives = urls.map((u) => u.loc).filter((loc) => loc.includes("/archive/1790"));
    expect(archives).toEqual([`${BASE}/archive/1790/`]);
  });

  const site = makeSite(
    [
      makeArticle("2025-02-10T09:00:00+00:00", "old", { tags: [tag("Coasts")], updated: stampOf("2025-03-04T12:00:00+00:00") }),
      makeArticle("2025-03-01T09:00:00+00:00", "new", { tags: [tag("Coasts")], ...(opinion ? { section: opinion } : {}) }),
      makeArticle("2025-03-02T09:00:00+00:00", "draft", { state: "draft", tags: [tag("Secret")] }),
    ],
    undefined,
    { preview: true },
  );
  const urls = sitemapUrls(site);
  const lastmod = (path: string) => urls.find((u) => u.loc === `${BASE}${path}`)?.lastmod;

  it("lists the front page first and every published article with its last change", () => {
    expect(urls[0]).toEqual({ loc: `${BASE}/`, lastmod: "2025-03-04T12:00:00+00:00" });
    expect(lastmod("/2025/02/10/old/")).toBe("2025-03-04T12:00:00+00:00");
    expect(lastmod("/2025/03/01/new/")).toBe("2025-03-01T09:00:00+00:00");
  });

  it("never lists drafts, nor tags only drafts use", () => {
    expect(urls.map((u) => u.loc).join(" ")).not.toMatch(/draft|secret/);
  });

  it("lists section, author, tag and archive pages, dated by their newest article", () => {
    expect(lastmod("/section/world/")).toBe("2025-03-04T12:00:00+00:00");
    expect(lastmod("/section/views/")).toBe("2025-03-01T09:00:00+00:00");
    expect(lastmod("/author/ada/")).toBe("2025-03-04T12:00:00+00:00");
    expect(lastmod("/tag/coasts/")).toBe("2025-03-04T12:00:00+00:00");
    expect(lastmod("/archive/2025/02/")).toBe("2025-03-04T12:00:00+00:00");
    expect(lastmod("/archive/2025/03/")).toBe("2025-03-01T09:00:00+00:00");
    expect(lastmod("/archive/2025/")).toBe("2025-03-04T12:00:00+00:00");
    expect(urls.map((u) => u.loc)).toEqual(
      expect.arrayContaining([`${BASE}/tag/`, `${BASE}/author/`, `${BASE}/archive/`, `${BASE}/about/`]),
    );
  });

  it("lists each URL once", () => {
    expect(new Set(urls.map((u) => u.loc)).size).toBe(urls.length);
  });
});

describe("sitemapFiles", () => {
  const urls = Array.from({ length: 5 }, (_, i) => ({ loc: `${BASE}/p${i}/`, lastmod: `2025-03-0${i + 1}T00:00:00+00:00` }));

  it("writes one sitemap when the URLs fit", () => {
    expect(sitemapFiles(urls, BASE)).toEqual([{ path: "/sitemap.xml", kind: "urlset", urls }]);
  });

  it("splits into numbered parts behind an index when they do not", () => {
    const files = sitemapFiles(urls, BASE, 2);
    expect(files.map((f) => f.path)).toEqual(["/sitemap.xml", "/sitemap-1.xml", "/sitemap-2.xml", "/sitemap-3.xml"]);
    expect(files[0]).toEqual({
      path: "/sitemap.xml",
      kind: "index",
      sitemaps: [
        { loc: `${BASE}/sitemap-1.xml`, lastmod: "2025-03-02T00:00:00+00:00" },
        { loc: `${BASE}/sitemap-2.xml`, lastmod: "2025-03-04T00:00:00+00:00" },
        { loc: `${BASE}/sitemap-3.xml`, lastmod: "2025-03-05T00:00:00+00:00" },
      ],
    });
    expect(files.slice(1).flatMap((f) => (f.kind === "urlset" ? f.urls : []))).toEqual(urls);
  });
});

describe("newsSitemap", () => {
  const now = "2025-03-10T12:00:00+00:00";

  it("holds the articles published in the two days before the build's now", () => {
    const site = makeSite(
      [
        makeArticle("2025-03-08T13:00:00+00:00", "47h"),
        makeArticle("2025-03-08T11:00:00+00:00", "49h"),
        // Updated recently, but published long ago: not news.
        makeArticle("2025-03-01T11:00:00+00:00", "updated", { updated: stampOf("2025-03-10T09:00:00+00:00") }),
        makeArticle("2025-03-10T13:00:00+00:00", "future", { state: "scheduled" }),
        makeArticle("2025-03-10T11:00:00+00:00", "draft", { state: "draft" }),
      ],
      now,
      { preview: true },
    );
    expect(newsSitemap(site)).toEqual({
      path: "/news-sitemap.xml",
      publication: "The Example",
      language: "en",
      entries: [{ loc: `${BASE}/2025/03/08/47h/`, title: "Story 47h", published: "2025-03-08T13:00:00+00:00" }],
    });
  });

  it("leaves out an article dated only by its year or month, whose first instant would be a made-up publication time", () => {
    const year = makeArticle("2025-01-01T00:00:00+00:00", "year", { date: yearStampOf(2025) });
    const month = makeArticle("2025-03-01T00:00:00+00:00", "month", { date: monthStampOf(2025, 3) });
    const day = makeArticle("2025-03-09T00:00:00+00:00", "day");
    expect(newsSitemap(makeSite([day, month, year], "2025-03-01T12:00:00+00:00")).entries).toEqual([]);
    expect(newsSitemap(makeSite([day, month, year], "2025-01-01T12:00:00+00:00")).entries).toEqual([]);
    expect(newsSitemap(makeSite([day, month, year], "2025-03-10T12:00:00+00:00")).entries.map((e) => e.title)).toEqual(["Story day"]);
  });

  it("compares instants, not local times", () => {
    // 01:00+02:00 on the 8th is 23:00Z on the 7th: 61 hours before now.
    expect(newsSitemap(makeSite([makeArticle("2025-03-08T01:00:00+02:00", "east")], now)).entries).toEqual([]);
  });

  it(`stops at ${NEWS_LIMIT} articles, the newest`, () => {
    const many = Array.from({ length: NEWS_LIMIT + 5 }, (_, i) =>
      makeArticle(`2025-03-10T${String(Math.floor(i / 60) % 12).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}:00+00:00`, `n${i}`),
    );
    const entries = newsSitemap(makeSite(many, now)).entries;
    expect(entries).toHaveLength(NEWS_LIMIT);
    expect(entries[0]?.published).toBe("2025-03-10T11:59:00+00:00");
  });
});

describe("newsLanguage", () => {
  it("gives Google News an ISO 639 code, with its two Chinese exceptions", () => {
    expect(["en-GB", "de", "fil", "zh-Hant-TW", "zh-HK", "zh-CN", "zh"].map(newsLanguage)).toEqual([
      "en",
      "de",
      "fil",
      "zh-tw",
      "zh-tw",
      "zh-cn",
      "zh-cn",
    ]);
  });
});

describe("robotsTxt", () => {
  it("points crawlers at both sitemaps by absolute URL when there is recent news", () => {
    const site = makeSite([makeArticle("2025-04-01T09:00:00+01:00", "fresh")]);
    expect(buildSitemaps(site).robots).toBe(
      `User-agent: *\nDisallow:\n\nSitemap: ${BASE}/sitemap.xml\nSitemap: ${BASE}/news-sitemap.xml\n`,
    );
  });

  it("names no news sitemap when there is none to publish", () => {
    const sitemaps = buildSitemaps(makeSite([makeArticle("2025-01-01T09:00:00+00:00", "old")]));
    expect(sitemaps.news).toEqual([]);
    expect(sitemaps.robots).toBe(`User-agent: *\nDisallow:\n\nSitemap: ${BASE}/sitemap.xml\n`);
    expect(robotsTxt(makeSite([]))).toBe(sitemaps.robots);
  });

  it("keeps crawlers out of a preview build", () => {
    expect(robotsTxt(makeSite([], undefined, { preview: true }))).toMatch(/^User-agent: \*\nDisallow: \/\n/);
  });
});
