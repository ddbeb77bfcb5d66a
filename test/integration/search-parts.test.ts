/**
 * A search index built in parts must search like one index: the fixture's 12
 * published articles are built once as one index and once in parts of at
 * most 4 (cut by period: six parts), and every search a reader can make is
 * compared.
 */
import { access, appendFile, readFile, readdir, readlink } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRuntime, openSiteSearch, watchIndexReads, type SearchQuery, type SiteSearch } from "../../scripts/lib/search/node-search.ts";
import { measureFirstQuery } from "../../scripts/lib/bench/site-metrics.ts";
import type { OfflineManifest } from "../../src/assets/offline/offline-caches.ts";
import { PAGE_OPTIONS, PartedIndex, searchPage, type SearchPartsFile } from "../../src/assets/search/index-parts.ts";
import { build, fixturePool, runScript, type Fixture, type RunResult } from "../helpers/site.ts";

const pool = fixturePool();
let whole: Fixture;
let parted: Fixture;
let partedBuild: RunResult;
let one: SiteSearch;
let parts: SiteSearch;
/** The parted build's list of parts, and the folder of its `n`th part (part 1 is /pagefind/). */
let list: SearchPartsFile;
const part = (n: number) => (n === 1 ? "/pagefind/" : (list.parts[n - 2] ?? ""));

beforeAll(async () => {
  [whole, parted] = await Promise.all([pool.fixture(), pool.fixture()]);
  await appendFile(path.join(parted.root, "_data/site.yaml"), "\nsearchPartitionSize: 4\n");
  const [wholeBuild, partedRun] = await Promise.all([build(whole.root, whole.out), build(parted.root, parted.out)]);
  expect(wholeBuild.code, wholeBuild.stderr).toBe(0);
  expect(partedRun.code, partedRun.stderr).toBe(0);
  partedBuild = partedRun;
  [one, parts] = await Promise.all([openSiteSearch(whole.out), openSiteSearch(parted.out)]);
  list = JSON.parse(await readFile(path.join(parted.out, "pagefind/parts.json"), "utf8")) as SearchPartsFile;
}, 120_000);
afterAll(() => pool.cleanup());

const readJson = async <T>(file: string) => JSON.parse(await readFile(file, "utf8")) as T;
const both = async (q: SearchQuery) => {
  const [a, b] = await Promise.all([one.search({ limit: 100, ...q }), parts.search({ limit: 100, ...q })]);
  return { one: { total: a.total, urls: a.hits.map((h) => h.url) }, parts: { total: b.total, urls: b.hits.map((h) => h.url) } };
};

