import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { paginate } from "../../../scripts/lib/content/listings.ts";
import type { Article, Site } from "../../../scripts/lib/content/site-model.ts";
import { pageKeys, showsSiteRail, siteRailDigest, type PageInputs } from "../../../scripts/lib/pages/page-keys.ts";
import type { PreviewImage } from "../../../scripts/lib/pages/preview-images.ts";
import { makeArticle, makeSite, sections } from "../../helpers/model.ts";

const world = sections[0] as NonNullable<(typeof sections)[0]>;

function siteOf(articles: Article[], overrides: Partial<Site> = {}): Site {
  const site = makeSite(articles, undefined, overrides);
  const spec = {
    kind: "section" as const,
    label: "Section",
    name: world.name,
    description: "",
    url: world.url,
    owner: "section world",
    section: world,
  };
  return { ...site, listings: { lists: paginate({ ...spec, items: site.articles }, 2), directories: [] } };
}

const inputs = (overrides: Partial<PageInputs> = {}): PageInputs => ({
  code: "code",
  images: {
    "/images/harbour.jpg": {
      sources: [],
      src: "/h.1.jpg",
      srcset: "",
      width: 800,
      height: 600,
      preview: { url: "/h.jpg", width: 800, height: 600, type: "image/jpeg" },
    },
  },
  previews: { articles: new Map([["/2025/01/03/c/", { url: "https://x/c.png", width: 1200, height: 630, type: "image/png", alt: "c" }]]) },
  icons: { links: [{ rel: "icon", href: "/favicon.ico" }], themeColours: [] },
  assets: {
    css: { href: "/assets/site.1.css", content: "" },
    siteScript: { href: "/s.1.js", content: "" },
    searchScript: { href: "/q.1.js", content: "" },
    files: [],
  },
  offline: true,
  ...overrides,
});

const articles = () => [
  makeArticle("2025-01-01T10:00:00Z", "a"),
  makeArticle("2025-01-02T10:00:00Z", "b", { image: { src: "/images/harbour.jpg", file: "/x/harbour.jpg", alt: "A harbour" } }),
  makeArticle("2025-01-03T10:00:00Z", "c"),
  makeArticle("2025-01-04T10:00:00Z", "d"),
];

/** The URLs whose keys differ between two key maps (a page only one has counts as differing). */
function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  const urls = new Set([...before.keys(), ...after.keys()]);
  return [...urls].filter((url) => before.get(url) !== after.get(url)).sort();
}

