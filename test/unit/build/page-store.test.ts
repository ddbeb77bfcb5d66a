import { cp, mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openPageStore } from "../../../scripts/lib/build/page-store.ts";
import type { PageWeight } from "../../../scripts/lib/build/page-budgets.ts";

let root: string;
let store: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "page-store-"));
  store = path.join(root, "store");
});
afterEach(() => rm(root, { recursive: true, force: true }));

const KEY_A = "a".repeat(32);
const KEY_B = "b".repeat(32);
const weight: PageWeight = { url: "/a/", file: "a.md", budget: 20_000, html: 9_000, css: 2_000, total: 11_000 };

/** One build that renders `pages` (key, text) into `site/` and stores them. */
async function buildOnce(pages: [string, string][], site = path.join(root, `site-${Date.now()}-${Math.random()}`)) {
  const s = await openPageStore(store);
  const usable = s.usable(pages.map(([key]) => key));
  const placed = pages.filter(([key]) => usable.has(key)).map(([key]) => [key, path.join(site, key, "index.html")] as const);
  await s.place(placed);
  const rendered = pages.filter(([key]) => !usable.has(key));
  for (const [key, text] of rendered) {
    await rm(path.join(site, key), { recursive: true, force: true });
    await mkdir(path.join(site, key), { recursive: true });
    await writeFile(path.join(site, key, "index.html"), text);
  }
  s.keep(rendered.map(([key]) => [key, path.join(site, key, "index.html")] as const));
  s.noteWeights([[KEY_A, weight]]);
  await s.commit();
  s.release();
  return { site, usable };
}

