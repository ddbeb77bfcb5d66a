/** The build cache of parsed articles: a rebuild parses only what changed, and gives what a parse from scratch gives. */
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync, writeFileSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, it, vi } from "vitest";
import { ArticleCache } from "../../../scripts/lib/content/file-cache.ts";
import { loadContent } from "../../../scripts/lib/content/load-content.ts";
import { openParseCache, parseCacheDir } from "../../../scripts/lib/content/parse-cache.ts";
import type { Site } from "../../../scripts/lib/content/site-model.ts";
import { article, contentRoot, removeContentRoots } from "../../helpers/content-root.ts";

afterAll(removeContentRoots);

// While set, writing a body fails as on a full disk: parsing stops part-way.
const diskFull = vi.hoisted(() => ({ now: false }));
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const writeSync = ((...args: Parameters<typeof fs.writeSync>) => {
    if (diskFull.now) throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    return fs.writeSync(...args);
  }) as typeof fs.writeSync;
  return { ...fs, writeSync };
});

const NOW = "2025-04-01T00:00:00Z";
const HARBOUR = "src/articles/2025-03-10-harbour.md";
const GULLS = "src/articles/2025-03-11-gulls.md";
const FERRY = "src/articles/2025-03-12-ferry.md";

const cacheOf = parseCacheDir;

/** One build's load through the cache: the site (bodies read back as text), and how many files were parsed and taken. */
async function build(root: string) {
  const cache = openParseCache(cacheOf(root));
  try {
    const site = await loadContent({ root, preview: false, now: NOW, parseCache: cache });
    return { site: comparable(site), ...cache.counts };
  } finally {
    cache.close();
  }
}

/** A site with each body key replaced by the body it names: keys are offsets in a pack, which differ from build to build. */
function comparable(site: Site) {
  return {
    ...site,
    bodies: undefined,
    articles: site.articles.map((a) => ({ ...a, bodyKey: site.bodies.html(a.bodyKey) })),
    listings: undefined,
    front: undefined,
  };
}

const fresh = async (root: string) => comparable(await loadContent({ root, preview: false, now: NOW }));

const packPath = (root: string) => {
  const pack = readdirSync(cacheOf(root)).find((name) => name.startsWith("pack-"));
  return pack ? path.join(cacheOf(root), pack) : undefined;
};

const packSize = (root: string) => {
  const pack = packPath(root);
  return pack ? statSync(pack).size : 0;
};

