/**
 * The reader's pages of a production build of the fixture site (12 articles,
 * three sections, three authors, five tags, `perPage: 3`): lists and their
 * pagination, index pages, the article page's extras, images, the front page
 * and the redirects made from aliases.
 */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStaticServer } from "../../scripts/lib/serve/static-server.ts";
import { build, copyFixture, type RunResult } from "../helpers/site.ts";

let fixture: Awaited<ReturnType<typeof copyFixture>>;
let result: RunResult;
const page = (p: string) => readFile(path.join(fixture.out, p, "index.html"), "utf8");
const head = (html: string) => html.slice(0, html.indexOf("</head>"));
const main = (html: string) => html.slice(html.indexOf("<main"), html.indexOf("</main>"));
/** Article URLs linked from story-card headlines, in page order. */
const cardUrls = (html: string) => [...html.matchAll(/class="story-card__title"><a href="([^"]+)"/g)].map((m) => m[1]);

beforeAll(async () => {
  fixture = await copyFixture();
  result = await build(fixture.root, fixture.out);
});
afterAll(() => fixture.cleanup());

describe("list pages", () => {
  it("build", () => {
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("paginate a section newest first, with rel links in the head and numbered pages", async () => {
    const first = await page("section/world");
    expect(head(first)).toContain('<link rel="next" href="/section/world/page/2/">');
    expect(head(first)).not.toContain('rel="prev"');
    expect(head(first)).toContain("<title>World | Broadsheet</title>");
    expect(main(first)).toContain('<h1 class="list-header__title">World</h1>');
    expect(main(first)).toContain("Reporting from around the world.");
    expect(cardUrls(first)).toEqual([
      "/2025/03/18/northern-light-returns-to-full-power/",
      "/2025/03/12/lighthouse-keepers-strike/",
      "/2025/03/10/harbour-tariffs/",
    ]);

    const second = await page("section/world/page/2");
    expect(head(second)).toContain('<link rel="prev" href="/section/world/">');
    expect(head(second)).not.toContain('rel="next"');
    expect(head(second)).toContain("<title>World, page 2 of 2 | Broadsheet</title>");
    expect(head(second)).toContain('<link rel="canonical" href="https://broadsheet.netlify.app/section/world/page/2/">');
    expect(cardUrls(second)).toEqual([
      "/2025/02/20/dock-workers-agree-new-shift-pattern/",
      "/2025/01/28/fish-auction-moves-to-a-new-hall/",
      "/2024/11/18/storm-surge-floods-lower-harbour/",
    ]);
    const nav = second.slice(second.indexOf('<nav class="pagination"'));
    expect(nav).toMatch(/^<nav class="pagination" aria-label="Pages of World">/);
    expect(nav).toContain('<a href="/section/world/page/2/" aria-current="page"><span class="visually-hidden">Page </span>2</a>');
    expect(nav).toContain('<a href="/section/world/"><span class="visually-hidden">Page </span>1</a>');
    expect(second.match(/aria-current="page"/g)).toHaveLength(1);
  });

  it("mark the section in the navigation as the current page only on its first page", async () => {
    const nav = (html: string) =>
      html.slice(html.indexOf('<nav class="sections-nav"'), html.indexOf("</nav>", html.indexOf('<nav class="sections-nav"')));
    expect(nav(await page("section/world"))).toContain('<a href="/section/world/" aria-current="page">World</a>');
    expect(nav(await page("section/world/page/2"))).toContain('<a href="/section/world/" class="is-current">World</a>');
    expect(nav(await page("2025/03/12/lighthouse-keepers-strike"))).toContain('<a href="/section/world/" class="is-current">World</a>');
    expect(nav(await page("2025/03/12/lighthouse-keepers-strike"))).not.toContain("aria-current");
  });

  it("give a tag pages with both neighbours in the middle", async () => {
    const middle = await page("tag/coasts/page/2");
    expect(head(middle)).toContain('<link rel="prev" href="/tag/coasts/">');
    expect(head(middle)).toContain('<link rel="next" href="/tag/coasts/page/3/">');
    expect(main(middle)).toContain("Page 2 of 3");
    const all = [...cardUrls(await page("tag/coasts")), ...cardUrls(middle), ...cardUrls(await page("tag/coasts/page/3"))];
    expect(all).toHaveLength(7);
    expect(new Set(all).size).toBe(7);
  });

  it("show an author's name and bio, or a plain line and their own site when there is no bio", async () => {
    const ada = await page("author/ada");
    expect(main(ada)).toContain('<h1 class="list-header__title">Ada Reporter</h1>');
    expect(main(ada)).toContain("Covers diplomacy.");
    const cy = await page("author/cy");
    expect(main(cy)).toContain("Articles by Cy Correspondent.");
    expect(main(cy)).toContain('<a href="https://example.org/cy">Cy Correspondent’s own site</a>');
  });

  it("archive articles by year and by month", async () => {
    const march = await page("archive/2025/03");
    expect(main(march)).toContain('<h1 class="list-header__title">March 2025</h1>');
    const marchAll = [...cardUrls(march), ...cardUrls(await page("archive/2025/03/page/2"))];
    expect(marchAll).toHaveLength(6);
    expect(marchAll.every((u) => u?.startsWith("/2025/03/"))).toBe(true);
    expect(cardUrls(await page("archive/2024"))).toEqual([
      "/2024/12/02/why-the-winter-gales-came-early/",
      "/2024/11/18/storm-surge-floods-lower-harbour/",
    ]);
    expect(head(await page("archive/2025/page/4"))).toContain('<link rel="prev" href="/archive/2025/page/3/">');
  });

  it("index all tags, all authors and all months with their counts", async () => {
    const tags = main(await page("tag"));
    expect(tags).toContain('<a href="/tag/coasts/">Coasts</a> <span class="directory__count">7 articles</span>');
    expect(tags).toContain('<a href="/tag/trade/">Trade</a> <span class="directory__count">2 articles</span>');
    const authors = main(await page("author"));
    expect(authors.indexOf("Ada Reporter")).toBeLessThan(authors.indexOf("Ben Columnist"));
    expect(authors).toContain("Writes the weekly column.");
    const archive = main(await page("archive"));
    expect(archive.indexOf('href="/archive/2025/"')).toBeLessThan(archive.indexOf('href="/archive/2024/"'));
    expect(archive).toContain(
      '<a href="/archive/2025/03/">March 2025</a> <span class="directory__count">6<span class="visually-hidden"> articles</span></span>',
    );
    expect(archive).toContain(
      '<a href="/archive/2024/11/">November 2024</a> <span class="directory__count">1<span class="visually-hidden"> article</span></span>',
    );
  });
});

describe("the article page", () => {
  it("shows the lead image above the fold with AVIF, WebP and JPEG, its size, caption and credit", async () => {
    const html = await page("2025/03/18/northern-light-returns-to-full-power");
    const figure = html.slice(html.indexOf('<figure class="article__figure">'), html.indexOf("</figure>"));
    expect(figure).toMatch(
      /<source type="image\/avif" srcset="\/img\/[\w-]+-400\.avif 400w, \/img\/[\w-]+-800\.avif 800w, \/img\/[\w-]+-1200\.avif 1200w" sizes="[^"]+">/,
    );
    expect(figure).toMatch(/<source type="image\/webp" srcset="[^"]+-1200\.webp 1200w"/);
    expect(figure).toMatch(
      /<img src="\/img\/[\w-]+-1200\.jpeg" srcset="[^"]+\.jpeg 400w, [^"]+\.jpeg 800w, [^"]+\.jpeg 1200w" sizes="[^"]+" width="1200" height="675" alt="A striped lighthouse on a rock casts its beam across the sea at sunset\." loading="eager" fetchpriority="high" decoding="async">/,
    );
    expect(figure).toContain(
      '<figcaption>The northern light at dusk on the first night back at full strength. <span class="credit">Illustration: Broadsheet test fixture</span></figcaption>',
    );
    // Every file the markup names was written.
    const files = new Set(await readdir(path.join(fixture.out, "img")));
    const named = [...figure.matchAll(/\/img\/([\w.-]+)/g)].map((m) => m[1] ?? "");
    expect(named.length).toBeGreaterThanOrEqual(9);
    expect(named.filter((f) => !files.has(f))).toEqual([]);
    // The original is published at its own URL too, for feeds and social cards.
    const original = await readFile(path.join(fixture.out, "images/northern-light.jpg"));
    expect(original.equals(await readFile(path.join(fixture.root, "src/images/northern-light.jpg")))).toBe(true);
  });

  it("loads images in lists lazily", async () => {
    const list = await page("section/world");
    expect(list).toMatch(/<div class="story-card__image">\s*<picture>[\s\S]*?<img [^>]*loading="lazy"/);
    expect(list).not.toContain('fetchpriority="high"');
  });

  it("offers plain share links to the article's public address, with no third-party script or image", async () => {
    const html = await page("2025/03/12/lighthouse-keepers-strike");
    const share = html.slice(html.indexOf('<ul class="share">'), html.indexOf("</ul>", html.indexOf('<ul class="share">')));
    const links = [...share.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[2], m[1]?.replaceAll("&amp;", "&")]);
    expect(links.map(([service]) => service)).toEqual(["Email", "Mastodon", "Bluesky", "LinkedIn", "X"]);
    const encoded = encodeURIComponent("https://broadsheet.netlify.app/2025/03/12/lighthouse-keepers-strike/");
    for (const [, href] of links) expect(href).toContain(encoded);
    expect(links[0]?.[1]).toBe(`mailto:?subject=Lighthouse%20keepers%20strike%20over%20%E2%80%9Cautomation%E2%80%9D&body=${encoded}`);
    expect(html).not.toMatch(/<(script|img|iframe)[^>]+(src|href)="https?:/);
  });

  it("offers one list of further reading: the closest subject first, each story once, never the article itself", async () => {
    const html = await page("2025/03/12/lighthouse-keepers-strike");
    const foot = html.slice(html.indexOf('<aside class="further"'), html.indexOf("</aside>", html.indexOf('<aside class="further"')));
    const items = [...foot.matchAll(/<p class="further__relation">([^<]+)<\/p>\s*<h3 class="further__title"><a href="([^"]+)"/g)].map(
      (m) => [m[1], m[2]],
    );
    // Same tags (Labour, Coasts) and section (World) as the northern light story: the best match, and also the newer story in World.
    expect(items).toEqual([
      ["More on Labour", "/2025/03/18/northern-light-returns-to-full-power/"],
      ["More on Labour", "/2025/03/01/let-the-lighthouses-keep-their-keepers/"],
      ["More on Coasts", "/2025/03/10/harbour-tariffs/"],
    ]);
    // The first is told with its standfirst; every one with its date.
    expect(foot).toContain('<p class="further__standfirst">Keepers relit the northern light at full strength after the strike ended.</p>');
    expect(foot.match(/<time datetime=/g)).toHaveLength(3);
    expect(html).not.toContain("article-nav");
    expect(html).not.toContain("next-story");
  });

  it("offers the newer and older story in the section when they are not already there, and the site's next story last", async () => {
    const relations = async (p: string) => [...(await page(p)).matchAll(/<p class="further__relation">([^<]+)<\/p>/g)].map((m) => m[1]);
    // The newest article: nothing newer in its section; the oldest: nothing older, and the next story wraps round to the newest.
    expect((await relations("2025/03/18/northern-light-returns-to-full-power")).join()).not.toMatch(/Newer in/);
    const oldest = await relations("2024/11/18/storm-surge-floods-lower-harbour");
    expect(oldest.join()).not.toMatch(/Older in/);
    expect(oldest).toContain("Newer in World");
    const timetables = await page("2025/03/05/in-praise-of-timetables");
    expect(timetables).toContain(
      '<p class="further__relation">Older in Opinion</p>\n      <h3 class="further__title"><a href="/2025/03/01/let-the-lighthouses-keep-their-keepers/">',
    );
  });
});

