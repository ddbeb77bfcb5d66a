import { appendFile, readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSiteSearch, type SiteSearch } from "../../scripts/lib/search/node-search.ts";
import { parseVocabulary } from "../../src/assets/search/spelling-vocabulary.ts";
import { buildSearchFixture } from "../helpers/search-fixture.ts";
import { runScript } from "../helpers/site.ts";

let fixture: Awaited<ReturnType<typeof buildSearchFixture>>;
let search: SiteSearch;
const urls = async (q: Parameters<SiteSearch["search"]>[0]) => (await search.search(q)).hits.map((h) => h.url);

beforeAll(async () => {
  fixture = await buildSearchFixture();
  search = await openSiteSearch(fixture.out);
});
afterAll(() => fixture.cleanup());

describe("the search index of a built site", () => {
  it("ranks a headline match above an article that only repeats the word in its body", async () => {
    expect(await urls({ query: "gull" })).toEqual(["/2025/02/01/gull-census/", "/2025/02/02/harbour-diary/"]);
  });

  it("indexes the summary, and not the section kicker, byline, tags list, rails or next-story box", async () => {
    expect(await urls({ query: "dredging" })).toEqual(["/2025/03/10/harbour-tariffs/"]);
    // "Reporter" is only in bylines; "Short and fits" only in the Latest rail; "Ships calling" leads the Next box of other pages.
    expect((await search.search({ query: "reporter" })).total).toBe(0);
    expect((await search.search({ query: "fits" })).total).toBe(0);
    expect(await urls({ query: "dredging ships" })).toEqual(["/2025/03/10/harbour-tariffs/"]);
  });

  it("leaves out the articles holding a word typed with a minus, and keeps it in the spelling it suggests", async () => {
    expect(await urls({ query: "gull -census" })).toEqual(["/2025/02/02/harbour-diary/"]);
    expect(await urls({ query: "gull -choir -cliffs" })).toEqual([]);
    // Alone, the minus is read as punctuation: there would be nothing left to search for.
    expect(await urls({ query: "-census" })).toEqual(["/2025/02/01/gull-census/"]);
    expect((await search.search({ query: "harbuor -census" })).suggestion).toBe("harbour -census");
  });

  it("gives each result its headline, date, section and image with alt text", async () => {
    const [census] = (await search.search({ query: "census" })).hits;
    expect(census?.meta).toMatchObject({
      title: "Gull census finds fewer birds on the cliffs",
      date: "1 February 2025",
      section: "World",
      image: "/images/gull.png",
      image_alt: "A herring gull on a harbour post",
    });
    const [tariffs] = (await search.search({ query: "tariffs" })).hits;
    expect(tariffs?.meta.image).toBeUndefined();
  });

  it("filters by section, author, tag and year, with counts", async () => {
    expect(await urls({ query: "gull", filters: { section: { any: ["Opinion"] } } })).toEqual(["/2025/02/02/harbour-diary/"]);
    expect(await urls({ query: null, filters: { author: { any: ["Ben Columnist"] } }, sort: "newest" })).toEqual([
      "/2025/03/10/harbour-tariffs/",
      "/2025/03/05/in-praise-of-timetables/",
      "/2025/02/01/gull-census/",
    ]);
    expect(await urls({ query: null, filters: { tag: { any: ["Labour", "Wildlife"] } }, sort: "newest" })).toEqual([
      "/2025/03/12/lighthouse-keepers-strike/",
      "/2025/02/01/gull-census/",
    ]);
    expect((await search.search({ query: null, filters: { year: { any: ["2025"] } } })).total).toBe(5);
    expect((await search.search({ query: null, filters: { year: { any: ["2024"] } } })).total).toBe(0);
    expect(await search.filters()).toEqual({
      section: { World: 3, Opinion: 2 },
      author: { "Ada Reporter": 3, "Ben Columnist": 3 },
      tag: { Coasts: 2, Labour: 1, Trade: 1, Transport: 1, Wildlife: 1 },
      year: { "2025": 5 },
    });
  });

  it("sorts by date, newest first, across every article", async () => {
    expect(await urls({ query: null, sort: "newest", limit: 10 })).toEqual([
      "/2025/03/12/lighthouse-keepers-strike/",
      "/2025/03/10/harbour-tariffs/",
      "/2025/03/05/in-praise-of-timetables/",
      "/2025/02/02/harbour-diary/",
      "/2025/02/01/gull-census/",
    ]);
    expect(await urls({ query: "gull", sort: "oldest" })).toEqual(["/2025/02/01/gull-census/", "/2025/02/02/harbour-diary/"]);
  });

  it("publishes the words two or more articles use, for spelling suggestions, and not each part's counts", async () => {
    const parts = JSON.parse(await readFile(path.join(fixture.out, "pagefind/parts.json"), "utf8")) as { spelling?: string };
    expect(parts.spelling).toMatch(/^\/pagefind\/spelling\/[0-9a-f]{16}\.txt$/);
    const words = parseVocabulary(await readFile(path.join(fixture.out, parts.spelling ?? ""), "utf8"));
    expect(words).toContain("harbour");
    expect(words).toContain("boats");
    // Used by one article alone (the harbour tariffs story's standfirst).
    expect(words).not.toContain("dredging");
    const published = await readdir(fixture.out, { recursive: true });
    expect(published.filter((f) => f.endsWith("words.json"))).toEqual([]);
  });

  it("never finds drafts or scheduled articles", async () => {
    expect((await search.search({ query: "zeppelinsecretword" })).total).toBe(0);
    expect((await search.search({ query: "futuresecretword" })).total).toBe(0);
    expect((await search.search({ query: null, filters: {} })).total).toBe(5);
  });
});