describe("the page store", () => {
  it("gives back the pages the last build stored, with their weights, into the next build's site", async () => {
    await buildOnce([[KEY_A, "<p>a</p>"]]);
    const second = await buildOnce([[KEY_A, "<p>a</p>"]]);
    expect([...second.usable]).toEqual([KEY_A]);
    expect(await readFile(path.join(second.site, KEY_A, "index.html"), "utf8")).toBe("<p>a</p>");
    const s = await openPageStore(store);
    expect(s.weightOf(KEY_A)).toEqual(weight);
    s.release();
  });

  it("holds only the last build's pages once it succeeds", async () => {
    await buildOnce([[KEY_A, "<p>a</p>"]]);
    await buildOnce([[KEY_B, "<p>b</p>"]]);
    expect((await readdir(store)).filter((name) => /^[0-9a-f]{32}$/.test(name))).toEqual([KEY_B]);
  });

  it("does not trust a page rewritten in place since it was stored", async () => {
    const first = await buildOnce([[KEY_A, "<p>a</p>"]]);
    // The published page is the stored one (a hard link): a tool rewriting it rewrites the entry.
    await writeFile(path.join(first.site, KEY_A, "index.html"), "<p>a, post-processed</p>");
    const second = await buildOnce([[KEY_A, "<p>a</p>"]]);
    expect(second.usable.size).toBe(0);
    const third = await buildOnce([[KEY_A, "<p>a</p>"]]);
    expect([...third.usable]).toEqual([KEY_A]);
    expect(await readFile(path.join(third.site, KEY_A, "index.html"), "utf8")).toBe("<p>a</p>");
  });

  it("takes a page whose time alone changed (a cache restored by copying), not one whose bytes did", async () => {
    // Larger than the buffer pages are read into to be checksummed.
    const long = `<p>${"a".repeat(700_000)}</p>`;
    await buildOnce([
      [KEY_A, long],
      [KEY_B, "<p>b</p>"],
    ]);
    const later = new Date(Date.now() + 60_000);
    await cp(path.join(store, KEY_A), path.join(root, "copy"));
    await rm(path.join(store, KEY_A));
    await cp(path.join(root, "copy"), path.join(store, KEY_A));
    await utimes(path.join(store, KEY_A), later, later);
    await writeFile(path.join(store, KEY_B), "<p>c</p>");
    await utimes(path.join(store, KEY_B), later, later);
    const s = await openPageStore(store);
    expect([...s.usable([KEY_A, KEY_B])]).toEqual([KEY_A]);
    expect(s.weightOf(KEY_A)).toEqual(weight);
    s.release();
  });

  it("is one build's at a time: another build meanwhile neither takes nor stores pages", async () => {
    await buildOnce([[KEY_A, "<p>a</p>"]]);
    const first = await openPageStore(store);
    const second = await openPageStore(store);
    expect(first.usable([KEY_A]).size).toBe(1);
    expect(second.usable([KEY_A]).size).toBe(0);
    first.release();
    const third = await openPageStore(store);
    expect(third.usable([KEY_A]).size).toBe(1);
    third.release();
  });

  it("takes over the lock of a build that is no longer running", async () => {
    await buildOnce([[KEY_A, "<p>a</p>"]]);
    // A process id no process has: Linux's pids stay below 2^22.
    await writeFile(path.join(store, "lock"), JSON.stringify({ pid: 2 ** 22 + 1, host: hostname(), since: new Date().toISOString() }));
    const s = await openPageStore(store);
    expect(s.usable([KEY_A]).size).toBe(1);
    s.release();
  });
  it("splices a new site rail into a stored page that shows the old one, and records where the new one is", async () => {
    const rail = (text: string) => `<section class="rail" aria-labelledby="latest-heading"><p>${text}</p></section>`;
    const page = (text: string) => `<main><p>Body · ünïcode</p>${rail(text)}</main><footer></footer>`;
    const site = path.join(root, "site-1");
    const file = path.join(site, KEY_A, "index.html");
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, page("Ferries run late"));
    const first = await openPageStore(store);
    first.keep([[KEY_A, file]], { keys: new Set([KEY_A]), digest: "old rail" });
    await first.commit();
    first.release();

    const second = await openPageStore(store);
    expect([...second.usable([KEY_A])]).toEqual([KEY_A]);
    expect(second.railOf(KEY_A)).toBe("old rail");
    const next = path.join(root, "site-2", KEY_A, "index.html");
    second.splice([[KEY_A, next]], Buffer.from(rail("Ferries run on time, at last")));
    expect(await readFile(next, "utf8")).toBe(page("Ferries run on time, at last"));
    second.keep([[KEY_A, next]], { keys: new Set([KEY_A]), digest: "new rail" });
    await second.commit();
    second.release();

    // The stored page is the spliced one, stamped from what was written: copied (new times), its CRC-32 vouches for it.
    const later = new Date(Date.now() + 60_000);
    await utimes(path.join(store, KEY_A), later, later);
    const third = await openPageStore(store);
    expect([...third.usable([KEY_A])]).toEqual([KEY_A]);
    // And the next splice finds its rail where it now is.
    expect(third.railOf(KEY_A)).toBe("new rail");
    const last = path.join(root, "site-3", KEY_A, "index.html");
    third.splice([[KEY_A, last]], Buffer.from(rail("No ferries")));
    expect(await readFile(last, "utf8")).toBe(page("No ferries"));
    third.release();
  });

  it("does not trust an index whose rail record runs past its page", async () => {
    const file = path.join(root, "site-1", KEY_A, "index.html");
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '<main><section class="rail" aria-labelledby="latest-heading"></section></main>');
    const first = await openPageStore(store);
    first.keep([[KEY_A, file]], { keys: new Set([KEY_A]), digest: "rail" });
    await first.commit();
    first.release();
    const index = path.join(store, "index.json");
    const stamps = JSON.parse(await readFile(index, "utf8")) as Record<string, [number, string, number, null, [string, number, number]]>;
    const stamp = stamps[KEY_A];
    if (!stamp) throw new Error("no stamp");
    stamp[4][2] = stamp[0] + 10;
    await writeFile(index, JSON.stringify(stamps));
    const second = await openPageStore(store);
    expect(second.usable([KEY_A]).size).toBe(0);
    expect(second.railOf(KEY_A)).toBeUndefined();
    second.release();
  });

  it("knows no rail for a page stored without one", async () => {
    await buildOnce([[KEY_A, "<p>a</p>"]]);
    const s = await openPageStore(store);
    expect(s.railOf(KEY_A)).toBeUndefined();
    s.release();
  });
});
