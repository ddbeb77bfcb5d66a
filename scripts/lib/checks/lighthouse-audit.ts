/**
 * Lighthouse scores for pages of a served site, with Lighthouse's default
 * mobile settings (emulated phone, simulated slow 4G and 4x CPU slowdown).
 * Pages are audited one after another in one headless Chromium. A page that
 * scores under 100 anywhere is audited again, up to five runs, and counts as
 * perfect when one run is: Lighthouse CI's default ("optimistic") aggregation.
 * A busy host only ever lengthens the page's tasks, so noise can take points
 * away but never add them, while a real regression shows in every run. A page
 * no run passes is reported by its median run (Lighthouse's `computeMedianRun`).
 *
 * The CPU slowdown is calibrated per run, as Lighthouse's throttling guide
 * advises: its 4x turns a high-end desktop into a mid-tier phone, so on a
 * slower or busier host 4x emulates a slower phone than intended (build
 * machines' speed moves by a third within minutes). Each run is gathered once,
 * unthrottled as simulated throttling always is, and then scored with the
 * slowdown that takes the benchmark index it measured to that phone's, on the
 * page's own work in the trace (`lighthouse-trace.ts`): without Lighthouse's
 * tasks, each task as long as its CPU time.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { launch } from "chrome-launcher";
import lighthouse from "lighthouse";
import { computeMedianRun } from "lighthouse/core/lib/median-run.js";
import { pageWorkTrace, type Trace } from "./lighthouse-trace.ts";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
export type Category = (typeof CATEGORIES)[number];

export interface PageScores {
  url: string;
  /** 0–100 per category. */
  scores: Record<Category, number>;
  /** Audits that cost points: `category: audit id (score)`. */
  failing: string[];
  /** Each run's performance score, 0–100, in order: at most five, until one scored 100 everywhere. */
  runs: number[];
  /** Which run the scores are from: the one that scored 100 everywhere, or, when none did, the median one. */
  counted: "perfect" | "median";
  /** The reported run's host benchmark index, and the CPU slowdown calibrated from it. */
  benchmarkIndex: number;
  cpuSlowdown: number;
}

type Result = NonNullable<Awaited<ReturnType<typeof lighthouse>>>["lhr"];

/** What this module reads and changes of a gathering's `artifacts.json`. */
interface GatheredArtifacts {
  BenchmarkIndex: number;
  settings: { throttling: { cpuSlowdownMultiplier: number } };
}

/**
 * The benchmark index of the phone Lighthouse's default 4x slowdown emulates:
 * the middle of its high-end desktop range (1500–2000) divided by 4, a
 * mid-tier phone by its table (125–800).
 */
const TARGET_BENCHMARK_INDEX = 1750 / 4;

/** The CPU slowdown that takes a host of this benchmark index to the target phone; never below 1 (no speed-up). */
export function cpuSlowdownFor(benchmarkIndex: number): number {
  if (!Number.isFinite(benchmarkIndex) || benchmarkIndex <= 0) return 4;
  return Math.max(1, Math.round((benchmarkIndex / TARGET_BENCHMARK_INDEX) * 10) / 10);
}