describe("the front page", () => {
  it("leads with the newest story large, then the latest, then a block per section without repeats", async () => {
    const html = main(await page(""));
    const lead = html.slice(html.indexOf('<article class="lead-story'), html.indexOf("</article>"));
    expect(lead).toContain('<a href="/2025/03/18/northern-light-returns-to-full-power/">Northern light returns to full power</a>');
    expect(lead).toMatch(/<img [^>]*loading="eager" fetchpriority="high"/);
    const latest = html.slice(html.indexOf('id="more-heading"'), html.indexOf('class="section-block"'));
    expect(cardUrls(latest)).toHaveLength(6);
    const blocks = [...html.matchAll(/<section class="section-block" aria-labelledby="section-(\w+)">([\s\S]*?)<\/section>/g)];
    expect(blocks.map((b) => b[1])).toEqual(["world", "opinion", "science"]);
    const blockUrls = blocks.flatMap((b) => cardUrls(b[2] ?? ""));
    expect(blockUrls).toContain("/2025/01/28/fish-auction-moves-to-a-new-hall/");
    const shown = [...cardUrls(latest), ...blockUrls, "/2025/03/18/northern-light-returns-to-full-power/"];
    expect(new Set(shown).size).toBe(shown.length);
    expect(html).toContain('id="latest-heading"');
  });
});

