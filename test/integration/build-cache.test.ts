/**
 * The build cache (`.cache/` in the content root): a rebuild reuses what did
 * not change, and its site is byte for byte the site a clean build of the same
 * content makes. Deleting the cache changes nothing but the time.
 */
import { existsSync, statSync } from "node:fs";
import { appendFile, cp, mkdtemp, readdir, readFile, rm, stat, truncate, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { siteDifferences } from "../helpers/compare-sites.ts";
import { build, fixturePool, type Fixture } from "../helpers/site.ts";
import type { PartInfo, SearchPartsFile } from "../../src/assets/search/index-parts.ts";

const pool = fixturePool();
afterAll(() => pool.cleanup());

let warm: Fixture;
const article = (title: string, date: string) =>
  `---\ntitle: ${title}\ndate: ${date}\nsection: world\nauthors: [ada]\ntags: [Coasts]\n---\n\nA new lead about ${title.toLowerCase()} and the harbour.\n`;

/** A clean build (no cache) of `warm`'s content (or `root`'s) as it is now, for comparison. */
async function cleanBuildOfSameContent(root = warm.root): Promise<string> {
  const clean = await pool.fixture();
  await rm(path.join(clean.root), { recursive: true, force: true });
  await cp(root, clean.root, { recursive: true, filter: (src) => path.basename(src) !== ".cache" });
  const result = await build(clean.root, clean.out);
  expect(result.code, result.stderr).toBe(0);
  return clean.out;
}

async function rebuild(env: NodeJS.ProcessEnv = {}): Promise<string> {
  const result = await build(warm.root, warm.out, env);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

beforeAll(async () => {
  warm = await pool.fixture();
  await appendFile(path.join(warm.root, "_data/site.yaml"), "\nsearchPartitionSize: 2\n");
  await rebuild();
}, 120_000);

describe("a rebuild with the build cache", () => {
  it("keeps its cache in one folder of the content root, never in the published site", async () => {
    expect(await readdir(path.join(warm.root, ".cache"))).toContain("search-index");
    expect(await readdir(warm.out)).not.toContain(".cache");
    // Nor what the cache keeps to check its entries: the search parts' manifests, the images' record.
    const published = (await readdir(warm.out, { recursive: true })).map((file) => path.basename(file));
    expect(published.filter((name) => [".manifest.json", ".finished.json"].includes(name))).toEqual([]);
    expect(await readdir(path.join(warm.root, ".cache", "images"))).toContain(".finished.json");
  });

  it("after an article is added, indexes only the part that received it, and equals a clean build", async () => {
    await writeFile(path.join(warm.root, "src/articles/2025-02-15-a-new-story.md"), article("A new story", "2025-02-15T09:00:00Z"));
    const stdout = await rebuild();
    expect(stdout).toMatch(/in 6 parts \(searchPartitionSize in _data\/site\.yaml\), 5 of them unchanged and taken from the build cache/);
    // Its page, its neighbours' and the lists it joins are rendered; the other article and list pages are the last build's.
    const [, rendered = 0, stored = 0] = /Pages: (\d+) rendered, (\d+) from the cache/.exec(stdout)?.map(Number) ?? [];
    expect(stored).toBeGreaterThan(0);
    expect(rendered).toBeGreaterThan(1);
    expect(await siteDifferences(warm.out, await cleanBuildOfSameContent())).toEqual([]);
  }, 60_000);

  it("after the Latest list changes, splices the new rail into the stored pages that show it, and equals a clean build", async () => {
    const teasers = path.join(warm.root, "_data/teasers.yaml");
    await writeFile(teasers, (await readFile(teasers, "utf8")).replace("latest:\n", 'latest:\n  - text: "Ferries run late tonight"\n'));
    // Spliced in runs of two pages, each weighed while the next is spliced.
    const stdout = await rebuild({ BROADSHEET_PAGES_PER_RUN: "2" });
    const [, stored = 0, spliced = 0] =
      /Pages: \d+ rendered, (\d+) from the cache \((\d+) of them with the new Latest rail spliced in\)/.exec(stdout)?.map(Number) ?? [];
    // The article pages that show the site's rail take the new one from a page rendered with it; the list pages are as they were.
    expect(spliced).toBeGreaterThan(2);
    expect(stored).toBeGreaterThan(spliced);
    expect(await siteDifferences(warm.out, await cleanBuildOfSameContent())).toEqual([]);
  }, 60_000);

  it("renders the pages again when the Latest list is emptied, and when it is filled again, and equals a clean build", async () => {
    const teasers = path.join(warm.root, "_data/teasers.yaml");
    const list = await readFile(teasers, "utf8");
    await writeFile(teasers, "latest: []\n");
    // No rail to splice in: the pages that showed one are rendered without it.
    expect(await rebuild()).not.toMatch(/spliced/);
    expect(await siteDifferences(warm.out, await cleanBuildOfSameContent())).toEqual([]);
    await writeFile(teasers, list);
    expect(await rebuild()).not.toMatch(/spliced/);
    expect(await siteDifferences(warm.out, await cleanBuildOfSameContent())).toEqual([]);
  }, 60_000);

  it("renders every page again when what every page shows changes, and equals a clean build", async () => {
    const settings = path.join(warm.root, "_data/site.yaml");
    await writeFile(settings, (await readFile(settings, "utf8")).replace(/^tagline: .*$/m, "tagline: Harbour news, every tide"));
    expect(await rebuild()).toMatch(/Pages: \d+ rendered, 0 from the cache/);
    expect(await siteDifferences(warm.out, await cleanBuildOfSameContent())).toEqual([]);
  }, 60_000);

  it("renders again a page rewritten in the published site, whose file the cache shares, and equals a clean build", async () => {
    const page = path.join(warm.out, "2025/02/15/a-new-story/index.html");
    await writeFile(page, (await readFile(page, "utf8")).replace("</body>", "<script>/* a post-processor */</script></body>"));
    const stdout = await rebuild();
    expect(stdout).toMatch(/Pages: [1-9]\d* rendered, [1-9]\d* from the cache/);
    expect(await siteDifferences(warm.out, await cleanBuildOfSameContent())).toEqual([]);
  }, 60_000);

  it("after an article is edited, and after one is deleted, equals a clean build", async () => {
    await appendFile(path.join(warm.root, "src/articles/2025-03-14-tide-gauges-to-be-replaced.md"), "\nA late paragraph about gauges.\n");
    expect(await rebuild()).toMatch(/5 of them unchanged/);
    expect(await siteDifferences(warm.out, await cleanBuildOfSameContent())).toEqual([]);
    await unlink(path.join(warm.root, "src/articles/2025-01-28-fish-auction-moves-to-a-new-hall.md"));
    expect(await rebuild()).toMatch(/5 of them unchanged/);
    expect(await siteDifferences(warm.out, await cleanBuildOfSameContent())).toEqual([]);
  }, 60_000);

  it("makes again what was damaged in the cache on disk, and equals a clean build", async () => {
    const cache = path.join(warm.root, ".cache");
    // Damaged in place, as a disk would: the published site's hard links to the cache see it too.
    const pack = path.join(cache, "articles", (await readdir(path.join(cache, "articles"))).find((n) => n.startsWith("pack-")) ?? "");
    const bodies = await readFile(pack);
    await writeFile(pack, bodies.subarray(0, bodies.length - 10));
    const card = path.join(cache, "cards", (await readdir(path.join(cache, "cards"))).sort()[0] ?? "");
    await truncate(card, 100);
    const part = path.join(cache, "search-index", (await readdir(path.join(cache, "search-index"))).sort()[0] ?? "");
    const fragments = path.join(part, "fragment");
    const fragment = path.join(fragments, (await readdir(fragments))[0] ?? "");
    const bytes = await readFile(fragment);
    await writeFile(fragment, Buffer.alloc(bytes.length));
    const images = path.join(cache, "images");
    const image = (await readdir(images)).find((name) => name.endsWith(".jpeg")) ?? "";
    await truncate(path.join(images, image), 100);
    // What a build killed while eleventy-img wrote would leave: a file under an output's name that no build finished.
    const unfinished = (await readdir(images)).find((name) => name.endsWith(".webp")) ?? "";
    await writeFile(path.join(images, unfinished), "half an image");
    const finished = JSON.parse(await readFile(path.join(images, ".finished.json"), "utf8")) as Record<string, number>;
    expect(finished[unfinished]).toBeGreaterThan(0);
    await writeFile(path.join(images, ".finished.json"), JSON.stringify({ ...finished, [unfinished]: undefined }));

    const stdout = await rebuild();
    expect(stdout).toMatch(/Article files: [1-9]\d* parsed/);
    expect(stdout).toMatch(/Social cards: 1 drawn/);
    expect(stdout).toMatch(/5 of them unchanged/);
    expect(await siteDifferences(warm.out, await cleanBuildOfSameContent())).toEqual([]);
  }, 60_000);

  it("stops, naming the path, when a file stands where the cache keeps a folder, and leaves the site as it was", async () => {
    const cards = path.join(warm.root, ".cache", "cards");
    const before = await readFile(path.join(warm.out, "index.html"));
    await rm(cards, { recursive: true });
    await writeFile(cards, "not a folder");
    const stopped = await build(warm.root, warm.out);
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toMatch(
      /\.cache\/cards: \(build cache\): is a file where the build cache keeps a folder \(expected .*remove it/,
    );
    expect(stopped.stderr).not.toMatch(/\n\s+at /);
    expect(await readFile(path.join(warm.out, "index.html"))).toEqual(before);
    await rm(cards);
    expect(await rebuild()).toMatch(/Social cards: \d+ drawn, 0 from the cache/);
  }, 60_000);

  it("takes what it can from a cache copied into a fresh checkout, as Netlify restores it, and equals a clean build", async () => {
    const restored = await pool.fixture();
    await rm(restored.root, { recursive: true, force: true });
    // Copied, not linked: every file of the cache has a new time, so each is read once to check it.
    await cp(warm.root, restored.root, { recursive: true });
    const result = await build(restored.root, restored.out);
    expect(result.code, result.stderr).toBe(0);
    const [, parts, unchanged] = /in (\d+) parts [^,]*, (\d+) of them unchanged/.exec(result.stdout) ?? [];
    expect(unchanged).toBe(parts);
    expect(result.stdout).toMatch(/Pages: \d+ rendered, [1-9]\d* from the cache/);
    // Each part's manifest now records its files' new times, so the next build need not read them.
    const index = path.join(restored.root, ".cache", "search-index");
    for (const entry of await readdir(index)) {
      const manifest = JSON.parse(await readFile(path.join(index, entry, ".manifest.json"), "utf8")) as Record<
        string,
        [number, number, string]
      >;
      for (const [file, [, , mtimeNs]] of Object.entries(manifest))
        expect(mtimeNs, file).toBe(String((await stat(path.join(index, entry, file), { bigint: true })).mtimeNs));
    }
    expect(await siteDifferences(restored.out, await cleanBuildOfSameContent())).toEqual([]);
  }, 60_000);

  it("keeps the search runtime in the first part's cache entry only, and indexes a later part again when it becomes the first", async () => {
    const index = path.join(warm.root, ".cache", "search-index");
    const runtimes = async () => {
      const entries = await readdir(index);
      const found = await Promise.all(
        entries.map((entry) => readdir(path.join(index, entry)).then((names) => names.includes("pagefind.js"))),
      );
      return { entries: entries.length, withRuntime: found.filter(Boolean).length };
    };
    // The newest part alone carries the runtime it is searched with; each later part is what the first merges.
    const { info } = JSON.parse(await readFile(path.join(warm.out, "pagefind", "parts.json"), "utf8")) as SearchPartsFile;
    expect(info.length).toBeGreaterThan(2);
    expect(await runtimes()).toEqual({ entries: info.length, withRuntime: 1 });
    // The second part is edited, so its bundle is made again as a later part's.
    const articles = path.join(warm.root, "src/articles");
    const dayOf = (file: string) => file.slice(0, 10);
    const files = (await readdir(articles)).filter((file) => file.endsWith(".md"));
    const within = (part: PartInfo) => files.filter((file) => dayOf(file) >= part.oldest && dayOf(file) <= part.newest);
    const [first, second] = info as [PartInfo, PartInfo];
    await appendFile(path.join(articles, within(second)[0] ?? ""), "\nA late paragraph.\n");
    expect(await rebuild()).toContain(`, ${info.length - 1} of them unchanged`);
    expect(await runtimes()).toEqual({ entries: info.length, withRuntime: 1 });
    // With the first part's articles gone, that bundle would be the first: it lacks the runtime, so it is made again.
    for (const file of within(first)) await unlink(path.join(articles, file));
    expect(await rebuild()).toContain(
      `in ${info.length - 1} parts (searchPartitionSize in _data/site.yaml), ${info.length - 2} of them unchanged`,
    );
    expect(await runtimes()).toEqual({ entries: info.length - 1, withRuntime: 1 });
    expect(await siteDifferences(warm.out, await cleanBuildOfSameContent())).toEqual([]);
  }, 90_000);

  // Memory (/dev/shm) is a file system of its own where the temporary folder is on disk.
  const shmApart = existsSync("/dev/shm") && statSync("/dev/shm").dev !== statSync(tmpdir()).dev;
  it.runIf(shmApart)(
    "keeps its cache on another file system than the site's, copying what it cannot link, and equals a clean build",
    async () => {
      const apart = await mkdtemp(path.join("/dev/shm", "broadsheet-test-"));
      try {
        const root = path.join(apart, "content");
        await cp(warm.root, root, { recursive: true, filter: (src) => path.basename(src) !== ".cache" });
        const { out } = await pool.fixture();
        expect((await build(root, out)).code).toBe(0);
        await writeFile(path.join(root, "src/articles/2025-02-16-across.md"), article("Across", "2025-02-16T09:00:00Z"));
        const again = await build(root, out);
        expect(again.code, again.stderr).toBe(0);
        expect(again.stdout).toMatch(/in (\d+) parts [^,]*, [1-9]\d* of them unchanged and taken from the build cache/);
        expect(await siteDifferences(out, await cleanBuildOfSameContent(root))).toEqual([]);
      } finally {
        await rm(apart, { recursive: true, force: true });
      }
    },
    90_000,
  );

  it("gives the same site when the cache is deleted, indexing every part again", async () => {
    const before = await pool.fixture();
    await rm(before.out, { recursive: true, force: true });
    await cp(warm.out, before.out, { recursive: true, dereference: true });
    await rm(path.join(warm.root, ".cache"), { recursive: true, force: true });
    const stdout = await rebuild();
    expect(stdout).not.toMatch(/taken from the build cache/);
    expect(await siteDifferences(warm.out, before.out)).toEqual([]);
  }, 60_000);
});

describe("a site rendered in several Eleventy runs", () => {
  it("is the site one run renders, page for page", async () => {
    const [one, runs] = await Promise.all([pool.fixture(), pool.fixture()]);
    const [a, b] = await Promise.all([build(one.root, one.out), build(runs.root, runs.out, { BROADSHEET_PAGES_PER_RUN: "3" })]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(await siteDifferences(one.out, runs.out)).toEqual([]);
  }, 60_000);

  it("is, rebuilt with the pages the cache holds, the site a clean build renders", async () => {
    const [runs, clean] = await Promise.all([pool.fixture(), pool.fixture()]);
    const inRuns = { BROADSHEET_PAGES_PER_RUN: "3" };
    expect((await build(runs.root, runs.out, inRuns)).code).toBe(0);
    for (const root of [runs.root, clean.root]) {
      await writeFile(path.join(root, "src/articles/2025-02-15-a-new-story.md"), article("A new story", "2025-02-15T09:00:00Z"));
    }
    const [warmRuns, cleanRun] = await Promise.all([build(runs.root, runs.out, inRuns), build(clean.root, clean.out)]);
    expect(warmRuns.code, warmRuns.stderr).toBe(0);
    expect(cleanRun.code, cleanRun.stderr).toBe(0);
    expect(warmRuns.stdout).toMatch(/Pages: \d+ rendered, [1-9]\d* from the cache/);
    // The stored pages' weights are the ones recorded when they were rendered, so the same page is the heaviest.
    const heaviest = (stdout: string) => /Heaviest article: [^\n]*/.exec(stdout)?.[0];
    expect(heaviest(warmRuns.stdout)).toMatch(/kB of its/);
    expect(heaviest(warmRuns.stdout)).toBe(heaviest(cleanRun.stdout));
    expect(await siteDifferences(runs.out, clean.out)).toEqual([]);
  }, 60_000);
});