describe("page keys", () => {
  const base = articles();
  const site = siteOf(base);
  const keys = pageKeys(site, inputs());
  const [d, c, b, a] = site.articles as [Article, Article, Article, Article];
  const [page1, page2] = site.listings.lists.map((l) => l.url) as [string, string];

  it("give every article and list page a key, the same for the same inputs", () => {
    expect(keys.size).toBe(6);
    expect(new Set(keys.values()).size).toBe(6);
    expect(pageKeys(siteOf(articles().map((x, i) => ({ ...x, bodyKey: base[i]?.bodyKey ?? "" }))), inputs())).toEqual(keys);
  });

  it("change for an article whose body or further reading changed, and for nothing else when no card shows it", () => {
    const edited = siteOf(base.map((x) => (x === a ? { ...x, bodyKey: "another body" } : x)));
    expect(changed(keys, pageKeys(edited, inputs()))).toEqual([a.url]);
    const further = siteOf(base.map((x) => (x === c ? { ...x, further: [{ ...d, relation: "Next story" }] } : x)));
    expect(changed(keys, pageKeys(further, inputs()))).toEqual([c.url]);
  });

  it("change for the list pages that show a changed headline, and the article's own", () => {
    const retitled = siteOf(base.map((x) => (x === b ? { ...x, title: "A new headline" } : x)));
    expect(changed(keys, pageKeys(retitled, inputs()))).toEqual([b.url, page2].sort());
  });

  it("change for every list page an added article moves items on", () => {
    const added = makeArticle("2025-01-05T10:00:00Z", "e");
    const after = pageKeys(siteOf([...base, added]), inputs());
    expect(changed(keys, after)).toEqual([added.url, page1, page2, `${world.url}page/3/`].sort());
  });

  it("change for the pages that show a processed image or link preview image that changed", () => {
    const image = { ...inputs().images["/images/harbour.jpg"]!, src: "/h.2.jpg" };
    expect(changed(keys, pageKeys(site, inputs({ images: { "/images/harbour.jpg": image } })))).toEqual([b.url, page2].sort());
    const previews = {
      articles: new Map<string, PreviewImage>([
        ["/2025/01/03/c/", { url: "https://x/c2.png", width: 1200, height: 630, type: "image/png", alt: "c" }],
      ]),
    };
    expect(changed(keys, pageKeys(site, inputs({ previews })))).toEqual([c.url]);
  });

  it("all change with what every page shows: settings, navigation, icons, stylesheet, service worker, the code", () => {
    const all = [...keys.keys()].sort();
    const variants: [Site, PageInputs][] = [
      [{ ...site, settings: { ...site.settings, tagline: "Other news" } }, inputs()],
      [{ ...site, navSections: [] }, inputs()],
      [{ ...site, preview: true }, inputs()],
      [site, inputs({ icons: { links: [], themeColours: [] } })],
      [site, inputs({ assets: { ...inputs().assets, css: { href: "/assets/site.2.css", content: "" } } })],
      [site, inputs({ offline: false })],
      [site, inputs({ code: "other code" })],
    ];
    for (const [s, i] of variants) expect(changed(keys, pageKeys(s, i))).toEqual(all);
  });
});

describe("page keys and the site's Latest rail", () => {
  const teaser = (text: string) => ({ text, full: text, cut: false });
  const [first, ...rest] = articles();
  // The first article has a rail of its own, made from the site's as an article in it gets one.
  const railed = (rail: Site["rail"]) => {
    const own = { links: [], notes: [...rail.notes, teaser("Own rail")] };
    return siteOf([{ ...(first as Article), rail: own }, ...rest.map((a) => ({ ...a, rail }))], { rail });
  };
  const before = railed({ links: [], notes: [teaser("Ferries run late")] });
  const after = railed({ links: [], notes: [teaser("Ferries run on time")] });

  it("leave the site's rail out of the pages that show it, whose rail is digested apart", () => {
    const shown = before.articles.filter((a) => showsSiteRail(a, before)).map((a) => a.url);
    expect(shown).toHaveLength(3);
    const own = before.articles.find((a) => !showsSiteRail(a, before))?.url;
    // Only the page with its own rail changes key; the others show the new rail through its digest.
    expect(changed(pageKeys(before, inputs()), pageKeys(after, inputs()))).toEqual([own]);
    expect(siteRailDigest(after)).not.toBe(siteRailDigest(before));
    expect(siteRailDigest(railed({ links: [], notes: [teaser("Ferries run late")] }))).toBe(siteRailDigest(before));
  });
});

describe("what the article and list pages' templates read", () => {
  // The layouts, page layouts and partials under _includes/ are all an article or list page is rendered from.
  const dir = path.resolve(import.meta.dirname, "../../../_includes");
  const code = readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".njk"))
    .map((file) => readFileSync(path.join(dir, file), "utf8").replace(/\{#[\s\S]*?#\}/g, ""))
    .join("\n");

  it("is covered by the page keys: of the site, only its settings, sections, navigation and preview flag", () => {
    // pageMeta, given the whole site, reads its settings and sections.
    const read = new Set([...code.matchAll(/(?<![.\w-])site\.(\w+)/g)].map((m) => m[1]));
    expect([...read].filter((field) => !["settings", "sections", "navSections", "preview"].includes(field ?? ""))).toEqual([]);
  });

  it("uses no global data the keys leave out (feeds, sitemaps, the render set)", () => {
    expect(code).not.toMatch(/(?<![.\w-])(feeds|sitemaps|renderSet)\b/);
  });
});
