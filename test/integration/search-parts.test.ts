/**
 * A search index built in parts must search like one index: the fixture's 12
 * published articles are built once as one index and once in parts of at
 * most 4 (cut by period: six parts), and every search a reader can make is
 * compared.
 */
import { access, appendFile, readFile, readdir, readlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRuntime, openSiteSearch, watchIndexReads, type SearchQuery, type SiteSearch } from "../../scripts/lib/search/node-search.ts";
import { measureFirstQuery } from "../../scripts/lib/bench/site-metrics.ts";
import type { OfflineManifest } from "../../src/assets/offline/offline-caches.ts";
import { Archive, ArchiveSearch, mergeOrder, searchArchive } from "../../src/assets/search/archive-search.ts";
import { INDEX_OPTIONS } from "../../src/assets/search/index-format.ts";
import { PartedIndex, type SearchPartsFile } from "../../src/assets/search/index-parts.ts";
import { parseQuery } from "../../src/assets/search/query.ts";
import { build, fixturePool, runScript, type Fixture, type RunResult } from "../helpers/site.ts";
import { eventually } from "../helpers/eventually.ts";

const pool = fixturePool();
let whole: Fixture;
let parted: Fixture;
/** The fixture and eleven newer articles about the tide, in parts of at most 12 (size 8): part 1 holds a page of results for "tide". */
let paged: Fixture;
let partedBuild: RunResult;
let one: SiteSearch;
let parts: SiteSearch;
/** The parted build's list of parts, and the folder of its `n`th part (part 1 is /pagefind/). */
let list: SearchPartsFile;
const part = (n: number) => (n === 1 ? "/pagefind/" : (list.parts[n - 2] ?? ""));

async function addTideTables(root: string): Promise<void> {
  for (let day = 21; day <= 31; day++)
    await writeFile(
      path.join(root, `src/articles/2025-03-${day}-tide-table-${day}.md`),
      `---\ntitle: Tide table for ${day} March\ndate: 2025-03-${day}\nsection: world\nauthors: ben\n---\n\nHigh tide at the harbour mouth, day ${day}.\n`,
    );
}

