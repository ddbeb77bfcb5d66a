/** Which pages a dev server rebuild renders after an edit. */
import fc from "fast-check";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { loadContent } from "../../../scripts/lib/content/load-content.ts";
import { changedPages, pagesGone, sameData } from "../../../scripts/lib/pages/render-set.ts";
import { article, contentRoot, removeContentRoots } from "../../helpers/content-root.ts";

afterAll(removeContentRoots);

const load = (root: string) => loadContent({ root, preview: true, now: "2025-04-01T00:00:00Z" });

/** Five world articles a day apart; the opinion one stands alone. */
async function site() {
  const files: Record<string, string> = {};
  for (let day = 10; day <= 14; day++)
    files[`src/articles/2025-03-${day}-world-${day}.md`] = article({ title: `World ${day}`, date: `2025-03-${day}` }, `Lead of ${day}.`);
  files["src/articles/2025-02-01-opinion.md"] = article({ title: "Opinion", date: "2025-02-01", section: "opinion" }, "An opinion.");
  return contentRoot(files);
}

const urls = (pages: readonly { url: string }[]) => pages.map((p) => p.url).sort();

describe("changedPages", () => {
  it("renders everything on the first build", async () => {
    const next = await load(await site());
    const set = changedPages(undefined, next).render;
    expect(set.articles).toHaveLength(6);
    expect(set.lists).toEqual(next.listings.lists);
  });

  it("renders only the edited article, and lists holding it, when its body changed below the lead", async () => {
    const root = await site();
    const before = await load(root);
    await writeFile(
      path.join(root, "src/articles/2025-03-12-world-12.md"),
      article({ title: "World 12", date: "2025-03-12" }, "Lead of 12.\n\nA new paragraph."),
    );
    const set = changedPages(before, await load(root)).render;
    expect(urls(set.articles)).toEqual(["/2025/03/12/world-12/"]);
    // List items carry the whole article, so the lists holding it count as changed.
    expect(urls(set.lists)).toContain("/section/world/");
    for (const list of set.lists)
      expect(
        list.items.some((i) => i.url === "/2025/03/12/world-12/"),
        list.url,
      ).toBe(true);
  });

  it("renders the lists and neighbours that show an edited headline", async () => {
    const root = await site();
    const before = await load(root);
    await writeFile(
      path.join(root, "src/articles/2025-03-12-world-12.md"),
      article({ title: "World 12, revised", date: "2025-03-12" }, "Lead of 12."),
    );
    const after = await load(root);
    const set = changedPages(before, after).render;
    // Itself, and every article whose further reading names it.
    const showing = after.articles.filter(
      (a) => a.url === "/2025/03/12/world-12/" || a.further.some((l) => l.title === "World 12, revised"),
    );
    expect(urls(set.articles)).toEqual(urls(showing));
    expect(urls(set.articles)).not.toContain("/2025/02/01/opinion/");
    expect(urls(set.lists)).toContain("/section/world/");
    expect(urls(set.lists)).not.toContain("/section/opinion/");
    for (const list of set.lists)
      expect(
        list.items.some((i) => i.title === "World 12, revised"),
        list.url,
      ).toBe(true);
  });

  it("renders everything when what every page shows changed", async () => {
    const root = await site();
    const before = await load(root);
    await writeFile(path.join(root, "_data/sections.yaml"), "- id: world\n  name: The World\n- id: opinion\n  name: Opinion\n");
    const after = await load(root);
    expect(changedPages(before, after).render.articles).toHaveLength(6);
  });

  it("renders everything when a section gains its first article or loses its last, as the navigation lists only sections in use", async () => {
    const root = await site();
    const opinion = path.join(root, "src/articles/2025-02-01-opinion.md");
    const before = await load(root);
    await writeFile(opinion, article({ title: "Opinion", date: "2025-02-01", section: "world" }, "An opinion."));
    const after = await load(root);
    expect(after.navSections.map((s) => s.id)).toEqual(["world"]);
    expect(changedPages(before, after).render.articles).toHaveLength(6);
    expect(changedPages(after, before).render.articles).toHaveLength(6);
  });
});

