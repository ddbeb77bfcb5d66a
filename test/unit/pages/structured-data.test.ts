import { describe, expect, it } from "vitest";
import { META_LIMITS, ogLocale, pageMeta } from "../../../scripts/lib/pages/page-meta.ts";
import type { PreviewImage, Previews } from "../../../scripts/lib/pages/preview-images.ts";
import { breadcrumbList, breadcrumbTrail, newsArticle, webSite } from "../../../scripts/lib/pages/structured-data.ts";
import { scriptJson } from "../../../scripts/lib/pages/template-filters.ts";
import { BASE, makeArticle, makeSite, stampOf, tag, yearStampOf } from "../../helpers/model.ts";

const image = { src: "/images/harbour.jpg", file: "/content/src/images/harbour.jpg", alt: "The harbour at dawn" };
const plain = makeArticle("2025-03-10T08:15:00+01:00", "plain", {
  tags: [tag("Trade"), tag("Coasts")],
  updated: stampOf("2025-03-11T10:00:00+00:00"),
});
const pictured = makeArticle("2025-03-12T00:00:00+00:00", "pictured", { image });
const site = makeSite([plain, pictured]);
/** A link preview image of `width` × `height` at `path`. */
const previewImage = (path: string, width: number, height: number, alt: string): PreviewImage => ({
  url: `${BASE}${path}`,
  width,
  height,
  type: path.endsWith(".png") ? "image/png" : "image/jpeg",
  alt,
});
const picture = previewImage("/img/harbour-1200.jpeg", 1200, 800, "The harbour at dawn");
const plainCard = previewImage("/cards/abc.png", 1200, 630, "The Example, World: Story plain");
const siteCard = previewImage("/cards/site.png", 1200, 630, "The Example: All the news");
const previews: Previews = {
  articles: new Map([
    [plain.url, plainCard],
    [pictured.url, picture],
  ]),
  site: siteCard,
};

describe("newsArticle", () => {
  it("has what Google's article rich results read, with dates carrying their offsets", () => {
    expect(newsArticle(site, plain, plainCard)).toEqual({
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      headline: "Story plain",
      description: "Summary of plain.",
      url: `${BASE}/2025/03/10/plain/`,
      mainEntityOfPage: { "@type": "WebPage", "@id": `${BASE}/2025/03/10/plain/` },
      image: [{ "@type": "ImageObject", url: `${BASE}/cards/abc.png`, width: 1200, height: 630 }],
      datePublished: "2025-03-10T08:15:00+01:00",
      dateModified: "2025-03-11T10:00:00+00:00",
      author: [{ "@type": "Person", name: "Ada Reporter", url: `${BASE}/author/ada/` }],
      publisher: {
        "@type": "Organization",
        "@id": `${BASE}/#publisher`,
        name: "The Example",
        url: `${BASE}/`,
        logo: { "@type": "ImageObject", url: `${BASE}/publisher-logo.png`, width: 600, height: 60 },
      },
      articleSection: "World",
      keywords: ["Trade", "Coasts"],
      wordCount: 3,
      inLanguage: "en-GB",
    });
  });

  it("names the preview image, and is modified when published otherwise", () => {
    const data = newsArticle(site, pictured, picture);
    expect(data.image).toEqual([{ "@type": "ImageObject", url: `${BASE}/img/harbour-1200.jpeg`, width: 1200, height: 800 }]);
    expect(newsArticle(site, pictured)).not.toHaveProperty("image");
    expect(data.dateModified).toBe(data.datePublished);
    expect(data).not.toHaveProperty("keywords");
  });

  it("types a desk or agency as an Organization and anyone else as a Person", () => {
    const desk = { id: "desk", name: "Commentary Desk", slug: "desk", bio: "", url: "/author/desk/", type: "organization" as const };
    const signed = makeArticle("2025-03-01T09:00:00+00:00", "signed", { authors: [desk, ...plain.authors] });
    expect(newsArticle(makeSite([signed]), signed).author).toEqual([
      { "@type": "Organization", name: "Commentary Desk", url: `${BASE}/author/desk/` },
      { "@type": "Person", name: "Ada Reporter", url: `${BASE}/author/ada/` },
    ]);
  });

  it("links an author to their page by url and to their own site by sameAs", () => {
    const [ada] = plain.authors;
    const own = { ...ada!, homepage: "https://example.org/ada" };
    const signed = makeArticle("2025-03-01T09:00:00+00:00", "signed", { authors: [own] });
    expect(newsArticle(makeSite([signed]), signed).author).toEqual([
      { "@type": "Person", name: "Ada Reporter", url: `${BASE}/author/ada/`, sameAs: ["https://example.org/ada"] },
    ]);
  });
});