beforeAll(async () => {
  [whole, parted, paged] = await Promise.all([pool.fixture(), pool.fixture(), pool.fixture()]);
  await appendFile(path.join(parted.root, "_data/site.yaml"), "\nsearchPartitionSize: 2\n");
  await appendFile(path.join(paged.root, "_data/site.yaml"), "\nsearchPartitionSize: 8\n");
  await addTideTables(paged.root);
  const [wholeBuild, partedRun, pagedBuild] = await Promise.all([
    build(whole.root, whole.out),
    build(parted.root, parted.out),
    build(paged.root, paged.out),
  ]);
  expect(wholeBuild.code, wholeBuild.stderr).toBe(0);
  expect(partedRun.code, partedRun.stderr).toBe(0);
  expect(pagedBuild.code, pagedBuild.stderr).toBe(0);
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
  it("is written newest first in parts of at most half as many again as searchPartitionSize, named for their periods, older parts holding only index files", async () => {
    expect(partedBuild.stdout).toMatch(/12 pages indexed/);
    expect(partedBuild.stdout).toContain("in 6 parts");
    expect(list.parts).toEqual([
      "/pagefind/parts/2025-03-09_2025-03-16/",
      "/pagefind/parts/2025-03-01_2025-03-08/",
      "/pagefind/parts/2025-02/",
      "/pagefind/parts/2025-01/",
      "/pagefind/parts/2000-2024/",
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
    expect((await parts.search({ query: null, sort: "oldest", limit: 4 })).hits.map((h) => h.url)).toEqual([
      "/2024/11/18/storm-surge-floods-lower-harbour/",
      "/2024/12/02/why-the-winter-gales-came-early/",
      "/2025/01/14/the-ferry-timetable-deserves-a-vote/",
      "/2025/01/28/fish-auction-moves-to-a-new-hall/",
    ]);
  });

  it("finds the same articles for words as one index, however the words are spread over the parts", async () => {
    // "gales" is in one part only; "zzzqqq" is in none, so it is left out, as one index leaves it out;
    // most parts have no "timetable", which Pagefind alone would answer there with "time".
    for (const query of ["harbour", "light", "the", "storm gales", "storm zzzqqq", "lighthouse keepers", "timetable", "tariffs rise"]) {
      const r = await both({ query });
      expect(r.parts.total, query).toBe(r.one.total);
      expect(r.one.total, query).toBeGreaterThan(0);
      // Pagefind weighs a page's length against its part's average, so the order may differ where scores are close.
      expect([...r.parts.urls].sort(), query).toEqual([...r.one.urls].sort());
    }
    expect((await both({ query: "timetable" })).parts.urls.sort()).toEqual([
      "/2025/01/14/the-ferry-timetable-deserves-a-vote/",
      "/2025/03/05/in-praise-of-timetables/",
    ]);
  });

  it("ranks a phrase first in parts as in one index", async () => {
    for (const query of ["harbour tariffs", "lighthouse keepers", "storm surge"]) {
      const r = await both({ query });
      expect(r.parts.urls[0], query).toBe(r.one.urls[0]);
    }
  });

  it("sorts by date across parts exactly as one index, with and without words and filters", async () => {
    const queries: SearchQuery[] = [
      { query: null, sort: "newest" },
      { query: "the", sort: "newest" },
      { query: "the", sort: "oldest" },
      { query: "harbour", sort: "newest", filters: { section: { any: ["World", "Opinion"] } } },
      { query: null, sort: "newest", filters: { tag: { any: ["Coasts"] } } },
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
        const r = await both({ query: null, filters: { [key]: { any: [value] } }, sort: "newest" });
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
    const linked = path.basename(await readlink(failing.out));
    await eventually(async () => expect(await readdir(builds)).toEqual([linked]));
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
    const { pf, file, options } = await loadRuntime(parted.out, { ...INDEX_OPTIONS, baseUrl: "/" });
    const reads: string[] = [];
    const stop = watchIndexReads((url) => reads.push(url.pathname.slice(url.pathname.indexOf("/pagefind/"))));
    const index = await PartedIndex.open(pf, file, options);
    return { archive: new Archive(index), index, reads, stop };
  };
  const paths = async (search: ArchiveSearch) =>
    // The page's links carry the searched words (`?highlight=`); the article is the path.
    Promise.all(search.results().pages.map(async (p) => new URL((await p.data()).url, "http://x").pathname));
  const fromPart = (n: number) => (file: string) => file.startsWith(part(n));

  it("shows first results from part 1 alone when it holds a page of them, reading filter values only when their counts are shown", async () => {
    const closed = await measureFirstQuery(paged.out, "tide");
    const files = closed.files.map((f) => f.file);
    expect(files.slice(0, 3)).toEqual(["pagefind.js", "pagefind-worker.js", "parts.json"]);
    expect(files.some((f) => f.startsWith("parts/"))).toBe(false);
    expect(files.some((f) => f.startsWith("filter/"))).toBe(false);
    expect(closed.firstParts).toBe(1);
    expect(closed.results).toBeGreaterThanOrEqual(11);
    // Then every part: the count is the whole archive's ("Tide gauges…" is in part 2).
    const pagedParts = JSON.parse(await readFile(path.join(paged.out, "pagefind/parts.json"), "utf8")) as SearchPartsFile;
    expect(closed.parts).toBe(pagedParts.parts.length + 1);
    expect(closed.total).toBe((await (await openSiteSearch(paged.out)).search({ query: "tide" })).total);
    expect(closed.total).toBeGreaterThan(closed.results);
    expect(closed.allParts.files.some((f) => f.file.startsWith(`${(pagedParts.parts[0] ?? "").replace("/pagefind/", "")}index/`))).toBe(
      true,
    );
    expect(closed.allParts.bytesGz).toBeGreaterThan(closed.bytesGz);
    for (const f of closed.files) expect(f.bytesGz).toBeLessThanOrEqual(f.bytes);

    const open = await measureFirstQuery(paged.out, "tide", { filtersOpen: true });
    expect(open.files.some((f) => f.file.startsWith("filter/"))).toBe(true);
    expect(open.files.some((f) => f.file.startsWith("parts/"))).toBe(false);
    expect(open.bytesGz).toBeGreaterThan(closed.bytesGz);
  });

  it("waits for older parts when part 1 holds less than a page of results", async () => {
    // "storm" is only in the oldest part.
    const first = await measureFirstQuery(parted.out, "storm");
    expect(first.firstParts).toBe(list.parts.length + 1);
    expect(first.results).toBe(first.total);
  });

  it("searches the whole archive without being asked, part after part, ending with one index's results", async () => {
    const { archive, index, reads, stop } = await openAsPage();
    try {
      const search = new ArchiveSearch(archive, { query: parseQuery("the"), filters: {}, sort: "newest" });
      const steps: string[][] = [];
      await searchArchive(search, async () => void steps.push(await paths(search)));
      expect(index.complete).toBe(true);
      expect(reads.some(fromPart(2)) && reads.some(fromPart(6))).toBe(true);
      // Newest first, each part's results follow the ones before (part 1 holds one article).
      expect(steps[0]).toHaveLength(1);
      for (let i = 1; i < steps.length; i++) expect(steps[i]?.slice(0, steps[i - 1]?.length)).toEqual(steps[i - 1]);
      const whole = await one.search({ query: "the", sort: "newest", limit: 100 });
      expect(steps.at(-1)).toEqual(whole.hits.map((h) => h.url));
    } finally {
      stop();
    }
  });

  it("gives the page's module, searching part after part, the terminal's order once every part is in", async () => {
    for (const query of ["harbour", "the ferry timetable", "lighthouse keepers strike", '"harbour wall"', "storm harbour", "of the"]) {
      const { archive, stop } = await openAsPage();
      try {
        const search = new ArchiveSearch(archive, { query: parseQuery(query), filters: {}, sort: "relevance" });
        await searchArchive(search, () => {});
        const cli = (await parts.search({ query, limit: 100 })).hits.map((h) => h.url);
        expect(cli.length, query).toBeGreaterThan(0);
        expect(await paths(search), query).toEqual(cli);
      } finally {
        stop();
      }
    }
  });

  it("keeps the results a reader has seen in their places as better ones arrive from older parts", async () => {
    const { archive } = await openAsPage();
    const search = new ArchiveSearch(archive, { query: parseQuery("storm harbour"), filters: {}, sort: "relevance" });
    let shown: string[] | undefined;
    await searchArchive(search, () => {
      const ids = search.results().pages.map((p) => p.id);
      // The first step's top result is what the reader has in view.
      shown = shown ? mergeOrder(shown.slice(0, 1), ids) : ids;
    });
    const final = search.results().pages.map((p) => p.id);
    expect(new Set(shown)).toEqual(new Set(final));
    expect(shown?.slice(1)).toEqual(final.filter((id) => id !== shown?.[0]));
  });

  it("counts filter values over the pages found, loading each part's values once asked", async () => {
    const { archive, index, reads, stop } = await openAsPage();
    try {
      const search = new ArchiveSearch(archive, { query: parseQuery("the"), filters: {}, sort: "relevance" });
      await search.searchOpenParts();
      expect(reads.some((f) => f.includes("/filter/"))).toBe(false);
      await archive.loadFilters();
      const articles = (counts: Record<string, Record<string, number>>) => Object.values(counts.section ?? {}).reduce((a, b) => a + b, 0);
      expect(articles(search.filterCounts())).toBe(1);
      await searchArchive(search, () => {});
      expect(reads.some((f) => f.startsWith(`${part(2)}filter/`))).toBe(true);
      expect(search.filterCounts()).toEqual(await index.filters());
      const world = new ArchiveSearch(archive, { query: parseQuery("the"), filters: { section: { any: ["World"] } }, sort: "relevance" });
      await searchArchive(world, () => {});
      expect(world.results().pages).toHaveLength((await index.filters()).section?.World ?? -1);
      expect(await index.filters()).toEqual(await one.filters());
    } finally {
      stop();
    }
  });
});
