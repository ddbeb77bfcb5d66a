/** The author's commands, run as a person runs them, on scratch copies of the fixture. */
import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { article, contentRoot, removeContentRoots } from "../helpers/content-root.ts";
import { build, fixturePool, runScript, type Fixture } from "../helpers/site.ts";

const { fixture, cleanup } = fixturePool();
afterAll(cleanup);
afterAll(removeContentRoots);

const NOW = { BUILD_NOW: "2025-04-01T00:00:00Z" };

describe("npm run check:content", () => {
  const good = {
    "src/articles/2025-03-10-a-story.md": article(),
    "src/articles/2025-03-11-draft.md": article({ draft: "true" }),
    "src/articles/2099-01-01-later.md": article({ date: "2099-01-01" }),
  };

  it("passes good content, counting what it checked", async () => {
    const r = await runScript("check-content.ts", ["--content", await contentRoot(good)], NOW);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^Content OK: 3 articles \(1 published, 2 drafts or scheduled\), 2 sections, 2 authors, checked in [\d.]+ s$/m,
    );
  });

  it("fails bad content, drafts included, listing every problem", async () => {
    const root = await contentRoot({
      ...good,
      "src/articles/2025-03-11-draft.md": article({ draft: "true", tittle: "x" }),
      "src/articles/2025-03-21-no-alt.md": article({ image: "{ src: a.jpg }" }),
    });
    const r = await runScript("check-content.ts", ["--content", root], NOW);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toEqual([
      "Content has 2 problems:",
      "  src/articles/2025-03-11-draft.md: tittle: is not a known field; did you mean `title`? (expected one of title, date, updated, section, authors, tags, summary, image, draft, aliases)",
      "  src/articles/2025-03-21-no-alt.md: image.alt: is missing (got nothing, expected alt text describing the image for readers who cannot see it)",
    ]);
  });
});