describe("the parse cache", () => {
  it("parses only added and edited files, forgets deleted ones, and loads what a load from scratch loads", async () => {
    const root = await contentRoot({ [HARBOUR]: article({ title: "Harbour" }), [GULLS]: article({ title: "Gulls", date: "2025-03-11" }) });
    const cold = await build(root);
    expect([cold.parsed, cold.fromCache]).toEqual([2, 0]);
    expect(cold.site).toEqual(await fresh(root));

    await writeFile(path.join(root, FERRY), article({ title: "Ferry", date: "2025-03-12" }, "The ferry sails at **noon**."));
    const added = await build(root);
    expect([added.parsed, added.fromCache]).toEqual([1, 2]);
    expect(added.site).toEqual(await fresh(root));

    await writeFile(path.join(root, HARBOUR), article({ title: "Harbour pilots strike" }, "Pilots walked out."));
    const edited = await build(root);
    expect([edited.parsed, edited.fromCache]).toEqual([1, 2]);
    expect(edited.site.articles.map((a) => a.title)).toEqual(["Ferry", "Gulls", "Harbour pilots strike"]);
    expect(edited.site).toEqual(await fresh(root));

    await rm(path.join(root, GULLS));
    const deleted = await build(root);
    expect([deleted.parsed, deleted.fromCache]).toEqual([0, 2]);
    expect(deleted.site).toEqual(await fresh(root));
  });

  it("parses every file again when what a parse depends on changes: the site's settings, the known authors", async () => {
    const root = await contentRoot({ [HARBOUR]: article({ title: "Harbour" }), [GULLS]: article({ title: "Gulls", date: "2025-03-11" }) });
    await build(root);
    await writeFile(path.join(root, "_data/site.yaml"), "title: Test\nurl: https://example.org\ntimeZone: America/New_York\n");
    const rezoned = await build(root);
    expect([rezoned.parsed, rezoned.fromCache]).toEqual([2, 0]);
    expect(rezoned.site).toEqual(await fresh(root));

    await writeFile(path.join(root, "_data/authors.yaml"), "ada:\n  name: Ada Reporter\n");
    expect((await build(root)).parsed).toBe(2);
    expect((await build(root)).parsed).toBe(0);
  });

  it("keeps the problems of a file it remembers, and reports them on every build", async () => {
    const root = await contentRoot({
      [HARBOUR]: article({ section: "nowhere" }),
      [GULLS]: article({ title: "Gulls", date: "2025-03-11" }),
    });
    await expect(build(root)).rejects.toThrow(/2025-03-10-harbour\.md.*section/s);
    const cache = openParseCache(cacheOf(root));
    await expect(loadContent({ root, preview: false, now: NOW, parseCache: cache })).rejects.toThrow(/2025-03-10-harbour\.md.*section/s);
    expect(cache.counts).toEqual({ parsed: 0, fromCache: 2 });
    cache.close();
  });

  it("starts afresh from a damaged index, one with a byte changed, or when the pack it names is gone", async () => {
    const root = await contentRoot({ [HARBOUR]: article({ title: "Harbour" }) });
    await build(root);
    writeFileSync(path.join(cacheOf(root), "index"), "not an index");
    const damaged = await build(root);
    expect([damaged.parsed, damaged.fromCache]).toEqual([1, 0]);
    expect(damaged.site).toEqual(await fresh(root));

    await build(root);
    const index = readFileSync(path.join(cacheOf(root), "index"));
    const title = index.indexOf("Harbour");
    // One byte changed inside a string still deserializes: without a checksum the headline would be published as "Hcrbour".
    index[title + 1] = "c".charCodeAt(0);
    writeFileSync(path.join(cacheOf(root), "index"), index);
    const changed = await build(root);
    expect([changed.parsed, changed.fromCache]).toEqual([1, 0]);
    expect(changed.site).toEqual(await fresh(root));

    for (const name of readdirSync(cacheOf(root))) if (name.startsWith("pack-")) await rm(path.join(cacheOf(root), name));
    const packless = await build(root);
    expect([packless.parsed, packless.fromCache]).toEqual([1, 0]);
    expect(packless.site).toEqual(await fresh(root));
  });

  it("keeps an index of more than one piece whole, and starts afresh from one cut short", async () => {
    // The index is saved a thousand parses to a piece; a site of more spans two.
    const files = Object.fromEntries(
      Array.from({ length: 1001 }, (_, i) => [`src/articles/2025-03-10-story-${i}.md`, article({ title: `Story ${i}` }, `Lead ${i}.`)]),
    );
    const root = await contentRoot(files);
    await build(root);
    const warm = await build(root);
    expect([warm.parsed, warm.fromCache]).toEqual([0, 1001]);
    expect(warm.site).toEqual(await fresh(root));

    const index = path.join(cacheOf(root), "index");
    writeFileSync(index, readFileSync(index).subarray(0, Math.floor(statSync(index).size * 0.9)));
    const cut = await build(root);
    expect([cut.parsed, cut.fromCache]).toEqual([1001, 0]);
    expect(cut.site).toEqual(warm.site);
  });

  it("parses again the files whose bodies the pack no longer holds as written: overwritten, or cut off", async () => {
    const root = await contentRoot({
      [HARBOUR]: article({ title: "Harbour" }, "The harbour opens at dawn."),
      [GULLS]: article({ title: "Gulls", date: "2025-03-11" }, "Gulls nest on the quay."),
      [FERRY]: article({ title: "Ferry", date: "2025-03-12" }, "The ferry sails at noon."),
    });
    await build(root);
    const pack = packPath(root) ?? "";
    const bytes = readFileSync(pack);
    const gulls = bytes.indexOf("Gulls nest");
    // Same length, other bytes: what a crash can leave of blocks never written out.
    writeFileSync(pack, Buffer.concat([bytes.subarray(0, gulls), Buffer.alloc(5), bytes.subarray(gulls + 5)]));
    const overwritten = await build(root);
    expect([overwritten.parsed, overwritten.fromCache]).toEqual([1, 2]);
    expect(overwritten.site).toEqual(await fresh(root));

    const after = packPath(root) ?? "";
    const last = readFileSync(after);
    writeFileSync(after, last.subarray(0, last.length - 3));
    const cut = await build(root);
    expect(cut.parsed).toBeGreaterThanOrEqual(1);
    expect(cut.site).toEqual(await fresh(root));
  });

  it("empties the pack and parses everything once most of it is bodies no file uses any more", async () => {
    const long = (word: string) => `${word} `.repeat(400).trim() + ".";
    const root = await contentRoot({
      [HARBOUR]: article({ title: "Harbour" }, long("harbour")),
      [GULLS]: article({ title: "Gulls", date: "2025-03-11" }, long("beacons")),
    });
    await build(root);
    const first = packSize(root);
    // Half the pack is now an old body: still worth keeping.
    await writeFile(path.join(root, HARBOUR), article({ title: "Harbour" }, long("channel")));
    expect((await build(root)).parsed).toBe(1);
    expect(packSize(root)).toBeGreaterThan(first);
    // Two thirds of it would be: the pack is emptied and holds only what the files use.
    await writeFile(path.join(root, GULLS), article({ title: "Gulls", date: "2025-03-11" }, "Gulls, briefly."));
    // A dev server starting reads the old pack meanwhile: its bytes must stay as they were.
    const oldPack = path.join(cacheOf(root), readdirSync(cacheOf(root)).find((name) => name.startsWith("pack-")) ?? "");
    const oldBytes = readFileSync(oldPack);
    const reader = openSync(oldPack, "r");
    const compacted = await build(root);
    expect([compacted.parsed, compacted.fromCache]).toEqual([2, 0]);
    expect(packSize(root)).toBeLessThan(first * 0.6);
    const stillThere = Buffer.alloc(oldBytes.length + 1);
    expect(readSync(reader, stillThere, 0, stillThere.length, 0)).toBe(oldBytes.length);
    expect(stillThere.subarray(0, oldBytes.length).equals(oldBytes)).toBe(true);
    closeSync(reader);
    expect(compacted.site).toEqual(await fresh(root));
    expect((await build(root)).fromCache).toBe(2);
  });

  it("saves the parses when the build asks, while it still reads bodies, once; a cache closed unsaved saves them then", async () => {
    const root = await contentRoot({ [HARBOUR]: article({ title: "Harbour" }), [GULLS]: article({ title: "Gulls", date: "2025-03-11" }) });
    const cache = openParseCache(cacheOf(root));
    let pack: string | undefined;
    try {
      const site = await loadContent({ root, preview: false, now: NOW, parseCache: cache });
      expect(packPath(root)).toBeUndefined();
      cache.save();
      pack = packPath(root);
      expect(pack).toBeDefined();
      cache.save();
      expect(packPath(root)).toBe(pack);
      // The bodies are still read from the file, now under the pack's name.
      expect(site.articles.map((a) => site.bodies.html(a.bodyKey))).toEqual((await fresh(root)).articles.map((a) => a.bodyKey));
    } finally {
      cache.close();
    }
    expect(packPath(root)).toBe(pack);
    await writeFile(path.join(root, FERRY), article({ title: "Ferry", date: "2025-03-12" }));
    expect(await build(root)).toMatchObject({ fromCache: 2, parsed: 1 });
    expect(await build(root)).toMatchObject({ fromCache: 3, parsed: 0 });
  });

  it("leaves the pack for the next build when a build stops before parsing", async () => {
    const root = await contentRoot({ [HARBOUR]: article({ title: "Harbour" }) });
    await build(root);
    await writeFile(path.join(root, "_data/site.yaml"), "title: [broken\n");
    await expect(build(root)).rejects.toThrow(/site\.yaml/);
    await writeFile(path.join(root, "_data/site.yaml"), "title: Test\nurl: https://example.org\ntimeZone: Europe/London\n");
    expect((await build(root)).fromCache).toBe(1);
  });

  it("puts the pack back when parsing fails (a full disk), and the next build takes every file", async () => {
    const root = await contentRoot({ [HARBOUR]: article({ title: "Harbour" }), [GULLS]: article({ title: "Gulls", date: "2025-03-11" }) });
    await build(root);
    const before = readdirSync(cacheOf(root)).sort();
    await writeFile(path.join(root, FERRY), article({ title: "Ferry", date: "2025-03-12" }));
    const cache = openParseCache(cacheOf(root));
    diskFull.now = true;
    const failed = loadContent({ root, preview: false, now: NOW, parseCache: cache });
    await expect(failed).rejects.toThrow(/ENOSPC/);
    diskFull.now = false;
    cache.close();
    await rm(path.join(root, FERRY));
    expect(readdirSync(cacheOf(root)).sort()).toEqual(before);
    expect((await build(root)).fromCache).toBe(2);
  });

  it("removes what a killed build left, but not a running build's spool", async () => {
    const root = await contentRoot({ [HARBOUR]: article({ title: "Harbour" }) });
    await build(root);
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
    const leftovers = [`.tmp-${dead}-0a1b2c3d4e5f`, `.tmp-${dead}-index`, "pack-0a1b2c3d4e5f"];
    const running = `.tmp-${process.ppid}-0a1b2c3d4e5f`;
    for (const name of [...leftovers, running]) writeFileSync(path.join(cacheOf(root), name), "left");
    await build(root);
    const names = readdirSync(cacheOf(root));
    expect(names.filter((n) => leftovers.includes(n))).toEqual([]);
    expect(names).toContain(running);
    expect(names.filter((n) => n.startsWith("pack-"))).toHaveLength(1);
  });
});

