import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { brownPressSentences, detokenize } from "../../../scripts/lib/bench/brown-corpus.ts";
import { corpusFiles, MAX_WORDS, MIN_WORDS, planArticles, writeCorpus } from "../../../scripts/lib/bench/synthetic-corpus.ts";
import { loadContent } from "../../../scripts/lib/content/load-content.ts";
import type { Site } from "../../../scripts/lib/content/site-model.ts";

let sentences: string[];
let dir: string;
let site: Site;
const ARTICLES = 120;

beforeAll(async () => {
  sentences = await brownPressSentences();
  dir = await mkdtemp(path.join(tmpdir(), "broadsheet-corpus-"));
  await writeCorpus(dir, { articles: ARTICLES, seed: 7, sentences });
  site = await loadContent({ root: dir, preview: false, now: "2026-06-01T00:00:00Z" });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("the Brown Corpus text source", () => {
  it("turns tagged tokens into a plain sentence with curly quotes", () => {
    expect(detokenize("\tThe/at jury/nn said/vbd ``/`` no/at evidence/nn ''/'' was/bedz found/vbn ./.")).toBe(
      "The jury said “no evidence” was found.",
    );
  });

  it("drops headlines and fragments", () => {
    expect(detokenize("Jury/nn-hl finds/vbz-hl ./.")).toBeUndefined();
    expect(detokenize("and/cc then/rb")).toBeUndefined();
  });

  it("yields thousands of real newspaper sentences", () => {
    expect(sentences.length).toBeGreaterThan(5000);
    expect(sentences).toContain(
      "The jury said it did find that many of Georgia's registration and election laws “are outmoded or inadequate and often ambiguous”.",
    );
  });
});

describe("the synthetic corpus", () => {
  it("is the same for the same seed and different for another", () => {
    const files = (seed: number) => [...corpusFiles({ articles: 30, seed, sentences })].map((f) => `${f.path}\n${f.content}`).join("\n");
    expect(files(3)).toBe(files(3));
    expect(files(3)).not.toBe(files(4));
  });

  it("writes a content root the site's loader accepts, with every article published", async () => {
    expect(site.articles).toHaveLength(ARTICLES);
    expect(await readdir(path.join(dir, "src/articles"))).toHaveLength(ARTICLES);
  });

  it("gives every article 600 to 900 words with headings, a list and links", async () => {
    for (const article of site.articles) {
      const html = site.bodies.html(article.bodyKey);
      expect(article.wordCount).toBeGreaterThanOrEqual(MIN_WORDS);
      expect(article.wordCount).toBeLessThanOrEqual(MAX_WORDS);
      expect(html.match(/<p>/g)?.length ?? 0).toBeGreaterThanOrEqual(4);
      expect(html).toMatch(/<h2 id="[^"]+">/);
      expect(html).toMatch(/<ul>\s*<li dir="auto">/);
      expect(html).toMatch(/<a href="\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+\/">/);
    }
  });

  it("spreads articles over 8 sections, 20 authors, 30 tags and five years", () => {
    expect(site.sections).toHaveLength(8);
    expect(site.authors).toHaveLength(20);
    expect(new Set(site.articles.map((a) => a.section.id)).size).toBe(8);
    expect(new Set(site.articles.flatMap((a) => a.authors.map((x) => x.id))).size).toBe(20);
    expect(site.tags).toHaveLength(30);
    const years = new Set(site.articles.map((a) => a.date.year));
    expect([...years].sort()).toEqual([2021, 2022, 2023, 2024, 2025]);
  });

  it("names files uniquely even when headlines and days repeat", () => {
    const plans = planArticles({ articles: 3000, seed: 1, sentences: sentences.slice(0, 40), years: 0.05 });
    expect(new Set(plans.map((p) => p.id)).size).toBe(3000);
  });

  it("points the Latest teasers at the newest articles", async () => {
    const teasers = await readFile(path.join(dir, "_data/teasers.yaml"), "utf8");
    expect(teasers).toContain(`article: ${site.articles[0]?.id}`);
    expect(site.latest).toHaveLength(5);
  });
});
