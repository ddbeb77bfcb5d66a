/** The dev server's article cache: unchanged files are not parsed again, and every problem is still reported. */
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ArticleCache } from "../../../scripts/lib/content/file-cache.ts";
import { loadContent } from "../../../scripts/lib/content/load-content.ts";
import { article, BASE_FILES, contentRoot, loadProblems, removeContentRoots } from "../../helpers/content-root.ts";

afterAll(removeContentRoots);

const NOW = "2025-04-01T00:00:00Z";
const HARBOUR = "src/articles/2025-03-10-harbour.md";
const GULLS = "src/articles/2025-03-11-gulls.md";

async function load(root: string, cache: ArticleCache) {
  return loadContent({ root, preview: false, now: NOW, cache });
}

const problems = (root: string, cache: ArticleCache) => loadProblems({ root, preview: false, now: NOW, cache });

describe("ArticleCache", () => {
  it("parses a changed article again and takes unchanged ones from the cache", async () => {
    const root = await contentRoot({ [HARBOUR]: article({ title: "Harbour" }), [GULLS]: article({ title: "Gulls", date: "2025-03-11" }) });
    const cache = new ArticleCache();
    await load(root, cache);
    expect(cache.parsedLastTime).toEqual([HARBOUR, GULLS]);

    const again = await load(root, cache);
    expect(cache.parsedLastTime).toEqual([]);
    expect(again.articles.map((a) => a.title)).toEqual(["Gulls", "Harbour"]);

    await writeFile(path.join(root, HARBOUR), article({ title: "Harbour pilots strike" }));
    const edited = await load(root, cache);
    expect(cache.parsedLastTime).toEqual([HARBOUR]);
    expect(edited.articles.map((a) => a.title)).toEqual(["Gulls", "Harbour pilots strike"]);
  });

  it("gives the same site as a load without a cache", async () => {
    const root = await contentRoot({
      [HARBOUR]: article({ title: "Harbour", tags: "[Coasts]" }),
      [GULLS]: article({ title: "Gulls", date: "2025-03-11", tags: "[Coasts]" }),
    });
    const cache = new ArticleCache();
    await load(root, cache);
    const cached = await load(root, cache);
    const fresh = await loadContent({ root, preview: false, now: NOW });
    // The body stores are objects of their own; what they hold is compared article by article.
    expect({ ...cached, bodies: undefined }).toEqual({ ...fresh, bodies: undefined });
    for (const a of fresh.articles) expect(cached.bodies.html(a.bodyKey)).toBe(fresh.bodies.html(a.bodyKey));
  });

  it("parses every article again when a data file they are checked against changes", async () => {
    const root = await contentRoot({ [HARBOUR]: article({ authors: "[ben]" }), [GULLS]: article({ date: "2025-03-11" }) });
    const cache = new ArticleCache();
    await load(root, cache);

    await writeFile(path.join(root, "_data/authors.yaml"), "ada:\n  name: Ada Reporter\n");
    expect(await problems(root, cache)).toEqual([
      expect.stringMatching(/^src\/articles\/2025-03-10-harbour\.md: authors\.0: is not a known author/),
    ]);
    expect(cache.parsedLastTime).toEqual([HARBOUR, GULLS]);

    await writeFile(path.join(root, "_data/authors.yaml"), BASE_FILES["_data/authors.yaml"] ?? "");
    expect(await problems(root, cache)).toEqual([]);
  });

  it("reports an unchanged article's problems on every load", async () => {
    const root = await contentRoot({ [HARBOUR]: article({ section: "wrold" }), [GULLS]: article({ date: "2025-03-11" }) });
    const cache = new ArticleCache();
    const first = await problems(root, cache);
    expect(first).toEqual([
      expect.stringMatching(/^src\/articles\/2025-03-10-harbour\.md: section: is not a known section; did you mean `world`\?/),
    ]);

    await writeFile(path.join(root, GULLS), article({ date: "2025-03-11", tittle: "x" }));
    const second = await problems(root, cache);
    expect(cache.parsedLastTime).toEqual([GULLS]);
    expect(second).toEqual([first[0], expect.stringMatching(/^src\/articles\/2025-03-11-gulls\.md: tittle: is not a known field/)]);
  });

  it("forgets a deleted article", async () => {
    const root = await contentRoot({ [HARBOUR]: article(), [GULLS]: article({ date: "2025-03-11" }) });
    const cache = new ArticleCache();
    await load(root, cache);
    await rm(path.join(root, GULLS));
    const site = await load(root, cache);
    expect(site.articles.map((a) => a.file)).toEqual([HARBOUR]);
    expect(cache.parsedLastTime).toEqual([]);
  });
});
