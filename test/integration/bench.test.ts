import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BenchReport, SideReport } from "../../scripts/lib/bench/run-bench.ts";
import { PAGE_SIZE } from "../../src/assets/search/index-format.ts";
import { hugoBinary } from "../../scripts/lib/bench/hugo-stack.ts";
import { runScript, type RunResult } from "../helpers/site.ts";

let dir: string;
let result: RunResult;
let report: BenchReport;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "broadsheet-bench-test-"));
  result = await runScript("bench.ts", ["--articles", "200", "--runs", "1", "--edits", "1", "--json", path.join(dir, "report.json")]);
  report = JSON.parse(await readFile(path.join(dir, "report.json"), "utf8")) as BenchReport;
}, 180_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const positive = (n: unknown) => typeof n === "number" && Number.isFinite(n) && n > 0;

/** The bare stack's side of a report that measured it. */
function bareSide(r: BenchReport): SideReport {
  if (!r.baseline) throw new Error("the report has no bare stack");
  return r.baseline;
}

function expectComplete(side: SideReport, label: string) {
  for (const field of [
    "buildSeconds",
    "cpuSeconds",
    "perArticleMs",
    "peakMB",
    "indexBytes",
    "indexFiles",
    "firstQueryBytes",
    "firstQueryBytesGz",
    "articlePageBytesGz",
    "editToPreviewSeconds",
  ] as const) {
    expect(positive(side[field]), `${label}.${field} = ${side[field]}`).toBe(true);
  }
  // A build's processes cannot use more CPU time than the machine's cores had while it ran.
  expect(side.cpuSeconds ?? Infinity).toBeLessThan(side.buildSeconds * (availableParallelism() + 1));
  expect(side.articlesIndexed).toBe(200);
  expect(side.pagesWritten).toBeGreaterThanOrEqual(200);
  expect(side.firstQueryBytesGz).toBeLessThanOrEqual(side.firstQueryBytes);
}

describe("npm run bench on 200 synthetic articles", () => {
  it("finishes and prints a table with every figure, ours beside the baseline", () => {
    expect(result.code, result.stderr).toBe(0);
    for (const row of [
      "full build",
      "CPU time, user + system",
      "per article",
      "peak memory",
      "pages written",
      "articles indexed",
      "search index",
      "first query",
      "article page",
      "edit-to-preview",
    ]) {
      expect(result.stdout).toContain(row);
    }
    expect(result.stdout).toMatch(/ours\/baseline/);
  });

  it("writes the JSON report in the agreed shape, with every figure measured for both builds", () => {
    expect(report.articles).toBe(200);
    expect(report.runs).toBe(1);
    expect(report.machine).toMatch(/core.*Node v\d+/);
    expectComplete(report.ours, "ours");
    expectComplete(bareSide(report), "baseline");
    for (const ratio of ["buildSeconds", "cpuSeconds", "peakMB", "firstQueryBytesGz", "editToPreviewSeconds"] as const)
      expect(positive(report.ratios[ratio]), ratio).toBe(true);
  });

  it("times a Latest-list edit in our dev server until an article page shows the new teaser (the bare stack has no such list)", () => {
    expect(positive(report.ours.teaserEditToPreviewSeconds)).toBe(true);
    expect(report.ours.dev?.other?.editSeconds).toHaveLength(1);
    expect(bareSide(report).teaserEditToPreviewSeconds).toBeNull();
    expect(result.stdout).toMatch(/a Latest-list edit \(median\)\s+\d+\.\d\d s\s+–/);
  });

  it("counts the files a first query really fetches: runtime and its worker, wasm, metadata, index chunk and a page of result fragments", () => {
    for (const side of [report.ours, bareSide(report)]) {
      const files = side.firstQuery.files.map((f) => f.file);
      expect(side.firstQuery.results).toBeGreaterThan(5);
      expect(files).toContain("pagefind.js");
      expect(files).toContain("pagefind-worker.js");
      expect(files).toContain("pagefind-entry.json");
      expect(files.some((f) => f.startsWith("wasm."))).toBe(true);
      expect(files.some((f) => f.endsWith(".pf_meta"))).toBe(true);
      expect(files.filter((f) => f.endsWith(".pf_index")).length).toBeGreaterThan(0);
      expect(files.filter((f) => f.endsWith(".pf_fragment"))).toHaveLength(PAGE_SIZE);
      expect(side.firstQueryBytes).toBe(side.firstQuery.files.reduce((n, f) => n + f.bytes, 0));
    }
  });
});

