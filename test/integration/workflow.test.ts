/** Drafts, scheduling and the atomic output, through the real build command on copies of the fixture. */
import { createHash } from "node:crypto";
import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSiteSearch } from "../../scripts/lib/search/node-search.ts";
import { build, fixturePool, type Fixture, type RunResult } from "../helpers/site.ts";
import { eventually } from "../helpers/eventually.ts";

const { fixture, cleanup } = fixturePool();
afterAll(cleanup);

const read = (out: string, page: string) => readFile(path.join(out, page, "index.html"), "utf8");
const exists = (out: string, page: string) =>
  read(out, page).then(
    () => true,
    () => false,
  );

const DRAFT = "2025/03/20/unpublished-draft";
const SCHEDULED = "2099/01/01/scheduled-story";

/** Every file under `dir` with the SHA-256 of its bytes, sorted by path. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
  const hashes = await Promise.all(
    files.map(async (f) =>
      createHash("sha256")
        .update(await readFile(path.join(dir, f)))
        .digest("hex"),
    ),
  );
  return Object.fromEntries(files.map((f, i) => [f, hashes[i] ?? ""]));
}

describe("drafts", () => {
  let production: Fixture;
  let preview: Fixture;
  let previewResult: RunResult;
  beforeAll(async () => {
    [production, preview] = await Promise.all([fixture(), fixture()]);
    const [prod] = await Promise.all([
      build(production.root, production.out),
      (async () => (previewResult = await build(preview.root, preview.out, {}, ["--preview"])))(),
    ]);
    expect(prod.code, prod.stderr).toBe(0);
    expect(previewResult.code, previewResult.stderr).toBe(0);
  });

  it("never reach a production build: no page, no list entry, no search hit", async () => {
    expect(await exists(production.out, DRAFT)).toBe(false);
    const everyPage = Object.keys(await snapshot(production.out)).filter((f) => f.endsWith(".html"));
    for (const page of everyPage)
      expect(await readFile(path.join(production.out, page), "utf8"), page).not.toMatch(/Zeppelin|unpublished-draft/i);
    const search = await openSiteSearch(production.out);
    expect((await search.search({ query: "zeppelinsecretword" })).total).toBe(0);
  });

  it("show in a preview build with a visible Draft marker, on the page and in lists", async () => {
    const html = await read(preview.out, DRAFT);
    expect(html).toMatch(/<p class="state-marker"[^>]*>Draft<\/p>\s*<p class="kicker"[^>]*>/);
    expect(html).toContain("Preview build: drafts and scheduled articles are shown.");
    // Every story card that links to the draft, on any list page, carries the marker.
    const cards: string[] = [];
    for (const page of Object.keys(await snapshot(preview.out)).filter((f) => f.endsWith(".html"))) {
      const html = await readFile(path.join(preview.out, page), "utf8");
      for (const card of html.split('<article class="story-card">').slice(1)) {
        const body = card.slice(0, card.indexOf("</article>"));
        if (body.includes('href="/2025/03/20/unpublished-draft/"')) cards.push(body);
      }
    }
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) expect(card).toMatch(/^\s*<p class="state-marker" data-search-ignore>Draft<\/p>/);
  });

  it("mark scheduled articles as Scheduled in a preview build", async () => {
    expect(await read(preview.out, SCHEDULED)).toMatch(/<p class="state-marker"[^>]*>Scheduled<\/p>/);
    expect(await read(preview.out, "2025/03/12/lighthouse-keepers-strike")).not.toContain("state-marker");
  });
});

describe("scheduled articles", () => {
  it("stay out until BUILD_NOW passes their date, then appear everywhere", async () => {
    const [before, after] = await Promise.all([fixture(), fixture()]);
    const [r1, r2] = await Promise.all([
      build(before.root, before.out, { BUILD_NOW: "2099-01-01T05:59:59Z" }),
      build(after.root, after.out, { BUILD_NOW: "2099-01-01T06:00:00Z" }),
    ]);
    expect(r1.code, r1.stderr).toBe(0);
    expect(r2.code, r2.stderr).toBe(0);
    const built = (r: RunResult) => Number(/^Built (\d+) articles/m.exec(r.stdout)?.[1]);
    expect(built(r2)).toBe(built(r1) + 1);
    expect(await exists(before.out, SCHEDULED)).toBe(false);
    expect(await read(after.out, SCHEDULED)).not.toContain("state-marker");
    expect(await read(after.out, "")).toContain("Scheduled story from the future");
    const search = await openSiteSearch(after.out);
    expect((await search.search({ query: "futuresecretword" })).hits.map((h) => h.url)).toEqual([`/${SCHEDULED}/`]);
  });
});

describe("the output of a failed build", () => {
  it("is the last good site, byte for byte", async () => {
    const f = await fixture();
    const good = await build(f.root, f.out);
    expect(good.code, good.stderr).toBe(0);
    const before = await snapshot(f.out);
    expect(Object.keys(before)).toContain("index.html");

    // A new article with two mistakes, and a change to a good one that must not leak out.
    await writeFile(
      path.join(f.root, "src/articles/2025-03-25-broken.md"),
      "---\ntitle: Broken\ndate: 2025-02-30\nsection: sport\nauthors: [ada]\n---\n\nText.\n",
    );
    const lighthouse = path.join(f.root, "src/articles/2025-03-12-lighthouse-keepers-strike.md");
    await writeFile(lighthouse, (await readFile(lighthouse, "utf8")).replace("Lighthouse keepers strike", "CHANGED HEADLINE"));
    const bad = await build(f.root, f.out);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("Build stopped: Content has 2 problems:");
    expect(bad.stderr).toContain("src/articles/2025-03-25-broken.md: date: no such date or time: February 2025 has 28 days, not day 30");
    expect(bad.stderr).toMatch(
      /src\/articles\/2025-03-25-broken\.md: section: is not a known section \(got "sport", expected one of world, .+ \(from _data\/sections\.yaml\)\)/,
    );
    expect(bad.stderr).toContain("The previous site, if any, was left as it was.");

    expect(await snapshot(f.out)).toEqual(before);
    // Beside the output: the published build's folder, and no folder of the failed build.
    expect((await readdir(path.dirname(f.out))).sort()).toEqual(["._site.builds", "_site", "content"]);
    await eventually(async () => expect(await readdir(path.join(path.dirname(f.out), "._site.builds"))).toHaveLength(1));
  });
});
