/** What a load reads, what it leaves out, and the content hash that names what it read. */
import { mkdir, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fingerprintContent, readContent } from "../../../scripts/lib/content/content-files.ts";
import { ArticleCache } from "../../../scripts/lib/content/file-cache.ts";
import { loadContent } from "../../../scripts/lib/content/load-content.ts";
import { ContentError, formatProblem } from "../../../scripts/lib/content/content-error.ts";
import { FIXTURE } from "../../helpers/site.ts";
import { article, contentRoot, removeContentRoots } from "../../helpers/content-root.ts";

afterAll(removeContentRoots);

const NOW = "2025-04-01T00:00:00Z";

describe("the content hash", () => {
  it("is the fingerprint of the files on disk, for a load from the dev server's cache too", async () => {
    const options = { root: FIXTURE, preview: true, now: NOW };
    const site = await loadContent(options);
    expect(site.contentHash).toMatch(/^[0-9a-f]{16}$/);
    expect(site.contentHash).toBe(await fingerprintContent(FIXTURE));
    expect((await loadContent({ ...options, cache: new ArticleCache() })).contentHash).toBe(site.contentHash);
  });

  it("changes with any byte of any content file, and names the bytes the load parsed", async () => {
    const file = "src/articles/2025-03-10-harbour.md";
    const root = await contentRoot({ [file]: article({ title: "Before" }) });
    const before = await loadContent({ root, preview: false, now: NOW });
    await writeFile(path.join(root, file), article({ title: "After" }));
    expect(await fingerprintContent(root)).not.toBe(before.contentHash);
    const after = await loadContent({ root, preview: false, now: NOW });
    expect(after.articles.map((a) => a.title)).toEqual(["After"]);
    expect(after.contentHash).toBe(await fingerprintContent(root));
    await writeFile(path.join(root, "_data/teasers.yaml"), "latest: []\n# a comment\n");
    expect(await fingerprintContent(root)).not.toBe(after.contentHash);
  });

  it("reports a data file missing from what was read as unreadable, like one missing from disk", async () => {
    const root = await contentRoot({ "_data/authors.yaml": null });
    const lines = async (load: Promise<unknown>) =>
      load.then(
        () => [],
        (e: unknown) => (e instanceof ContentError ? e.problems.map(formatProblem) : Promise.reject(e)),
      );
    const fromSnapshot = await lines(loadContent({ root, preview: false, now: NOW, read: await readContent(root) }));
    expect(fromSnapshot).toEqual(await lines(loadContent({ root, preview: false, now: NOW })));
    expect(fromSnapshot.join("\n")).toMatch(/_data\/authors\.yaml.*cannot be read/);
  });
});

describe("files that are not read", () => {
  it("get a warning each, naming the file and why, from a build and from the dev server's cache alike", async () => {
    const good = "src/articles/2025-03-10-harbour.md";
    const root = await contentRoot({
      [good]: article({ title: "Harbour" }),
      "src/articles/2025-03-11-shouting.MD": article({ title: "Shouting" }),
      "src/articles/2025-03-12-long.markdown": article({ title: "Long" }),
      "src/articles/notes.txt": "notes",
      "src/articles/.gitkeep": "",
      "src/articles/.2025-03-10-harbour.md.swp": "swap",
    });
    await symlink(path.join(root, good), path.join(root, "src/articles/2025-03-13-linked.md"));
    await symlink(path.join(root, "_data/site.yaml"), path.join(root, "_data/extra.yaml"));
    const expected = [
      "_data/extra.yaml: (file): is a symbolic link, which the build does not follow; put the file itself here",
      "src/articles/2025-03-11-shouting.MD: (file): is not read: articles are files ending in .md; rename it to 2025-03-11-shouting.md",
      "src/articles/2025-03-12-long.markdown: (file): is not read: articles are files ending in .md; rename it to 2025-03-12-long.md",
      "src/articles/2025-03-13-linked.md: (file): is a symbolic link, which the build does not follow; put the file itself here",
      "src/articles/notes.txt: (file): is not read: articles are files ending in .md",
    ];
    const built = await loadContent({ root, preview: false, now: NOW, read: await readContent(root) });
    expect(built.warnings).toEqual(expected);
    expect(built.articles.map((a) => a.title)).toEqual(["Harbour"]);
    expect((await loadContent({ root, preview: false, now: NOW, cache: new ArticleCache() })).warnings).toEqual(expected);
  });

  it("reads src/articles/ and _data/ that are themselves links as the folders they lead to", async () => {
    const elsewhere = await contentRoot({ "src/articles/2025-03-11-elsewhere.md": article({ title: "Elsewhere" }) });
    const root = await contentRoot({});
    for (const folder of ["src/articles", "_data"]) {
      await rm(path.join(root, folder), { recursive: true });
      await symlink(path.join(elsewhere, folder), path.join(root, folder));
    }
    const built = await loadContent({ root, preview: false, now: NOW, read: await readContent(root) });
    expect(built.warnings).toEqual([]);
    expect(built.articles.map((a) => a.title)).toEqual(["Elsewhere"]);
    expect(built.settings.title).toBe("Test");
  });

  it("never walks into a linked folder: one warning for the link, none for what it holds, a loop included", async () => {
    const outside = await contentRoot({ "src/articles/2025-03-11-elsewhere.md": article({ title: "Elsewhere" }) });
    const root = await contentRoot({ "src/articles/2025-03-10-harbour.md": article({ title: "Harbour" }) });
    await symlink(path.join(outside, "src/articles"), path.join(root, "src/articles/ext"));
    await mkdir(path.join(root, "src/articles/loop"));
    await symlink("../loop", path.join(root, "src/articles/loop/again"));
    const link = "is a symbolic link, which the build does not follow; put the file itself here";
    const expected = [`src/articles/ext: (file): ${link}`, `src/articles/loop/again: (file): ${link}`];
    const built = await loadContent({ root, preview: false, now: NOW, read: await readContent(root) });
    expect(built.warnings).toEqual(expected);
    expect(built.articles.map((a) => a.title)).toEqual(["Harbour"]);
    expect((await loadContent({ root, preview: false, now: NOW, cache: new ArticleCache() })).warnings).toEqual(expected);
  });
});
