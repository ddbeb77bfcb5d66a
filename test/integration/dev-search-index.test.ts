/** The dev server's search index after an edit: each search document made once to see what changed, and again only where it is indexed. */
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadContent } from "../../scripts/lib/content/load-content.ts";
import type { Site } from "../../scripts/lib/content/site-model.ts";
import { DevSearchIndex } from "../../scripts/lib/search/dev-index.ts";
import { article, BASE_FILES, contentRoot, removeContentRoots } from "../helpers/content-root.ts";

const folders: string[] = [];
afterAll(async () => {
  await removeContentRoots();
  await Promise.all(folders.map((f) => rm(f, { recursive: true, force: true })));
});

/** Twelve articles over three months, in parts of at most three (searchPartitionSize 2). */
async function site() {
  const files: Record<string, string> = { "_data/site.yaml": `${BASE_FILES["_data/site.yaml"]}searchPartitionSize: 2\n` };
  for (const month of [1, 2, 3])
    for (const day of [3, 10, 17, 24]) {
      const date = `2025-0${month}-${String(day).padStart(2, "0")}`;
      files[`src/articles/${date}-story.md`] = article({ title: `Story of ${date}` }, `Harbour news of ${date}.`);
    }
  return contentRoot(files);
}

/** `site` with its bodies read through a counter: a search document reads its article's body once. */
function counted(loaded: Site): { site: Site; reads: () => number } {
  let reads = 0;
  const bodies = Object.create(loaded.bodies, {
    html: {
      value: (key: string) => {
        reads++;
        return loaded.bodies.html(key);
      },
    },
  }) as Site["bodies"];
  return { site: { ...loaded, bodies }, reads: () => reads };
}

describe("the dev server's search index", () => {
  it("makes each document once to see what changed, and again only for the parts it indexes", async () => {
    const root = await site();
    const output = await mkdtemp(path.join(tmpdir(), "broadsheet-dev-index-"));
    const cache = await mkdtemp(path.join(tmpdir(), "broadsheet-dev-index-cache-"));
    folders.push(output, cache);
    const lines: string[] = [];
    const index = new DevSearchIndex(cache, (line) => lines.push(line));
    const load = async () => counted(await loadContent({ root, preview: true, now: "2025-04-01T00:00:00Z" }));

    const first = await load();
    await index.update(first.site, output);
    expect(lines.at(-1)).toMatch(/search index: 12 articles in \d+ parts in/);
    const parts = Number(/in (\d+) parts/.exec(lines.at(-1) ?? "")?.[1]);
    expect(parts).toBeGreaterThanOrEqual(4);
    // Nothing cached yet: every part is indexed, so every document is made for its key and for Pagefind.
    expect(first.reads()).toBe(24);

    await writeFile(path.join(root, "src/articles/2025-02-10-story.md"), article({ title: "Story of 2025-02-10" }, "Ferry news instead."));
    const edited = await load();
    await index.update(edited.site, output);
    expect(lines.at(-1)).toMatch(new RegExp(`search index: 12 articles in ${parts} parts, ${parts - 1} of them unchanged`));
    // Twelve to see what changed, then the edited article's part (at most three articles) for Pagefind.
    expect(edited.reads()).toBeGreaterThan(12);
    expect(edited.reads()).toBeLessThanOrEqual(15);

    const again = await load();
    const logged = lines.length;
    await index.update(again.site, output);
    expect(again.reads()).toBe(12);
    expect(lines).toHaveLength(logged);
    expect(await readdir(path.join(output, "pagefind"))).toContain("pagefind-entry.json");
  });
});