describe("npm run new", () => {
  it("writes a valid draft named from today and the title, prints its path, and never overwrites", async () => {
    const root = await contentRoot({ "src/articles/2025-03-10-a-story.md": article() });
    // 23:30 UTC on 31 March is already 1 April in London (BST): "today" is the site zone's.
    const env = { BUILD_NOW: "2025-03-31T23:30:00Z" };
    const args = ["--content", root, "--title", "Harbour pilots vote to strike", "--section", "world", "--author", "ben"];
    const r = await runScript("new.ts", args, env);
    expect(r.code, r.stderr).toBe(0);
    const file = path.join(root, "src/articles/2025-04-01-harbour-pilots-vote-to-strike.md");
    expect(r.stdout.trim()).toBe(file);
    const text = await readFile(file, "utf8");
    expect(text).toMatch(/^---\ntitle: "Harbour pilots vote to strike"\ndate: 2025-04-01\nsection: world\nauthors: \[ben\]\n/);
    const check = await runScript("check-content.ts", ["--content", root], env);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/Content OK: 2 articles \(1 published, 1 drafts or scheduled\)/);

    await writeFile(file, `${text}\nMy own words.\n`);
    const again = await runScript("new.ts", args, env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`${file} already exists; not overwriting it.`);
    expect(await readFile(file, "utf8")).toContain("My own words.");
  });

  it("refuses a title whose URL an article in a subfolder already has", async () => {
    const root = await contentRoot({ "src/articles/2025/2025-04-01-sub-story.md": article({ date: "2025-04-01" }) });
    const r = await runScript("new.ts", ["--content", root, "--title", "Sub story", "--section", "world"], {
      BUILD_NOW: "2025-04-01T09:00:00Z",
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("src/articles/2025/2025-04-01-sub-story.md already has this date and slug");
    expect(await readdir(path.join(root, "src/articles"))).toEqual(["2025"]);
  });

  it("lists the valid ids when the section or author is unknown", async () => {
    const root = await contentRoot({});
    const before = (await readdir(root, { recursive: true })).sort();
    const r = await runScript("new.ts", ["--content", root, "--title", "X", "--section", "sport", "--author", "adda"], NOW);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--section: "sport" is not a known section (valid: world, opinion)');
    expect(r.stderr).toContain('--author: "adda" is not a known author; did you mean ada? (valid: ada, ben)');
    expect((await readdir(root, { recursive: true })).sort()).toEqual(before);
  });
});

describe("npm run import -- sotu", () => {
  let f: Fixture;
  let first: Awaited<ReturnType<typeof runScript>>;
  let authorsBefore: string;
  const articlesDir = () => path.join(f.root, "src/articles");
  const imported = async () => (await readdir(articlesDir())).filter((n) => n.includes("state-of-the-union")).sort();

  beforeAll(async () => {
    f = await fixture();
    authorsBefore = await readFile(path.join(f.root, "_data/authors.yaml"), "utf8");
    first = await runScript("import.ts", ["sotu", "--limit", "5", "--max-words", "5000", "--content", f.root]);
  });

  it("imports a spread of the addresses that fit the word limit as articles, showing progress", async () => {
    expect(first.code, first.stderr).toBe(0);
    expect(await imported()).toEqual([
      "1790-01-01-state-of-the-union-1790-george-washington.md",
      "1811-01-01-state-of-the-union-1811-james-madison.md",
      "1930-01-01-state-of-the-union-1930-herbert-hoover.md",
      "1969-01-01-state-of-the-union-1969-lyndon-b-johnson.md",
      "2017-01-01-state-of-the-union-2017-donald-j-trump.md",
    ]);
    expect(first.stderr).toMatch(/^\[1\/5\] written {3}src\/articles\/1790-01-01-state-of-the-union-1790-george-washington\.md$/m);
    expect(first.stderr).toMatch(
      /^Imported 5 State of the Union addresses in [\d.]+ s: 5 written, 0 unchanged, 0 skipped; 5 authors added, section state-of-the-union added\.$/m,
    );
  });

  it("adds the presidents as authors and the section, keeping what was there", async () => {
    const authors = await readFile(path.join(f.root, "_data/authors.yaml"), "utf8");
    expect(authors.startsWith(authorsBefore)).toBe(true);
    expect(authors.slice(authorsBefore.length)).toContain(
      "lyndon-b-johnson:\n  name: Lyndon B. Johnson\n  bio: President of the United States (Democratic).\n",
    );
    expect(await readFile(path.join(f.root, "_data/sections.yaml"), "utf8")).toContain(
      "- id: state-of-the-union\n  name: State of the Union\n",
    );
  });

  it("is idempotent, and never overwrites a file an editor has claimed", async () => {
    const snapshot = async () =>
      Promise.all(
        [...(await readdir(articlesDir())).sort(), "../../_data/authors.yaml", "../../_data/sections.yaml"].map((n) =>
          readFile(path.join(articlesDir(), n), "utf8"),
        ),
      );
    const before = await snapshot();
    const again = await runScript("import.ts", ["sotu", "--limit", "5", "--max-words", "5000", "--content", f.root]);
    expect(again.stderr).toMatch(
      /Imported 5 State of the Union addresses in [\d.]+ s: 0 written, 5 unchanged, 0 skipped; 0 authors added\.$/m,
    );
    expect(await snapshot()).toEqual(before);

    const claimed = path.join(articlesDir(), "1811-01-01-state-of-the-union-1811-james-madison.md");
    const generated = path.join(articlesDir(), "1790-01-01-state-of-the-union-1790-george-washington.md");
    const edited = (await readFile(claimed, "utf8")).replace(/^# Imported by.*\n/m, "").replace("James Madison", "President Madison");
    await writeFile(claimed, edited);
    await writeFile(generated, (await readFile(generated, "utf8")).replace("George Washington", "G. W."));
    const third = await runScript("import.ts", ["sotu", "--limit", "5", "--max-words", "5000", "--content", f.root]);
    expect(third.stderr).toContain("skipped   src/articles/1811-01-01-state-of-the-union-1811-james-madison.md (edited by hand");
    expect(third.stderr).toMatch(/1 written, 3 unchanged, 1 skipped/);
    expect(await readFile(claimed, "utf8")).toBe(edited);
    expect(await readFile(generated, "utf8")).toBe(before[0]);
  });

  it("gives content that validates and builds into readable articles", async () => {
    const r = await build(f.root, f.out);
    expect(r.code, r.stderr).toBe(0);
    const html = await readFile(path.join(f.out, "2017/01/01/state-of-the-union-2017-donald-j-trump/index.html"), "utf8");
    expect(html).toMatch(/<h1 class="article__title"[^>]*>State of the Union 2017: Donald J. Trump<\/h1>/);
    expect(html).toContain('<a href="/author/donald-j-trump/">Donald J. Trump</a>');
    // The source's stage directions stay as written, brackets and all, with the sentence before them.
    expect(html).toContain("Ryan’s legacy is etched into eternity. Thank you. [Applause]</p>");
    // Sentences the corpus ran together get their space back, and no word.Word becomes a link to a domain.
    expect(html).toContain("America is free. In 9 years");
    expect(html).not.toMatch(/href="http:\/\/(free\.in|you\.it)/i);
    const paragraphs = [...html.matchAll(/<p>([^<]+)<\/p>/g)].map((m) => m[1] ?? "");
    expect(paragraphs.length).toBeGreaterThan(30);
    // Every paragraph ends a sentence (or a stage direction after one).
    for (const p of paragraphs) expect(p.trim()).toMatch(/[.!?”"’)\]]$/);
  });
});
