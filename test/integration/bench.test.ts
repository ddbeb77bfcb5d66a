import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BenchReport, SideReport } from "../../scripts/lib/bench/run-bench.ts";
import { PAGE_SIZE } from "../../src/assets/search/index-format.ts";
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

function expectComplete(side: SideReport, label: string) {
  for (const field of [
    "buildSeconds",
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
  expect(side.articlesIndexed).toBe(200);
  expect(side.pagesWritten).toBeGreaterThanOrEqual(200);
  expect(side.firstQueryBytesGz).toBeLessThanOrEqual(side.firstQueryBytes);
}

describe("npm run bench on 200 synthetic articles", () => {
  it("finishes and prints a table with every figure, ours beside the baseline", () => {
    expect(result.code, result.stderr).toBe(0);
    for (const row of [
      "full build",
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
    expectComplete(report.baseline, "baseline");
    for (const ratio of ["buildSeconds", "peakMB", "firstQueryBytesGz", "editToPreviewSeconds"] as const)
      expect(positive(report.ratios[ratio]), ratio).toBe(true);
  });

  it("counts the files a first query really fetches: runtime and its worker, wasm, metadata, index chunk and a page of result fragments", () => {
    for (const side of [report.ours, report.baseline]) {
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

describe("npm run bench --corpus sotu", () => {
  it("benches every State of the Union address, imported afresh, against the bare stack", async () => {
    const json = path.join(dir, "sotu.json");
    const run = await runScript("bench.ts", ["--corpus", "sotu", "--runs", "1", "--skip-dev", "--json", json]);
    expect(run.code, run.stderr).toBe(0);
    const sotu = JSON.parse(await readFile(json, "utf8")) as BenchReport;
    expect(sotu.corpus).toMatch(/State of the Union/);
    expect(sotu.articles).toBe(233);
    expect(sotu.ours.articlesIndexed).toBe(233);
    expect(sotu.baseline.articlesIndexed).toBe(233);
    expect(positive(sotu.ratios.buildSeconds)).toBe(true);
  }, 180_000);
});