/** Rewrites a gathered trace to the page's own work; a gathering that failed may have written none. */
async function keepPageWork(traceFile: string): Promise<void> {
  const text = await readFile(traceFile, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (text !== undefined) await writeFile(traceFile, JSON.stringify(pageWorkTrace(JSON.parse(text) as Trace)));
}

/**
 * One Lighthouse run: gathered, then audited with the slowdown calibrated to
 * what the gathering measured. A run that fails to record the page
 * (NO_NAVSTART and friends, which Lighthouse itself says to retry) is tried up
 * to three times.
 */
async function auditOnce(url: string, port: number): Promise<Result> {
  const dir = await mkdtemp(path.join(tmpdir(), "broadsheet-lighthouse-run-"));
  try {
    const flags = { port, logLevel: "error" as const, onlyCategories: [...CATEGORIES] };
    let error = "";
    for (let attempt = 1; attempt <= 3; attempt++) {
      await lighthouse(url, { ...flags, gatherMode: dir });
      // Lighthouse audits only with the settings it gathered with; under simulated throttling the slowdown did not touch the gathering.
      const file = path.join(dir, "artifacts.json");
      const artifacts = JSON.parse(await readFile(file, "utf8")) as GatheredArtifacts;
      const cpuSlowdownMultiplier = cpuSlowdownFor(artifacts.BenchmarkIndex);
      artifacts.settings.throttling.cpuSlowdownMultiplier = cpuSlowdownMultiplier;
      await writeFile(file, JSON.stringify(artifacts));
      await keepPageWork(path.join(dir, "defaultPass.trace.json"));
      const run = await lighthouse(url, { ...flags, output: "json", auditMode: dir, throttling: { cpuSlowdownMultiplier } });
      if (!run) throw new Error(`Lighthouse returned nothing for ${url}`);
      const { runtimeError } = run.lhr;
      if (!runtimeError) return run.lhr;
      error = `${runtimeError.code} ${runtimeError.message}`;
    }
    throw new Error(`Lighthouse could not audit ${url} in three attempts: ${error}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const allPerfect = (lhr: Result) => CATEGORIES.every((c) => lhr.categories[c]?.score === 1);

/** At most this many runs per page, as Lighthouse's variance guide advises for a median. */
const MAX_RUNS = 5;

/** The run a page is judged by: the first that scores 100 everywhere, or else the median of them all. */
export function countedRun(runs: readonly Result[]): { run: Result; counted: PageScores["counted"] } {
  const perfect = runs.find(allPerfect);
  if (perfect) return { run: perfect, counted: "perfect" };
  const [only] = runs;
  if (!only) throw new Error("No Lighthouse run to judge");
  return { run: runs.length === 1 ? only : (computeMedianRun([...runs]) as Result), counted: "median" };
}

// Keep Chromium off the (closed) network and out of the sandbox it cannot get here.
const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export async function auditPages(urls: readonly string[], chromePath: string): Promise<PageScores[]> {
  const chrome = await launch({ chromePath, chromeFlags: CHROME_FLAGS, logLevel: "silent" });
  try {
    const results: PageScores[] = [];
    for (const url of urls) {
      const runs = [await auditOnce(url, chrome.port)];
      while (!runs.some(allPerfect) && runs.length < MAX_RUNS) runs.push(await auditOnce(url, chrome.port));
      const { run, counted } = countedRun(runs);
      const { categories, audits } = run;
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((categories[c]?.score ?? 0) * 100)])) as Record<
        Category,
        number
      >;
      const failing = CATEGORIES.flatMap((c) =>
        (categories[c]?.auditRefs ?? [])
          .filter((ref) => ref.weight > 0 && (audits[ref.id]?.score ?? 1) < 1)
          .map((ref) => `${c}: ${ref.id} (${audits[ref.id]?.score ?? "?"}) ${audits[ref.id]?.displayValue ?? ""}`.trim()),
      );
      results.push({
        url,
        scores,
        failing,
        runs: runs.map((r) => Math.round((r.categories.performance?.score ?? 0) * 100)),
        counted,
        benchmarkIndex: Math.round(run.environment.benchmarkIndex),
        cpuSlowdown: run.configSettings.throttling.cpuSlowdownMultiplier ?? 4,
      });
    }
    return results;
  } finally {
    await chrome.kill();
  }
}

export function scoreTable(results: readonly PageScores[]): string {
  const header = ["page", ...CATEGORIES, "performance by run", "CPU slowdown"];
  const rows = results.map((r) => [
    new URL(r.url).pathname + new URL(r.url).search,
    ...CATEGORIES.map((c) => String(r.scores[c])),
    `${r.runs.join(", ")} (${r.counted === "perfect" ? "the last" : "the median"} counts)`,
    `${r.cpuSlowdown}x (benchmark index ${r.benchmarkIndex})`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
