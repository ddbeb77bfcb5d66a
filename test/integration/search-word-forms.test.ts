/**
 * Search ranks the word the reader typed above other words Pagefind matches
 * for it: longer words starting like it ("Korean" for "korea"), from the
 * index alone, and words that only share its stem ("detention" for
 * "détente"), on the first page of results once their text is read; and
 * that a word no page holds finds nothing rather than every page holding a
 * short word that starts it.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCacheFolder } from "../../scripts/lib/content/content-files.ts";
import { loadRuntime, openSiteSearch, type SiteSearch } from "../../scripts/lib/search/node-search.ts";
import { Archive, ArchiveSearch, searchArchive } from "../../src/assets/search/archive-search.ts";
import { INDEX_OPTIONS, PAGE_SIZE } from "../../src/assets/search/index-format.ts";
import { PartedIndex } from "../../src/assets/search/index-parts.ts";
import { parseQuery } from "../../src/assets/search/query.ts";
import { build, fixturePool, type Fixture } from "../helpers/site.ts";

const pool = fixturePool();
let site: Fixture;
let search: SiteSearch;

const ARTICLES: Record<string, { title: string; body: string }> = {
  "2025-03-21-shipyard-orders": {
    title: "Shipyard orders from abroad",
    body: "Korean buyers signed for two ferries bound for Korea. Korean engineers will inspect the hulls, Korean crews will sail them home, and a Korean bank pays.",
  },
  "2025-03-22-fish-exports": {
    title: "Fish exports find a new market",
    body: "The first crates of smoked herring left for Korea on Friday, after a year of talks between the co-operative and its buyers. Korea now takes a third of the catch.",
  },
  "2025-03-23-detention-of-trawler": {
    title: "Trawler held in port",
    body: "The detention of the trawler entered its second week. Its owners call the detention unlawful; the harbour master says the detention will last until the fines are paid.",
  },
  "2025-03-25-ferry-timetable": {
    title: "Winter timetable for the island ferries",
    body: "From Monday the ferries go out at dawn and come back at dusk, and the Sunday boat will not go at all until March.",
  },
  "2025-03-26-harbour-board": {
    title: "Harbour board election",
    body: "The new electric cranes stood idle all week while the board argued over the electrician's contract and the cost of electricity.",
  },
  "2025-03-24-quota-talks": {
    title: "Quota talks end in a truce",
    body: "After a winter of angry letters the two fleets reached a kind of détente over the northern grounds, and the patrol boats went home.",
  },
};

/** Twenty-two more pages of the other word of the stem, each saying it more often than the page with the word typed says that. */
for (let day = 1; day <= 22; day++)
  ARTICLES[`2025-02-${String(day).padStart(2, "0")}-detention-notice`] = {
    title: `Detention notice ${day}`,
    body: "A detention notice was served on a second vessel. Detention orders of this kind run for a week; the detention costs the owners a fortnight's catch.",
  };

beforeAll(async () => {
  site = await pool.fixture();
  for (const [name, { title, body }] of Object.entries(ARTICLES))
    await writeFile(
      path.join(site.root, "src/articles", `${name}.md`),
      `---\ntitle: ${title}\ndate: ${name.slice(0, 10)}\nsection: world\nauthors: ada\n---\n\n${body}\n`,
    );
  const run = await build(site.root, site.out);
  expect(run.code, run.stderr).toBe(0);
  search = await openSiteSearch(site.out);
}, 120_000);
afterAll(() => pool.cleanup());

const titles = async (query: string) => (await search.search({ query })).hits.map((h) => h.title);

/** Headlines in the ranking's own order, before any page's text is read. */
async function ranked(query: string): Promise<(string | undefined)[]> {
  const { pf, file, options } = await loadRuntime(site.out, { ...INDEX_OPTIONS, baseUrl: "/" });
  const index = await PartedIndex.open(pf, file, options);
  const found = new ArchiveSearch(new Archive(index), { query: parseQuery(query), filters: {}, sort: "relevance" });
  await searchArchive(found, () => {});
  return Promise.all(found.results().pages.map(async (p) => (await p.data()).meta.title));
}

