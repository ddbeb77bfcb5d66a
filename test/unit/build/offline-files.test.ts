/** The files offline search needs, listed after Pagefind, and the service worker made with them. */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeOfflineFiles } from "../../../scripts/lib/build/offline-files.ts";
import type { OfflineManifest, OfflineSummary } from "../../../src/assets/offline/offline-caches.ts";

let site: string;
const write = async (rel: string, text: string) => {
  await mkdir(path.dirname(path.join(site, rel)), { recursive: true });
  await writeFile(path.join(site, rel), text);
};

beforeAll(async () => {
  site = await mkdtemp(path.join(tmpdir(), "broadsheet-offline-"));
  await write("pagefind/pagefind-entry.json", JSON.stringify({ languages: { en: { page_count: 2 } } }));
  await write("pagefind/pagefind.js", "runtime");
  await write("pagefind/pagefind-worker.js", "worker");
  await write("pagefind/wasm.en.pagefind", "english");
  await write("pagefind/wasm.fr.pagefind", "french, never loaded");
  await write("pagefind/pagefind-ui.js", "ready-made UI, never loaded");
  await write("pagefind/pagefind-highlight.js", "ready-made highlight, never loaded");
  await write("pagefind/en_abc.pf_meta", "meta");
  await write("pagefind/index/en_1.pf_index", "index chunk");
  await write("pagefind/fragment/en_2.pf_fragment", "fragment");
  await write("pagefind/filter/en_3.pf_filter", "filter");
  await write("assets/site.0123456789.css", "css");
  await write("assets/search.0123456789.js", "js");
  await write("assets/logo.svg", "not a css or js asset");
  await write("search/index.html", "<p>search</p>");
  await write("offline/index.html", "<p>offline</p>");
});
afterAll(() => rm(site, { recursive: true, force: true }));

const read = async <T>(rel: string) => JSON.parse(await readFile(path.join(site, rel), "utf8")) as T;

describe("the offline files", () => {
  it("list every index file a search may read, with sizes, and nothing the site never loads", async () => {
    const { buildId, manifest } = await writeOfflineFiles(site, "content-hash");
    expect(manifest.files.map((f) => f.url)).toEqual([
      "/pagefind/en_abc.pf_meta",
      "/pagefind/filter/en_3.pf_filter",
      "/pagefind/fragment/en_2.pf_fragment",
      "/pagefind/index/en_1.pf_index",
      "/pagefind/pagefind-entry.json",
      "/pagefind/pagefind-worker.js",
      "/pagefind/pagefind.js",
      "/pagefind/wasm.en.pagefind",
    ]);
    expect(manifest.bytes).toBe(manifest.files.reduce((n, f) => n + f.bytes, 0));
    expect(await read<OfflineManifest>("pagefind/offline-manifest.json")).toEqual(manifest);
    expect(await read<OfflineSummary>("pagefind/offline-summary.json")).toEqual({ buildId, bytes: manifest.bytes, files: 8 });
  });

  it("bake the build id and a precache list of the search page, the runtime and the assets into the service worker", async () => {
    const { buildId } = await writeOfflineFiles(site, "content-hash");
    const worker = await readFile(path.join(site, "sw.js"), "utf8");
    expect(worker).toContain(JSON.stringify(buildId));
    for (const url of ["/search/", "/offline/", "/assets/site.0123456789.css", "/pagefind/pagefind.js", "/pagefind/wasm.en.pagefind"]) {
      expect(worker).toContain(JSON.stringify(url));
    }
    // Chunks are fetched as searches need them, not on install.
    expect(worker).not.toContain("/pagefind/index/en_1.pf_index");
  });

  it("give the same build id for the same build, and a new one when the content or a file changes", async () => {
    const first = (await writeOfflineFiles(site, "content-hash")).buildId;
    expect((await writeOfflineFiles(site, "content-hash")).buildId).toBe(first);
    expect((await writeOfflineFiles(site, "other-content")).buildId).not.toBe(first);
    await write("pagefind/pagefind.js", "runtime, updated");
    expect((await writeOfflineFiles(site, "content-hash")).buildId).not.toBe(first);
  });
});