describe("changedPages after an edit to the Latest list", () => {
  const teasers = (...lines: string[]) => `latest:\n${lines.map((line) => `  - ${line}\n`).join("")}`;
  const edit = async (root: string, text: string) => writeFile(path.join(root, "_data/teasers.yaml"), text);

  it("splices the new rail into every page that shows the site's, rendering one of them to take it from", async () => {
    const root = await site();
    await edit(root, teasers("text: A wire story"));
    const before = await load(root);
    await edit(root, teasers("text: A wire story", "text: A second wire story"));
    const after = await load(root);
    const { render, splice } = changedPages(before, after);
    expect(render.lists).toEqual([]);
    expect(render.articles).toHaveLength(1);
    expect(urls([...render.articles, ...splice])).toEqual(urls(after.articles));
    for (const article of [...render.articles, ...splice]) expect(article.rail).toBe(after.rail);
  });

  it("renders the pages that show a rail of their own, and splices the rest", async () => {
    const root = await site();
    // Opinion pieces far from the world story in the list, whose further reading does not name it.
    for (const day of [2, 3, 4])
      await writeFile(
        path.join(root, `src/articles/2025-01-0${day}-opinion-${day}.md`),
        article({ title: `Opinion ${day}`, date: `2025-01-0${day}`, section: "opinion" }, "An opinion."),
      );
    await edit(root, teasers("article: 2025-03-12-world-12", "text: A wire story"));
    const before = await load(root);
    await edit(root, teasers("article: 2025-03-12-world-12", "text: A wire story, updated"));
    const after = await load(root);
    const { render, splice } = changedPages(before, after);
    // List pages show no rail, so none of them is rendered for it.
    expect(render.lists).toEqual([]);
    const ownRail = after.articles.filter((a) => a.rail !== after.rail);
    // The article in the list, and those whose further reading names it.
    expect(urls(ownRail)).toContain("/2025/03/12/world-12/");
    expect(urls(render.articles)).toEqual(expect.arrayContaining(urls(ownRail)));
    expect(render.articles.some((a) => a.rail === after.rail)).toBe(true);
    expect(urls(splice)).toEqual(urls(after.articles.filter((a) => a.rail === after.rail && !render.articles.includes(a))));
    expect(splice.length).toBeGreaterThan(0);
  });

  it("renders an article edited with it, and the lists that show that article, and splices the rest", async () => {
    const root = await site();
    await edit(root, teasers("text: A wire story"));
    const before = await load(root);
    await edit(root, teasers("text: Another wire story"));
    await writeFile(
      path.join(root, "src/articles/2025-03-12-world-12.md"),
      article({ title: "World 12, revised", date: "2025-03-12" }, "Lead of 12."),
    );
    const { render, splice } = changedPages(before, await load(root));
    expect(urls(render.articles)).toContain("/2025/03/12/world-12/");
    expect(urls(render.lists)).toContain("/section/world/");
    expect(urls(splice)).not.toContain("/2025/03/12/world-12/");
    expect(urls(splice)).toContain("/2025/02/01/opinion/");
  });

  it("renders every page when the list was empty or becomes empty: there is no rail to replace or to take", async () => {
    const root = await site();
    const empty = await load(root);
    await edit(root, teasers("text: A wire story"));
    const filled = await load(root);
    for (const [before, after] of [
      [empty, filled],
      [filled, empty],
    ] as const) {
      const { render, splice } = changedPages(before, after);
      expect(render.articles).toHaveLength(6);
      expect(splice).toEqual([]);
    }
  });
});

describe("pagesGone", () => {
  it("names the pages of a deleted article and of lists only it was on (a section stays, empty)", async () => {
    const root = await site();
    const before = await load(root);
    await rm(path.join(root, "src/articles/2025-02-01-opinion.md"));
    const after = await load(root);
    expect(pagesGone(before, after).sort()).toEqual(["/2025/02/01/opinion/", "/archive/2025/02/"]);
    expect(pagesGone(undefined, after)).toEqual([]);
    expect(pagesGone(after, after)).toEqual([]);
  });
});

describe("sameData", () => {
  it("compares plain data by value", () => {
    expect(sameData({ a: [1, { b: "x" }] }, { a: [1, { b: "x" }] })).toBe(true);
    expect(sameData({ a: [1, { b: "x" }] }, { a: [1, { b: "y" }] })).toBe(false);
    expect(sameData({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameData([1], { 0: 1 })).toBe(false);
    expect(sameData(undefined, { a: 1 })).toBe(false);
    expect(sameData({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(sameData({ a: 1 }, { b: 1 })).toBe(false);
  });

  it("agrees with Node's deep equality on any JSON data, equal or one change apart", () => {
    // Loader data never has a `__proto__` key (the schema names every key), which deep equality treats as a prototype.
    const json = fc
      .jsonValue()
      .map((v) => JSON.stringify(v))
      .filter((text) => !text.includes('"__proto__"'))
      .map((text) => JSON.parse(text) as unknown);
    fc.assert(
      fc.property(json, json, (a, b) => {
        expect(sameData(a, b)).toBe(isDeepStrictEqual(a, b));
        expect(sameData(a, structuredClone(a))).toBe(true);
      }),
    );
    fc.assert(
      fc.property(
        fc
          .dictionary(
            fc.string().filter((key) => key !== "__proto__"),
            json,
            { minKeys: 1 },
          )
          .map((r) => ({ ...r })),
        json,
        (record, value) => {
          const changed = { ...record, [Object.keys(record)[0] ?? ""]: value };
          expect(sameData(record, changed)).toBe(isDeepStrictEqual(record, changed));
          expect(sameData([record], [changed])).toBe(isDeepStrictEqual(record, changed));
        },
      ),
    );
  });
});