describe("a search index in parts", () => {
  it("is written newest first in parts of at most searchPartitionSize, named for their periods, older parts holding only index files", async () => {
    expect(partedBuild.stdout).toMatch(/12 pages indexed/);
    expect(partedBuild.stdout).toContain("in 6 parts");
    expect(list.parts).toEqual([
      "/pagefind/parts/2025-03-08_2025-03-15/",
      "/pagefind/parts/2025-03-01_2025-03-07/",
      "/pagefind/parts/2025-02/",
      "/pagefind/parts/2025-01/",
      "/pagefind/parts/2022-2024/",
    ]);
    // What the search page tells a reader about parts it has not searched yet: their size and dates.
    expect(list.info?.map((p) => p.path)).toEqual(["/pagefind/", ...list.parts]);
    expect(list.info?.map((p) => p.pages)).toEqual([1, 3, 2, 2, 2, 2]);
    const days = list.info?.flatMap((p) => [p.newest, p.oldest]) ?? [];
    expect(days.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
    expect([...days].sort().reverse()).toEqual(days);
    expect(await readJson(path.join(whole.out, "pagefind/parts.json"))).toMatchObject({
      parts: [],
      info: [{ path: "/pagefind/", pages: 12 }],
    });
    await expect(access(path.join(whole.out, "pagefind/parts"))).rejects.toThrow();
    const last = (await readdir(path.join(parted.out, part(6)))).sort();
    expect(last.filter((f) => !f.endsWith(".pf_meta"))).toEqual(["filter", "fragment", "index", "pagefind-entry.json"]);
    // The two oldest published articles, of 2024, are in the last part.
    const entry = await readJson<{ languages: Record<string, { page_count: number }> }>(
      path.join(parted.out, part(6), "pagefind-entry.json"),
    );
    expect(Object.values(entry.languages)[0]?.page_count).toBe(2);
    expect((await parts.search({ query: null, sort: { date: "asc" }, limit: 4 })).hits.map((h) => h.url)).toEqual([
      "/2024/11/18/storm-surge-floods-lower-harbour/",
      "/2024/12/02/why-the-winter-gales-came-early/",
      "/2025/01/14/the-ferry-timetable-deserves-a-vote/",
      "/2025/01/28/fish-auction-moves-to-a-new-hall/",
    ]);
  });

  it("finds the same articles for words as one index", async () => {
    // "storm gales": "gales" is in one part only; "zzzqqq" is in none, so it is ignored, as one index ignores it.
    for (const query of ["harbour", "light", "the", "storm gales", "storm zzzqqq", "lighthouse keepers"]) {
      const r = await both({ query });
      expect(r.parts.total, query).toBe(r.one.total);
      expect(r.one.total, query).toBeGreaterThan(0);
      // Relevance is scored per part (word rarity differs), so only the set is the same.
      expect([...r.parts.urls].sort(), query).toEqual([...r.one.urls].sort());
    }
  });

  it("may add near matches from a part that lacks a word (Pagefind's fallback runs per part)", async () => {
    // Most parts have no "timetable", so Pagefind matches "time" there; one index holds the word and never falls back.
    const r = await both({ query: "timetable" });
    expect(r.one.urls.sort()).toEqual(["/2025/01/14/the-ferry-timetable-deserves-a-vote/", "/2025/03/05/in-praise-of-timetables/"]);
    expect(r.parts.urls).toEqual(expect.arrayContaining(r.one.urls));
  });

  it("sorts by date across parts exactly as one index, with and without words and filters", async () => {
    const queries: SearchQuery[] = [
      { query: null, sort: { date: "desc" } },
      { query: "the", sort: { date: "desc" } },
      { query: "the", sort: { date: "asc" } },
      { query: "harbour", sort: { date: "desc" }, filters: { section: { any: ["World", "Opinion"] } } },
      { query: null, sort: { date: "desc" }, filters: { tag: "Coasts" } },
    ];
    for (const q of queries) {
      const r = await both(q);
      expect(r.parts.urls.length, JSON.stringify(q)).toBeGreaterThan(1);
      expect(r.parts, JSON.stringify(q)).toEqual(r.one);
    }
  });

  it("counts every filter value as one index does, and filters to the same articles", async () => {
    const counts = await parts.filters();
    expect(counts).toEqual(await one.filters());
    expect(Object.keys(counts).sort()).toEqual(["author", "section", "tag", "year"]);
    for (const [key, values] of Object.entries(counts)) {
      for (const [value, count] of Object.entries(values)) {
        const r = await both({ query: null, filters: { [key]: value }, sort: { date: "desc" } });
        expect(r.parts.total, `${key}=${value}`).toBe(count);
        expect(r.parts, `${key}=${value}`).toEqual(r.one);
      }
    }
  });

  it("never finds drafts or scheduled articles", async () => {
    expect((await parts.search({ query: "zeppelinsecretword" })).total).toBe(0);
    expect((await parts.search({ query: "futuresecretword" })).total).toBe(0);
    expect((await parts.search({ query: null })).total).toBe(12);
  });

  it("is saved whole for offline search, each part's entry and metadata cached on the first visit", async () => {
    const manifest = await readJson<OfflineManifest>(path.join(parted.out, "pagefind/offline-manifest.json"));
    const urls = manifest.files.map((f) => f.url);
    for (const folder of list.parts) {
      expect(urls).toContain(`${folder}pagefind-entry.json`);
      expect(urls.some((u) => u.startsWith(`${folder}fragment/`))).toBe(true);
      expect(urls.some((u) => u.startsWith(`${folder}index/`))).toBe(true);
    }
    const worker = await readFile(path.join(parted.out, "sw.js"), "utf8");
    expect(worker).toContain("/pagefind/parts.json");
    expect(worker).toContain(`${part(6)}pagefind-entry.json`);
    expect(worker).toMatch(new RegExp(`${part(6)}pagefind\\.[^"]+\\.pf_meta`));
  });

  it("leaves the published site as it was when Pagefind fails on a part, with no work files behind", async () => {
    const failing = await pool.fixture();
    await appendFile(path.join(failing.root, "_data/site.yaml"), "\nsearchPartitionSize: 4\n");
    expect((await build(failing.root, failing.out)).code).toBe(0);
    const before = await readFile(path.join(failing.out, "pagefind/parts.json"), "utf8");
    // A Pagefind that cannot index: every part's run fails.
    const r = await build(failing.root, failing.out, { PAGEFIND_BINARY_PATH: "/bin/false" });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Pagefind could not index .* \(exit 1\)/);
    expect(r.stderr).toContain("The previous site, if any, was left as it was.");
    expect(await readFile(path.join(failing.out, "pagefind/parts.json"), "utf8")).toBe(before);
    // Beside the output: the published build's folder alone, no folder of the failed build.
    const builds = path.join(path.dirname(failing.out), "._site.builds");
    expect((await readdir(path.dirname(failing.out))).filter((name) => name.includes("_site")).sort()).toEqual(["._site.builds", "_site"]);
    expect(await readdir(builds)).toEqual([path.basename(await readlink(failing.out))]);
  });

  it("refuses a partition size that is not a positive whole number", async () => {
    const bad = await pool.fixture();
    await appendFile(path.join(bad.root, "_data/site.yaml"), "\nsearchPartitionSize: 0\n");
    const r = await runScript("check-content.ts", ["--content", bad.root]);
    expect(r.code).toBe(1);
    expect(r.stderr + r.stdout).toMatch(/_data\/site\.yaml: searchPartitionSize: .*expected/);
  });
});

