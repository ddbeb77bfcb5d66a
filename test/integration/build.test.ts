import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSiteSearch } from "../../scripts/lib/search/node-search.ts";
import { build, copyFixture, type RunResult } from "../helpers/site.ts";

let fixture: Awaited<ReturnType<typeof copyFixture>>;
let result: RunResult;
const page = (p: string) => readFile(path.join(fixture.out, p, p.endsWith(".html") ? "" : "index.html"), "utf8");

beforeAll(async () => {
  fixture = await copyFixture();
  result = await build(fixture.root, fixture.out);
});
afterAll(() => fixture.cleanup());

describe("a production build of the fixture site", () => {
  it("succeeds and reports what it built", () => {
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Built 12 articles: \d+ pages written, 12 pages indexed in [\d.]+ s/);
  });

  it("renders the article with its headline, byline, dates and Markdown body", async () => {
    const html = await page("2025/03/12/lighthouse-keepers-strike");
    expect(html).toMatch(/<h1 class="article__title"[^>]*>Lighthouse keepers strike over “automation”<\/h1>/);
    expect(html).toContain('<a href="/author/ada/">Ada Reporter</a>');
    expect(html).toContain('<time datetime="2025-03-12T00:00:00+00:00">12 March 2025</time>');
    expect(html).toMatch(/<h2 id="what-they-want"[^>]*>What they want<\/h2>/);
    // The region search indexes and highlights searched words in.
    expect(html).toContain("data-search-body");
  });

  it("shows further reading after the article, then the Latest rail without the article or its further reading", async () => {
    const html = await page("2025/03/12/lighthouse-keepers-strike");
    const further = html.indexOf('class="further"');
    const latest = html.indexOf('id="latest-heading"');
    expect(html.indexOf("</article>")).toBeLessThan(further);
    expect(further).toBeLessThan(latest);
    const rail = html.slice(latest, html.indexOf("</section>", latest));
    expect(rail).toContain(
      '<a href="https://example.org/wire/1" title="A wire story that links elsewhere and is far too long to fit in sixty characters">',
    );
    expect(rail).toContain('<span aria-hidden="true">A wire story that links elsewhere and is far too long to…</span>');
    // Text-only teasers sit apart, under their own heading.
    expect(rail).toMatch(
      /<h3 class="rail__subheading">Also in the news<\/h3>\s*<ul class="teaser-list teaser-list--notes">\s*<li dir="auto">Short and fits<\/li>/,
    );
    // The rail leaves out the page's own article, which the teaser list names first.
    expect(rail).not.toContain('href="/2025/03/12/lighthouse-keepers-strike/"');
    // Elsewhere the rail shows it.
    expect(await page("")).toContain(
      '<li dir="auto"><a href="/2025/03/12/lighthouse-keepers-strike/" title="Keepers of the northern lighthouses',
    );
  });

  it("writes dates with the offset of the moment, in the site zone", async () => {
    const html = await page("2025/03/10/harbour-tariffs");
    expect(html).toContain('<time datetime="2025-03-10T07:15:00+00:00">10 March 2025</time>');
    expect(html).toContain('Updated <time datetime="2025-03-11T10:00:00+00:00">');
    expect(html).toContain('<a href="/author/ada/">Ada Reporter</a> and <a href="/author/ben/">Ben Columnist</a>');
  });

  it("lists the latest articles on the front page, newest first, without drafts or scheduled stories", async () => {
    const html = await page("");
    const order = ["Lighthouse keepers strike", "Harbour tariffs rise", "In praise of timetables"].map((t) => html.indexOf(t));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).not.toContain("Zeppelin");
    expect(html).not.toContain("Scheduled story");
  });

  it("never publishes drafts or scheduled articles", async () => {
    const years = await readdir(fixture.out);
    expect(years).not.toContain("2099");
    await expect(page("2025/03/20/unpublished-draft")).rejects.toThrow();
  });

  it("indexes article bodies for search, and only those", async () => {
    const search = await openSiteSearch(fixture.out);
    const found = await search.search({ query: "automated lamps" });
    expect(found.hits.map((h) => h.url)).toEqual(["/2025/03/12/lighthouse-keepers-strike/"]);
    expect(found.hits[0]?.title).toBe("Lighthouse keepers strike over “automation”");
    expect((await search.search({ query: "zeppelinsecretword" })).total).toBe(0);
    expect((await search.search({ query: "futuresecretword" })).total).toBe(0);
    // "Short and fits" is only in the Latest rail: rails are not indexed.
    expect((await search.search({ query: "fits" })).total).toBe(0);
    expect(await search.filters()).toMatchObject({
      section: { World: 6, Opinion: 3, Science: 3 },
      author: { "Ada Reporter": 6, "Ben Columnist": 4, "Cy Correspondent": 4 },
    });
  });
});