describe("a date known only to the year", () => {
  const address = makeArticle("1790-01-01T00:00:00+00:00", "address", { date: yearStampOf(1790) });

  it("is published as the year in JSON-LD and Open Graph, never as 1 January", () => {
    const data = newsArticle(makeSite([address]), address);
    expect(data.datePublished).toBe("1790");
    expect(data.dateModified).toBe("1790");
    const meta = pageMeta(makeSite([address]), { title: address.title, path: address.url, article: address });
    expect(meta.properties.filter((p) => p.property.endsWith("_time"))).toEqual([
      { property: "article:published_time", content: "1790" },
      { property: "article:modified_time", content: "1790" },
    ]);
  });
});

describe("breadcrumbs", () => {
  it("run Home › Section › Article on an article", () => {
    const trail = breadcrumbTrail(site, { title: "Story plain", path: plain.url, sectionId: "world" });
    expect(breadcrumbList(site, trail).itemListElement).toEqual([
      { "@type": "ListItem", position: 1, name: "The Example", item: `${BASE}/` },
      { "@type": "ListItem", position: 2, name: "World", item: `${BASE}/section/world/` },
      { "@type": "ListItem", position: 3, name: "Story plain", item: `${BASE}/2025/03/10/plain/` },
    ]);
  });

  it("run Home › Section on the section's own page and Home › Page on other list pages", () => {
    expect(breadcrumbTrail(site, { title: "World", path: "/section/world/", sectionId: "world" })).toEqual([
      { name: "The Example", path: "/" },
      { name: "World", path: "/section/world/" },
    ]);
    expect(breadcrumbTrail(site, { title: "Coasts", path: "/tag/coasts/" })).toEqual([
      { name: "The Example", path: "/" },
      { name: "Coasts", path: "/tag/coasts/" },
    ]);
  });
});

describe("webSite", () => {
  it("offers the site search with the query in ?q=", () => {
    expect(webSite(site)).toMatchObject({
      "@type": "WebSite",
      url: `${BASE}/`,
      potentialAction: {
        "@type": "SearchAction",
        target: { urlTemplate: `${BASE}/search/?q={search_term_string}` },
        "query-input": "required name=search_term_string",
      },
    });
  });
});