describe("the search page on an index in parts", () => {
  /** The index as the search page opens it (part 1 only), and the index files it reads from then on. */
  const openAsPage = async () => {
    const { pf, file, options } = await loadRuntime(parted.out, { ...PAGE_OPTIONS, baseUrl: "/" });
    const reads: string[] = [];
    const stop = watchIndexReads((url) => reads.push(url.pathname.slice(url.pathname.indexOf("/pagefind/"))));
    const index = await PartedIndex.open(pf, file, options);
    return { index, reads, stop };
  };
  const urls = async (index: PartedIndex, query: string | null, sort?: Record<string, "asc" | "desc">) =>
    // The page's links carry the searched words (`?highlight=`); the article is the path.
    Promise.all(
      (await index.search(query, sort ? { sort } : {})).results.map(async (r) => new URL((await r.data()).url, "http://x").pathname),
    );
  const fromPart = (n: number) => (file: string) => file.startsWith(part(n));

  it("answers a first search from part 1 alone, reading filter values only when their counts are shown", async () => {
    const closed = await measureFirstQuery(parted.out, "harbour");
    const files = closed.files.map((f) => f.file);
    expect(files.slice(0, 3)).toEqual(["pagefind.js", "pagefind-worker.js", "parts.json"]);
    expect(files.some((f) => f.startsWith("parts/"))).toBe(false);
    expect(files.some((f) => f.startsWith("filter/"))).toBe(false);
    expect(files.filter((f) => f.startsWith("index/"))).toHaveLength(1);
    // Part 1 holds the newest article alone; "harbour" is in more than that.
    expect(closed.results).toBeLessThan((await parts.search({ query: "harbour" })).total);
    for (const f of closed.files) expect(f.bytesGz).toBeLessThanOrEqual(f.bytes);

    const open = await measureFirstQuery(parted.out, "harbour", { filtersOpen: true });
    expect(open.files.some((f) => f.file.startsWith("filter/"))).toBe(true);
    expect(open.files.some((f) => f.file.startsWith("parts/"))).toBe(false);
    expect(open.bytesGz).toBeGreaterThan(closed.bytesGz);
  });

  it("adds each older part's results after those shown, in date order, ending with one index's list", async () => {
    const { index, reads, stop } = await openAsPage();
    try {
      const seen: string[][] = [await urls(index, "the", { date: "desc" })];
      for (let n = 2; n <= 6; n++) {
        expect(index.complete).toBe(false);
        expect(reads.some(fromPart(n))).toBe(false);
        await index.openNext();
        seen.push(await urls(index, "the", { date: "desc" }));
        expect(reads.some(fromPart(n))).toBe(true);
      }
      expect(index.complete).toBe(true);
      for (let i = 1; i < seen.length; i++) {
        expect(seen[i]?.length).toBeGreaterThan(seen[i - 1]?.length ?? 0);
        expect(seen[i]?.slice(0, seen[i - 1]?.length)).toEqual(seen[i - 1]);
      }
      const whole = await one.search({ query: "the", sort: { date: "desc" }, limit: 100 });
      expect(seen.at(-1)).toEqual(whole.hits.map((h) => h.url));
      // Relevance ranks within each part, parts newest first: the same articles as one index.
      expect((await urls(index, "storm gales")).sort()).toEqual(
        (await one.search({ query: "storm gales", limit: 100 })).hits.map((h) => h.url).sort(),
      );
    } finally {
      stop();
    }
  });

  it("counts filter values over the parts opened so far, loading each part's values once asked", async () => {
    const { index, reads, stop } = await openAsPage();
    try {
      const articles = (counts: Record<string, Record<string, number>>) => Object.values(counts.section ?? {}).reduce((a, b) => a + b, 0);
      await searchPage(index, "the", {}, { counts: false });
      expect(reads.some((f) => f.includes("/filter/"))).toBe(false);
      expect(articles(await index.filters())).toBe(1);
      expect(reads.filter((f) => f.includes("/filter/")).every((f) => f.startsWith("/pagefind/filter/"))).toBe(true);
      await index.openNext();
      expect(reads.some((f) => f.startsWith(`${part(2)}filter/`))).toBe(true);
      expect(articles(await index.filters())).toBe(4);
      const found = await index.search(null, { filters: { section: "World" }, sort: { date: "desc" } });
      expect(found.results).toHaveLength((await index.filters()).section?.World ?? -1);
      await index.openAll();
      expect(await index.filters()).toEqual(await one.filters());
    } finally {
      stop();
    }
  });
});