describe("other pages and addresses", () => {
  it("has the search page's script compiled as it streams in (V8's compile hint), not the script every page loads", async () => {
    const html = await page("search");
    const script = (name: string) => {
      const href = html.match(new RegExp(`src="(/assets/${name}\\.[0-9a-f]+\\.js)"`))?.[1];
      expect(href, name).toBeDefined();
      return readFile(path.join(fixture.out, href ?? ""), "utf8");
    };
    expect((await script("search")).split("\n")[0]).toBe("//# allFunctionsCalledOnLoad");
    expect(await script("site")).not.toContain("allFunctionsCalledOnLoad");
  });

  it("has an About page that describes the site", async () => {
    const html = await page("about");
    expect(html).toContain("<h1>About Broadsheet</h1>");
    expect(html).toContain("keeps working if you lose your connection");
  });

  it("redirects each alias permanently to its article, on Netlify and with npm run serve", async () => {
    const redirects = await readFile(path.join(fixture.out, "_redirects"), "utf8");
    expect(redirects).toContain("/news/dock-shifts /2025/02/20/dock-workers-agree-new-shift-pattern/ 301\n");
    expect(redirects).toContain("/2025/03/18/northern-light-relit/ /2025/03/18/northern-light-returns-to-full-power/ 301\n");
    const server = await startStaticServer({ root: fixture.out, port: 0 });
    try {
      const response = await fetch(new URL("/news/dock-shifts.html", server.url), { redirect: "manual" });
      expect(response.status).toBe(301);
      expect(response.headers.get("location")).toBe("/2025/02/20/dock-workers-agree-new-shift-pattern/");
      expect((await fetch(new URL("/no/such/page/", server.url))).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it("takes a reader who cuts an article's address back to its date to the archive page listing that day, month or year", async () => {
    const server = await startStaticServer({ root: fixture.out, port: 0 });
    const lands = async (from: string) => {
      const response = await fetch(new URL(from, server.url), { redirect: "manual" });
      return response.status === 301 ? response.headers.get("location") : response.status;
    };
    try {
      expect(await lands("/2025/")).toBe("/archive/2025/");
      expect(await lands("/2025/03/")).toBe("/archive/2025/03/");
      expect(await lands("/2025/03")).toBe("/archive/2025/03/");
      expect(await lands("/2025/03/12/")).toBe("/archive/2025/03/");
      // Three to a page, newest first: 1 March is on the month's second page.
      expect(await lands("/2025/03/01/")).toBe("/archive/2025/03/page/2/");
      expect(await page("archive/2025/03/page/2")).toContain('href="/2025/03/01/let-the-lighthouses-keep-their-keepers/"');
      // No published article: a day with none, a draft's day, a scheduled story's year.
      for (const none of ["/2025/03/02/", "/2025/03/20/", "/2099/", "/2099/01/01/"]) expect(await lands(none), none).toBe(404);
    } finally {
      await server.close();
    }
  });
});