describe("npm run search", () => {
  const cli = (...args: string[]) => runScript("search.ts", [...args, "--dir", fixture.out, "--content", fixture.root]);

  it("prints a readable table: headline, date, URL and excerpt, without markup", async () => {
    const { code, stdout } = await cli("gull");
    expect(code).toBe(0);
    expect(stdout).toContain("2 articles match “gull”; showing 2.");
    // The excerpt is the body's, never the headline again.
    expect(stdout).toMatch(
      /1 {2}1 February 2025 {2}Gull census finds fewer birds on the cliffs\n {3}\/2025\/02\/01\/gull-census\/\n {3}Volunteers counted nesting pairs/,
    );
    expect(stdout).not.toContain("<mark>");
    expect(stdout).not.toContain("\x1b[");
  });

  it("takes filters as ids and slugs, sorts by date and limits, as JSON", async () => {
    const { code, stdout } = await cli("--author", "ben", "--sort", "date", "--limit", "2", "--json");
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as {
      total: number;
      filters: unknown;
      results: { url: string; date: string; section: string; excerpt: string }[];
    };
    expect(json.total).toBe(3);
    expect(json.filters).toEqual({ author: ["Ben Columnist"] });
    expect(json.results.map((r) => r.url)).toEqual(["/2025/03/10/harbour-tariffs/", "/2025/03/05/in-praise-of-timetables/"]);
    expect(json.results[0]).toMatchObject({ date: "10 March 2025", section: "World" });
    const tagged = JSON.parse((await cli("harbour", "--tag", "wildlife", "--section", "world", "--year", "2025", "--json")).stdout) as {
      results: { url: string; image?: unknown }[];
    };
    expect(tagged.results).toEqual([
      expect.objectContaining({
        url: "/2025/02/01/gull-census/",
        image: { src: "/images/gull.png", alt: "A herring gull on a harbour post" },
      }),
    ]);
  });

  it("takes punctuation alone for no query: nothing to search, or the filters' articles by date", async () => {
    const bare = await cli("(*)");
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("Nothing to search for: “(*)” holds no word to search;");
    const filtered = JSON.parse((await cli("(*)", "--author", "ben", "--json")).stdout) as { query: string; sort: string; total: number };
    expect(filtered).toMatchObject({ query: "", sort: "date", total: 3 });
  });

  it("suggests the spelling the articles use when nothing matches a word", async () => {
    const typo = await cli("harbuor");
    expect(typo.code).toBe(0);
    expect(typo.stdout).toContain("No articles match “harbuor”. Did you mean “harbour”?");
    expect(JSON.parse((await cli("harbuor", "--json")).stdout)).toMatchObject({ total: 0, suggestion: "harbour" });
    // Each word no page holds is replaced when there is a near one; the others stay as typed.
    expect(JSON.parse((await cli("quagga", "harbuor", "--json")).stdout)).toMatchObject({ total: 0, suggestion: "quagga harbour" });
    const nonsense = await cli("qxzvw");
    expect(nonsense.stdout.trim()).toBe("No articles match “qxzvw”.");
  });

  it("mends a typo in a word's first letters, from the words the articles use", async () => {
    for (const typo of ["jarbour", "ahrbour"])
      expect(JSON.parse((await cli(typo, "--json")).stdout), typo).toMatchObject({ total: 0, suggestion: "harbour" });
    expect(JSON.parse((await cli("quagga", "bpats", "--json")).stdout)).toMatchObject({ suggestion: "quagga boats" });
  });

  it("suggests the spelling too when pages were found only by a shorter word starting the one typed, not for a word still being typed", async () => {
    // Pagefind finds "lighthuose" by "light"; the pages say "lighthouse".
    const typo = await cli("lighthuose");
    expect(typo.stdout).toMatch(/^\d+ articles? match(es)? “lighthuose”; showing \d+\. Did you mean “lighthouse”\?/);
    expect(JSON.parse((await cli("keepers", "lighthuose", "--json")).stdout)).toMatchObject({ suggestion: "keepers lighthouse" });
    for (const words of [["lighthouse"], ["lighth"], ["keepers", "light"]]) {
      const result = JSON.parse((await cli(...words, "--json")).stdout) as { total: number; suggestion?: string };
      expect(result.total, words.join(" ")).toBeGreaterThan(0);
      expect(result.suggestion, words.join(" ")).toBeUndefined();
    }
  });

  it("names an unknown filter value and suggests the right one", async () => {
    const { code, stderr } = await cli("gull", "--tag", "wildlfe");
    expect(code).toBe(2);
    expect(stderr).toContain("--tag wildlfe: no such tag (did you mean wildlife?)");
  });

  it("says to build first when there is no index, or the content changed since the build", async () => {
    const missing = await runScript("search.ts", ["gull", "--dir", path.join(fixture.root, "no-site"), "--content", fixture.root]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/No search index in .*no-site\. Run `npm run build` first\./);

    const article = path.join(fixture.root, "src/articles/2025-02-02-harbour-diary.md");
    await appendFile(article, "\nA late correction.\n");
    const stale = await cli("gull");
    expect(stale.code).toBe(2);
    expect(stale.stderr).toContain("is stale");
    expect(stale.stderr).toContain("src/articles/2025-02-02-harbour-diary.md");
    expect(stale.stderr).toContain("Run `npm run build` first.");
    await rm(article);
    expect((await cli("gull")).stderr).toContain("is stale");
  });
});