describe("pageMeta", () => {
  const props = (meta: ReturnType<typeof pageMeta>) => meta.properties.map((p) => `${p.property}=${p.content}`);

  it("describes an article page as an article, with its times, section, authors and tags", () => {
    const meta = pageMeta(
      site,
      { title: plain.title, description: plain.summary, path: plain.url, sectionId: "world", article: plain },
      previews,
    );
    expect(props(meta)).toEqual([
      "og:type=article",
      "og:site_name=The Example",
      "og:title=Story plain",
      "og:description=Summary of plain.",
      "og:locale=en_GB",
      `og:url=${BASE}/2025/03/10/plain/`,
      `og:image=${BASE}/cards/abc.png`,
      "og:image:type=image/png",
      "og:image:width=1200",
      "og:image:height=630",
      "og:image:alt=The Example, World: Story plain",
      "article:published_time=2025-03-10T08:15:00+01:00",
      "article:modified_time=2025-03-11T10:00:00+00:00",
      "article:section=World",
      `article:author=${BASE}/author/ada/`,
      "article:tag=Trade",
      "article:tag=Coasts",
    ]);
    expect(meta.names).toContainEqual({ name: "twitter:card", content: "summary_large_image" });
    expect(meta.names).toContainEqual({ name: "twitter:image", content: `${BASE}/cards/abc.png` });
    expect(meta.jsonLd[0]?.image).toEqual([{ "@type": "ImageObject", url: `${BASE}/cards/abc.png`, width: 1200, height: 630 }]);
    expect(meta.jsonLd.map((d) => d["@type"])).toEqual(["NewsArticle", "BreadcrumbList"]);
    expect(meta.feeds.map((f) => f.href)).toEqual(["/feed.xml", "/feed.json", "/section/world/feed.xml", "/section/world/feed.json"]);
  });

  it("shows the article's own image when it has one, with its size and alt text", () => {
    const meta = pageMeta(site, { title: pictured.title, path: pictured.url, sectionId: "world", article: pictured }, previews);
    expect(props(meta)).toEqual(
      expect.arrayContaining([
        `og:image=${BASE}/img/harbour-1200.jpeg`,
        "og:image:width=1200",
        "og:image:height=800",
        "og:image:type=image/jpeg",
        "og:image:alt=The harbour at dawn",
      ]),
    );
    expect(meta.names).toEqual(
      expect.arrayContaining([
        { name: "twitter:card", content: "summary_large_image" },
        { name: "twitter:image", content: `${BASE}/img/harbour-1200.jpeg` },
        { name: "twitter:image:alt", content: "The harbour at dawn" },
      ]),
    );
  });

  it("shows the site card on every other page", () => {
    for (const page of [{ path: "/" }, { title: "Coasts", path: "/tag/coasts/" }, { title: "Page not found", noindex: true }]) {
      expect(props(pageMeta(site, page, previews))).toContain(`og:image=${BASE}/cards/site.png`);
    }
  });

  it("titles a page 'Page | Site' within what a search result shows, else the page's title cut between words", () => {
    expect(pageMeta(site, { title: "World", path: "/section/world/" }).title).toBe("World | The Example");
    expect(pageMeta(site, { path: "/" }).title).toBe("The Example");
    const long = "Harbour tariffs rise for the first time in a decade as the port counts the cost of dredging";
    const title = pageMeta(site, { title: long, path: "/x/" }).title;
    expect(title.length).toBeLessThanOrEqual(META_LIMITS.title);
    expect(title).toBe("Harbour tariffs rise for the first time in a decade as the…");
    expect(long.startsWith(title.slice(0, -1))).toBe(true);
  });

  it("cuts descriptions between words to what search results, X and Open Graph show", () => {
    const description = `${"The port authority says the money will pay for dredging the outer channel. ".repeat(6)}`.trim();
    const meta = pageMeta(site, { title: "T", description, path: "/x/" });
    expect(meta.description.length).toBeLessThanOrEqual(META_LIMITS.description);
    expect(meta.description).toMatch(/\w…$/);
    expect(description.startsWith(meta.description.slice(0, -1))).toBe(true);
    const og = meta.properties.find((p) => p.property === "og:description")?.content ?? "";
    const twitter = meta.names.find((n) => n.name === "twitter:description")?.content ?? "";
    expect(og.length).toBeLessThanOrEqual(META_LIMITS.ogDescription);
    expect(og.length).toBeGreaterThan(meta.description.length);
    expect(twitter.length).toBeLessThanOrEqual(META_LIMITS.twitterDescription);
    expect(pageMeta(site, { title: "T", description: "Short.", path: "/x/" }).description).toBe("Short.");
  });

  it("describes the front page as the website, with the site's feeds only", () => {
    const meta = pageMeta(site, { path: "/" });
    expect(props(meta)).toEqual(
      expect.arrayContaining(["og:type=website", "og:title=The Example", "og:description=All the news", `og:url=${BASE}/`]),
    );
    expect(props(meta).some((p) => p.startsWith("article:"))).toBe(false);
    expect(meta.jsonLd.map((d) => d["@type"])).toEqual(["WebSite"]);
    expect(meta.feeds).toHaveLength(2);
  });

  it("does not take an article for the page unless the page is that article", () => {
    const meta = pageMeta(site, { title: "Coasts", path: "/tag/coasts/", article: plain });
    expect(props(meta)).toContain("og:type=website");
    expect(meta.jsonLd.map((d) => d["@type"])).toEqual(["BreadcrumbList"]);
  });

  it("gives no JSON-LD to pages kept out of search engines or without a canonical URL", () => {
    expect(pageMeta(site, { title: "Search", path: "/search/", noindex: true }).jsonLd).toEqual([]);
    const notFound = pageMeta(site, { title: "Page not found", noindex: true });
    expect(notFound.jsonLd).toEqual([]);
    expect(notFound.properties.map((p) => p.property)).not.toContain("og:url");
  });
});

describe("ogLocale", () => {
  it("gives Open Graph language_TERRITORY, dropping a script or variant", () => {
    expect(ogLocale("en-GB")).toBe("en_GB");
    expect(ogLocale("zh-Hant-TW")).toBe("zh_TW");
    expect(ogLocale("de-CH-1996")).toBe("de_CH");
  });

  it("gives a tag without a country its language's likely one, and a language without one no locale", () => {
    expect(ogLocale("fr")).toBe("fr_FR");
    expect(ogLocale("zh-Hant")).toBe("zh_TW");
    expect(ogLocale("es-419")).toBe("es_ES");
    expect(ogLocale("tlh")).toBeUndefined();
  });

  it("is left out of a page when there is none", () => {
    const klingon = makeSite([plain], undefined, { settings: { ...site.settings, language: "tlh" } });
    expect(pageMeta(klingon, { title: "Home", path: "/" }).properties.map((p) => p.property)).not.toContain("og:locale");
  });
});

describe("JSON-LD in a page", () => {
  it("survives a headline that tries to close the script element", () => {
    const hostile = makeArticle("2025-03-01T09:00:00+00:00", "hostile", { title: "</script><script>alert(1)</script>" });
    const text = scriptJson(newsArticle(makeSite([hostile]), hostile));
    expect(text).not.toContain("</script");
    expect(JSON.parse(text).headline).toBe("</script><script>alert(1)</script>");
  });
});
