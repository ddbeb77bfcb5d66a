import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, inject, it } from "vitest";
import { ARTICLE_BUDGET_BYTES } from "../../scripts/lib/build/page-budgets.ts";
import { pageWeigher } from "../../scripts/lib/build/page-weigher.ts";
import { build, copyFixture } from "../helpers/site.ts";

/** Words that do not repeat in a pattern, so gzip cannot shrink them away. */
function prose(words: number): string {
  let seed = 2463534242;
  const next = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return seed >>> 0;
  };
  const out: string[] = [];
  for (let i = 0; i < words; i++)
    out.push(Array.from({ length: 3 + (next() % 7) }, () => String.fromCharCode(97 + (next() % 26))).join(""));
  return out.join(" ");
}

describe("the article page weight budget", () => {
  it("is met by the fixture's articles, HTML and CSS together", async () => {
    const site = inject("fixtureSite");
    const weigher = pageWeigher(site);
    await weigher.weigh([
      { url: "/2025/03/12/lighthouse-keepers-strike/", file: "x.md" },
      { url: "/2025/03/10/harbour-tariffs/", file: "y.md" },
    ]);
    const { weights, heaviest } = await weigher.done();
    for (const w of weights) {
      expect(w.html).toBeGreaterThan(500);
      expect(w.css).toBeGreaterThan(500);
      expect(w.total).toBe(w.html + w.css);
      expect(w.total).toBeLessThanOrEqual(ARTICLE_BUDGET_BYTES);
    }
    // The page the build reports as heaviest is weighed exactly, at gzip's level 9.
    const page = await readFile(path.join(site, heaviest?.url ?? "", "index.html"));
    expect(heaviest?.html).toBe(gzipSync(page, { level: 9 }).length);
  });

  it("weighs runs of pages given while it works, in the order given, and fails on a page that was not written", async () => {
    const site = inject("fixtureSite");
    const weigher = pageWeigher(site);
    await weigher.weigh([{ url: "/2025/03/12/lighthouse-keepers-strike/", file: "x.md" }]);
    await weigher.weigh([{ url: "/2025/03/10/harbour-tariffs/", file: "y.md" }]);
    const { weights } = await weigher.done();
    expect(weights.map((w) => w.file)).toEqual(["x.md", "y.md"]);

    const missing = pageWeigher(site);
    await missing.weigh([
      { url: "/2025/03/10/harbour-tariffs/", file: "y.md" },
      { url: "/2099/01/01/never-written/", file: "z.md" },
    ]);
    await expect(missing.done()).rejects.toThrow(/never-written/);
  });

  it("stops the build when an article is too heavy, naming the file, the page and the excess", async () => {
    const fixture = await copyFixture();
    try {
      await writeFile(
        path.join(fixture.root, "src/articles/2025-03-15-endless-report.md"),
        `---\ntitle: An endless report\ndate: 2025-03-15\nsection: world\nauthors: [ada]\n---\n\nA short lead, shown on other pages.\n\n${prose(5000)}\n`,
      );
      const result = await build(fixture.root, fixture.out);
      expect(result.code, result.stdout).toBe(1);
      expect(result.stderr).toMatch(
        /src\/articles\/2025-03-15-endless-report\.md: \(page weight\): the page \/2025\/03\/15\/endless-report\/ is [\d,]+ bytes over the article budget: HTML [\d.]+ kB \+ CSS [\d.]+ kB gzip; .*\(got [\d.]+ kB, expected at most 20\.0 kB\)/,
      );
      // Only the heavy article is named: its neighbours show just its short lead.
      expect(result.stderr).toContain("Content has 1 problem:");
      expect(result.stderr).toContain("The previous site, if any, was left as it was.");
      // The failed build kept its parses for the next one (an index and the pack of bodies it names).
      const kept = await readdir(path.join(fixture.root, ".cache/articles"));
      expect(kept).toContain("index");
      expect(kept.filter((name) => name.startsWith("pack-"))).toHaveLength(1);
    } finally {
      await fixture.cleanup();
    }
  });

  it("weighs the pages of every run when the articles render in runs, the first and the last included", async () => {
    const fixture = await copyFixture();
    try {
      const heavy = (date: string, slug: string) =>
        writeFile(
          path.join(fixture.root, `src/articles/${date}-${slug}.md`),
          `---\ntitle: A heavy report\ndate: ${date}\nsection: world\nauthors: [ada]\n---\n\nA short lead.\n\n${prose(5000)}\n`,
        );
      // The newest article and the oldest: in the first run of articles and in the last.
      await heavy("2025-03-31", "newest-report");
      await heavy("1990-01-01", "oldest-report");
      const result = await build(fixture.root, fixture.out, { BROADSHEET_PAGES_PER_RUN: "2" });
      expect(result.code, result.stdout).toBe(1);
      expect(result.stderr).toContain("Content has 2 problems:");
      expect(result.stderr).toMatch(/2025-03-31-newest-report\.md: \(page weight\)/);
      expect(result.stderr).toMatch(/1990-01-01-oldest-report\.md: \(page weight\)/);
    } finally {
      await fixture.cleanup();
    }
  });

  it("lets a long-form section allow heavier pages, and nothing else", async () => {
    const fixture = await copyFixture();
    try {
      const sections = path.join(fixture.root, "_data/sections.yaml");
      await writeFile(sections, `${await readFile(sections, "utf8")}- id: documents\n  name: Documents\n  pageBudgetKB: 60\n`);
      const article = (date: string, slug: string, section: string) =>
        writeFile(
          path.join(fixture.root, `src/articles/${date}-${slug}.md`),
          `---\ntitle: ${slug}\ndate: ${date}\nsection: ${section}\nauthors: [ada]\n---\n\nA short lead.\n\n${prose(5000)}\n`,
        );
      await article("2025-03-15", "long-document", "documents");
      const allowed = await build(fixture.root, fixture.out);
      expect(allowed.code, allowed.stderr).toBe(0);
      expect(allowed.stdout).toMatch(/Heaviest article: \/2025\/03\/15\/long-document\/, [\d.]+ kB of its 60\.0 kB budget/);

      await article("2025-03-16", "long-news", "world");
      const refused = await build(fixture.root, fixture.out);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("2025-03-16-long-news.md: (page weight)");
      expect(refused.stderr).not.toContain("long-document.md");
    } finally {
      await fixture.cleanup();
    }
  });
});
