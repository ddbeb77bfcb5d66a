/**
 * `npm run eval:search` on the full State of the Union corpus: our search
 * must find what a reader expects (the relevance set in
 * scripts/lib/bench/sotu-relevance.json) at least as the targets ask,
 * and better than a bare Pagefind index.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EvalReport } from "../../scripts/lib/bench/search-eval.ts";
import { runScript, type RunResult } from "../helpers/site.ts";

let dir: string;
let run: RunResult;
let report: EvalReport;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "broadsheet-search-eval-test-"));
  run = await runScript("eval-search.ts", ["--json", path.join(dir, "eval.json")]);
  expect(run.code, run.stderr).toBe(0);
  report = JSON.parse(await readFile(path.join(dir, "eval.json"), "utf8")) as EvalReport;
}, 300_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("npm run eval:search", () => {
  it("finds the expected address first for at least 90 % of the queries, and in the first three for all", () => {
    const missed = report.ours.queries.filter((q) => q.rank !== 1).map((q) => `${q.query}: ${q.rank ?? "-"} (${q.top.join(", ")})`);
    expect(report.queries).toBeGreaterThanOrEqual(40);
    expect(report.ours.top1, missed.join("\n")).toBeGreaterThanOrEqual(0.9);
    expect(report.ours.top3, missed.join("\n")).toBe(1);
  });

  it("ranks better than a bare Pagefind index of the same articles", () => {
    expect(report.ours.top1).toBeGreaterThan(report.bare.top1);
    expect(report.ours.mrr).toBeGreaterThan(report.bare.mrr);
  });

  it("ranks as well on queries drawn at random from the texts, which no one tuned it against", () => {
    const sampled = report.sampled;
    expect(sampled?.queries).toBeGreaterThanOrEqual(190);
    const missed = sampled?.ours.queries.filter((q) => q.rank !== 1).map((q) => `${q.query}: ${q.rank ?? "-"} (${q.top.join(", ")})`);
    expect(sampled?.ours.top1, missed?.join("\n")).toBeGreaterThanOrEqual(0.9);
    expect(sampled?.ours.top3, missed?.join("\n")).toBeGreaterThanOrEqual(0.95);
    expect(sampled?.ours.mrr).toBeGreaterThan(sampled?.bare.mrr ?? 1);
  });

  it("suggests the word meant for most typos of the addresses' common words, wherever in the word the slip is", () => {
    const spelling = report.spelling;
    expect(spelling?.typos).toBeGreaterThanOrEqual(290);
    expect((spelling?.meant ?? 0) / (spelling?.typos ?? 1), spelling?.missed.join("\n")).toBeGreaterThanOrEqual(0.8);
    expect((spelling?.early.meant ?? 0) / (spelling?.early.typos ?? 1), spelling?.missed.join("\n")).toBeGreaterThanOrEqual(0.8);
    expect(run.stdout).toMatch(/^"Did you mean" on \d+ typos of words the addresses use \(seed 1\), ours:$/m);
  });

  it("prints both searches side by side", () => {
    expect(run.stdout).toMatch(/top-1\s+[\d.]+ %\s+[\d.]+ %/);
    expect(run.stdout).toMatch(/top-3\s+[\d.]+ %\s+[\d.]+ %/);
    expect(run.stdout).toMatch(/mean reciprocal rank\s+[\d.]+\s+[\d.]+/);
    expect(run.stdout).toMatch(/^\d+ queries drawn at random from the addresses \(seed 1\)$/m);
  });
});