describe("the word as typed", () => {
  it("outranks longer words starting like it in the ranking itself, before any page's text is read", async () => {
    // Both pages hold "Korea"; one also says "Korean" four times, which must not count as four more "Korea"s.
    expect((await ranked("korea"))[0]).toBe("Fish exports find a new market");
  });

  it("comes first on the first page of results when the index cannot tell it from words of the same stem", async () => {
    // Twenty-three pages say "detention" more often: the ranking puts the page saying "détente" past the first two pages, none of which holds it.
    expect((await ranked("detente")).indexOf("Quota talks end in a truce")).toBeGreaterThanOrEqual(2 * PAGE_SIZE);
    expect((await titles("detente"))[0]).toBe("Quota talks end in a truce");
    expect(await titles("détente")).toEqual(await titles("detente"));
    // The other word still matches: it is found, after the one typed.
    const all = await search.search({ query: "detente", limit: 30 });
    expect(all.total).toBe(24);
    expect(all.hits.map((h) => h.title)).toContain("Trawler held in port");
    expect((await titles("detention"))[0]).not.toBe("Quota talks end in a truce");
  });

  it("is the only word marked in an excerpt, and the only one that picks the passage", async () => {
    const marks = async (query: string, title: string) => {
      const hit = (await search.search({ query })).hits.find((h) => h.title === title);
      expect(hit, title).toBeDefined();
      return hit?.excerpt.filter((p) => p.mark).map((p) => p.text);
    };
    expect(await marks("korea", "Shipyard orders from abroad")).toEqual(["Korea"]);
    // Only the headline says "election": the body is shown from its start, with "electric" and the rest unmarked.
    expect(await marks("election", "Harbour board election")).toEqual([]);
  });

  it("keeps the ranking's order when sorting by date", async () => {
    const oldest = (await search.search({ query: "detente", sort: "oldest", limit: 30 })).hits.map((h) => h.title);
    expect(oldest.slice(-2)).toEqual(["Trawler held in port", "Quota talks end in a truce"]);
  });
});

describe("a word no page holds", () => {
  it("finds nothing, rather than the pages holding a short word that starts it", async () => {
    // Pagefind matches "gorbachov" by "go", the longest word its index holds that starts it.
    expect(await ranked("gorbachov")).toContain("Winter timetable for the island ferries");
    expect(await titles("gorbachov")).toEqual([]);
    expect((await search.search({ query: "gorbachov" })).total).toBe(0);
    expect((await search.search({ query: "gorbachov", sort: "newest" })).total).toBe(0);
  });

  it("is left out of a longer query, as a word nowhere in the index is", async () => {
    expect((await titles("gorbachov ferries")).sort()).toEqual((await titles("ferries")).sort());
    expect((await titles("ferries")).length).toBeGreaterThan(0);
  });

  it("still finds a word it starts, or one sharing most of its start", async () => {
    expect((await titles("ferr")).sort()).toEqual((await titles("ferries")).sort());
    expect((await titles("timetablez")).sort()).toEqual((await titles("timetable")).sort());
    expect(await titles("timetablez")).toContain("Winter timetable for the island ferries");
  });
});

describe("a site in Japanese", () => {
  let japanese: SiteSearch;
  let japaneseSite: Fixture;
  beforeAll(async () => {
    japaneseSite = await pool.fixture();
    const site = japaneseSite;
    const settings = path.join(site.root, "_data/site.yaml");
    await writeFile(
      settings,
      (await readFile(settings, "utf8")).replace(/^language: .*$/m, "language: ja").replace(/^locale: .*$/m, "locale: ja-JP"),
    );
    const article = (name: string, title: string, body: string) =>
      writeFile(
        path.join(site.root, "src/articles", `${name}.md`),
        `---\ntitle: ${title}\ndate: ${name.slice(0, 10)}\nsection: world\nauthors: ada\n---\n\n${body}\n`,
      );
    await article(
      "2025-03-21-gas-prices",
      "ガス料金の値上げ",
      "ガス料金が来月から上がる。がっこうの給食も値上げになる。カスタードの値段は変わらない。",
    );
    await article("2025-03-22-sake-lees", "酒造りの話", "酒のカスを畑の肥料にする農家が増えている。");
    const run = await build(site.root, site.out);
    expect(run.code, run.stderr).toBe(0);
    japanese = await openSiteSearch(site.out);
  }, 120_000);

  it("keeps the kana's voicing marks: gas is not dregs, nor school appearance", async () => {
    const found = async (query: string) => (await japanese.search({ query })).hits.map((h) => h.title);
    expect(await found("ガス")).toEqual(["ガス料金の値上げ"]);
    expect(await found("がっこう")).toEqual(["ガス料金の値上げ"]);
    expect(await found("カスタード")).toEqual(["ガス料金の値上げ"]);
    expect(await found("肥料")).toEqual(["酒造りの話"]);
  });

  it("shows the body's sentence holding the words, marked, though the text has no spaces to count Pagefind's positions by", async () => {
    const [hit] = (await japanese.search({ query: "給食" })).hits;
    const text = hit?.excerpt.map((p) => p.text).join("") ?? "";
    expect(text).toMatch(/^がっこうの給食も値上げになる。/);
    expect(hit?.excerpt.filter((p) => p.mark).map((p) => p.text)).toEqual(["給食"]);
  });

  it("gets no spelling vocabulary, and its parts' words are not counted for one", async () => {
    const parts = JSON.parse(await readFile(path.join(japaneseSite.out, "pagefind/parts.json"), "utf8")) as Record<string, unknown>;
    expect(parts).not.toHaveProperty("spelling");
    const cache = buildCacheFolder(japaneseSite.root, "search-index");
    const bundles = await readdir(cache);
    expect(bundles.length).toBeGreaterThan(0);
    for (const bundle of bundles) expect(await readdir(path.join(cache, bundle))).not.toContain("words.json");
  });
});