describe("npm run bench: the warm rebuild and the Hugo stack", () => {
  it("times a rebuild after one article is added, with the cache of the last cold build", () => {
    expect(positive(report.warm.seconds)).toBe(true);
    expect(report.warm.index).toMatch(/^Search index: /);
    // One article was added: only its file is parsed.
    expect(report.warm.parses).toMatch(/^Article files: 1 parsed, [1-9]\d* from the cache\.$/);
    expect(report.warm.pages).toMatch(/^Pages: [1-9]\d* rendered, [1-9]\d* from the cache\.$/);
    expect(positive(report.ratios.warmToCold)).toBe(true);
    expect(result.stdout).toMatch(/warm rebuild after adding one article/);
  });

  it("times a rebuild after one more article is published with its teaser, its new rail spliced into the stored pages", () => {
    expect(positive(report.warmWithTeaser.seconds)).toBe(true);
    expect(report.warmWithTeaser.parses).toMatch(/^Article files: 1 parsed, [1-9]\d* from the cache\.$/);
    expect(report.warmWithTeaser.pages).toMatch(
      /^Pages: [1-9]\d* rendered, [1-9]\d* from the cache \([1-9]\d* of them with the new Latest rail spliced in\)\.$/,
    );
    expect(positive(report.ratios.warmWithTeaserToCold)).toBe(true);
    expect(result.stdout).toMatch(/then one more article with its teaser at the top of the Latest list/);
  });

  it("measures the Hugo stack when hugo is installed, and says it skipped it when not", () => {
    if (hugoBinary()) {
      expect(report.hugo?.runs).toHaveLength(1);
      for (const field of ["buildSeconds", "cpuSeconds", "renderSeconds", "indexSeconds", "peakMB"] as const)
        expect(positive(report.hugo?.[field])).toBe(true);
      expect(positive(report.ratios.hugoBuildSeconds)).toBe(true);
      expect(positive(report.ratios.hugoCpuSeconds)).toBe(true);
      expect(result.stdout).toMatch(/Hugo stack \(Hugo \+ Pagefind CLI\): [\d.]+ s/);
    } else {
      expect(report.hugo).toBeNull();
      expect(result.stdout).toContain("Hugo stack: not measured (skipped, or no `hugo` on the PATH)");
    }
  });
});

describe("npm run bench -- --corpus-only", () => {
  it("writes the synthetic content root to a new folder and exits, and refuses a folder that is not empty", async () => {
    const out = path.join(dir, "corpus");
    const first = await runScript("bench.ts", ["--articles", "25", "--corpus-only", out]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`Wrote 25 synthetic articles (seed 1) to ${out}`);
    expect(await readdir(path.join(out, "src/articles"))).toHaveLength(25);
    expect((await readdir(path.join(out, "_data"))).sort()).toEqual(["authors.yaml", "sections.yaml", "site.yaml", "teasers.yaml"]);
    const again = await runScript("bench.ts", ["--articles", "25", "--corpus-only", out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/is not empty/);
  });
});

describe("npm run bench --corpus sotu", () => {
  it("benches every State of the Union address, imported afresh, against the bare stack", async () => {
    const json = path.join(dir, "sotu.json");
    const run = await runScript("bench.ts", ["--corpus", "sotu", "--runs", "1", "--skip-dev", "--json", json]);
    expect(run.code, run.stderr).toBe(0);
    const sotu = JSON.parse(await readFile(json, "utf8")) as BenchReport;
    expect(sotu.corpus).toMatch(/State of the Union/);
    expect(sotu.articles).toBe(233);
    expect(sotu.ours.articlesIndexed).toBe(233);
    expect(bareSide(sotu).articlesIndexed).toBe(233);
    expect(positive(sotu.ratios.buildSeconds)).toBe(true);
  }, 180_000);
});

describe("npm run bench -- --skip-bare", () => {
  it("measures our builds alone, for an archive too large for the bare stack, and says so in the table and the JSON", async () => {
    const json = path.join(dir, "skip-bare.json");
    const run = await runScript("bench.ts", [
      "--articles",
      "40",
      "--runs",
      "1",
      "--skip-bare",
      "--skip-hugo",
      "--skip-dev",
      "--json",
      json,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/run 1\/1 baseline/);
    expect(run.stderr).toContain("bare stack skipped (--skip-bare)");
    expect(run.stderr).toContain("Hugo stack skipped (--skip-hugo)");
    expect(run.stdout).toContain("bare stack: not measured (--skip-bare)");
    expect(run.stdout).toMatch(/full build \(median\)\s+\d+\.\d\d s\s+–\s*$/m);
    const alone = JSON.parse(await readFile(json, "utf8")) as BenchReport;
    expect(alone.baseline).toBeNull();
    expect(alone.hugo).toBeNull();
    expect(alone.ratios.buildSeconds).toBeNull();
    expect(positive(alone.ours.buildSeconds) && positive(alone.ours.peakMB) && positive(alone.ours.firstQueryBytesGz)).toBe(true);
    expect(alone.ours.articlesIndexed).toBe(40);
    expect(positive(alone.warm.seconds) && positive(alone.ratios.warmToCold)).toBe(true);
  }, 180_000);
});