describe("the dev server's first load", () => {
  it("takes each file the last build parsed from its cache, parses what changed since, and loads what a load from scratch loads", async () => {
    const root = await contentRoot({
      [HARBOUR]: article({ title: "Harbour" }, "The harbour *opens*."),
      [GULLS]: article({ title: "Gulls", date: "2025-03-11" }),
    });
    await build(root);
    await writeFile(path.join(root, HARBOUR), article({ title: "Harbour pilots strike" }, "Pilots walked out."));
    const cache = new ArticleCache(parseCacheDir(root));
    const first = await loadContent({ root, preview: false, now: NOW, cache });
    expect(cache.fromBuildCache).toEqual([GULLS]);
    const fresh = await loadContent({ root, preview: false, now: NOW });
    expect({ ...first, bodies: undefined }).toEqual({ ...fresh, bodies: undefined });
    for (const a of fresh.articles) expect(first.bodies.html(a.bodyKey)).toBe(fresh.bodies.html(a.bodyKey));

    // Later loads keep to the dev server's own cache.
    await writeFile(path.join(root, GULLS), article({ title: "Gulls return", date: "2025-03-11" }));
    const later = await loadContent({ root, preview: false, now: NOW, cache });
    expect(cache.parsedLastTime).toEqual([GULLS]);
    expect(later.articles.map((a) => a.title)).toEqual(["Gulls return", "Harbour pilots strike"]);
  });

  it("parses a file whose body in the last build's pack is damaged", async () => {
    const root = await contentRoot({
      [HARBOUR]: article({ title: "Harbour" }, "The harbour opens at dawn."),
      [GULLS]: article({ title: "Gulls", date: "2025-03-11" }, "Gulls nest on the quay."),
    });
    await build(root);
    const pack = packPath(root) ?? "";
    const bytes = readFileSync(pack);
    const at = bytes.indexOf("harbour opens");
    writeFileSync(pack, Buffer.concat([bytes.subarray(0, at), Buffer.from("HARBOUR"), bytes.subarray(at + 7)]));
    const cache = new ArticleCache(parseCacheDir(root));
    const first = await loadContent({ root, preview: false, now: NOW, cache });
    expect(cache.fromBuildCache).toEqual([GULLS]);
    const fresh = await loadContent({ root, preview: false, now: NOW });
    for (const a of fresh.articles) expect(first.bodies.html(a.bodyKey)).toBe(fresh.bodies.html(a.bodyKey));
  });

  it("parses every file when the build's parses were made against other settings, or there are none", async () => {
    const root = await contentRoot({ [HARBOUR]: article({ title: "Harbour" }) });
    const none = new ArticleCache(parseCacheDir(root));
    await loadContent({ root, preview: false, now: NOW, cache: none });
    expect(none.fromBuildCache).toEqual([]);
    await build(root);
    await writeFile(path.join(root, "_data/site.yaml"), "title: Test\nurl: https://example.org\ntimeZone: Asia/Tokyo\n");
    const other = new ArticleCache(parseCacheDir(root));
    const site = await loadContent({ root, preview: false, now: NOW, cache: other });
    expect(other.fromBuildCache).toEqual([]);
    expect(site.articles[0]?.date.iso).toMatch(/\+09:00$/);
  });
});
