/**
 * The benchmark: our production build against the bare stack (baseline-stack.ts)
 * and, when `hugo` is installed, the Hugo stack (hugo-stack.ts), on the same
 * content, interleaved run by run so all see the same machine load, reported
 * as medians with ratios. Our cold builds start without a build cache; then
 * one article is added and our build runs again with the cache the last cold
 * build left (the warm rebuild an author's next commit gets), then once more
 * after another article is published with its teaser (an editor's commit).
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { isSeq, parseDocument } from "yaml";
import { bareArticleUrl, bareServeArgs, isBareArticlePage, prepareBareStack } from "./baseline-stack.ts";
import { bareBuild, importSotu, ourBuild, replacedSitesRemoved, setAside, stackBuild } from "./builds.ts";
import { brownPressSentences } from "./brown-corpus.ts";
import { hugoBinary, hugoBuildCommand, hugoIndexCommand, prepareHugoStack } from "./hugo-stack.ts";
import { writeCorpus } from "./synthetic-corpus.ts";
import { measureEditToPreview, type EditToPreview } from "./edit-to-preview.ts";
import type { MeasuredRun } from "./measured-run.ts";
import { buildCacheDir } from "../content/content-files.ts";
import { PROJECT_ROOT } from "../util/project-root.ts";
import { measureSite, median, type FirstQuery, type SiteMetrics } from "./site-metrics.ts";

export interface BenchOptions {
  /** Synthetic articles to generate; ignored when `contentRoot` is given. */
  articles: number;
  runs: number;
  seed?: number;
  /** Bench an existing content root instead of a synthetic one. */
  contentRoot?: string;
  /** Bench every State of the Union address (`npm run import -- sotu`, 233 articles) instead of a synthetic corpus. */
  sotu?: boolean;
  /** Measure edit-to-preview in the dev servers (slow on big sites). */
  dev?: boolean;
  edits?: number;
  /** The first query's word. */
  word?: string;
  /** Keep the temporary folder (corpus and built sites) for inspection. */
  keep?: boolean;
  /** Run the Hugo stack too (default: when `hugo` is on the PATH). */
  hugo?: boolean;
  /**
   * Run the bare stack (default: yes). Its memory grows with the archive (3.6 GB at
   * 10,000 articles), so a bench of a large archive measures ours without it.
   */
  bare?: boolean;
  log?: (line: string) => void;
}

export interface RunSample {
  seconds: number;
  peakMB: number;
  /** User + system CPU time of every process of the build, in seconds (measured-run.ts); null where it cannot be read. */
  cpuSeconds: number | null;
  /** Our build: the Node process alone, and its child processes (the Pagefind binary, esbuild). */
  nodePeakMB?: number;
  childPeakMB?: number;
  /** 1-minute load average when the run ended: the machine is shared. */
  load: number;
}

export interface SideReport {
  buildSeconds: number;
  /** Median CPU time (user + system) of a build, every process's; null where it cannot be read. */
  cpuSeconds: number | null;
  perArticleMs: number;
  peakMB: number;
  pagesWritten: number;
  articlesIndexed: number;
  indexBytes: number;
  indexFiles: number;
  /** A first search's bytes until its first results show (the newest part of an index in parts). */
  firstQueryBytes: number;
  firstQueryBytesGz: number;
  /** The first search once the reader has opened the filters panel (it starts closed). */
  firstQueryBytesGzFiltersOpen: number;
  /** The same search once every part is opened and searched, as the search page goes on to do. */
  allPartsBytesGz: number;
  articlePageBytesGz: number;
  editToPreviewSeconds: number | null;
  /** A save of the Latest list (`_data/teasers.yaml`) until an article page shows it; ours only. */
  teaserEditToPreviewSeconds: number | null;
  runs: RunSample[];
  firstQuery: FirstQuery;
  dev: EditToPreview | null;
  /** Our build's own phase timings (content, pages, search index), medians in seconds. */
  phases?: Record<string, number>;
}

/** A stack measured by its build alone: pages, then the Pagefind CLI. */
export interface StackReport {
  buildSeconds: number;
  cpuSeconds: number | null;
  /** Medians of the two steps. */
  renderSeconds: number;
  indexSeconds: number;
  peakMB: number;
  runs: RunSample[];
}

/** Our rebuild after an article was added, with the build cache of the build before it. */
export interface WarmReport {
  seconds: number;
  peakMB: number;
  /** What the build printed about its search index parts (how many came from the cache). */
  index: string;
  /** What the build printed about its article files (how many it parsed, how many came from the cache). */
  parses: string;
  /** What the build printed about its pages (how many it rendered, how many came from the cache). */
  pages: string;
}

export interface BenchReport {
  articles: number;
  runs: number;
  machine: string;
  corpus: string;
  generationSeconds: number | null;
  loadAverage: number[];
  ours: SideReport;
  /** The bare stack; null when it was skipped (`--skip-bare`). */
  baseline: SideReport | null;
  /** The Hugo stack; null when `hugo` is not installed (or not asked for). */
  hugo: StackReport | null;
  /** After one article was added, with the cold build's cache. */
  warm: WarmReport;
  /** Then after one more article was added with its teaser at the top of the Latest list (every article page's rail changes). */
  warmWithTeaser: WarmReport;
  ratios: Record<
    | "buildSeconds"
    | "cpuSeconds"
    | "peakMB"
    | "indexBytes"
    | "firstQueryBytesGz"
    | "articlePageBytesGz"
    | "editToPreviewSeconds"
    | "hugoBuildSeconds"
    | "hugoCpuSeconds"
    | "warmToCold"
    | "warmWithTeaserToCold",
    number | null
  >;
}

const MB = 1024 * 1024;
const isOurArticlePage = (relative: string) => /^\d{4}\/\d{2}\/\d{2}\/[^/]+\/index\.html$/.test(relative);
const ourArticleUrl = (id: string) => {
  const match = /^(\d{4})-(\d{2})-(\d{2})-(.+)$/.exec(id);
  if (!match) throw new Error(`not an article id: ${id}`);
  return `/${match[1]}/${match[2]}/${match[3]}/${match[4]}/`;
};

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length}-core ${cpus[0]?.model.trim() ?? "CPU"}, ${Math.round(os.totalmem() / 1024 ** 3)} GB RAM, Node ${process.version}, ${os.type()} ${os.release()}`;
}

/** Our build's own account of its phases: "(content 1.2 s, pages 3.4 s, search index 5.6 s)". */
function phasesOf(stdout: string): Record<string, number> {
  const phases: Record<string, number> = {};
  for (const [, name, value] of stdout.matchAll(/(content|pages|search index) ([\d.]+) s/g))
    if (name && value) phases[name] = Number(value);
  return phases;
}

function warmReport(run: MeasuredRun): WarmReport {
  return {
    seconds: run.seconds,
    peakMB: run.peakBytes / MB,
    index: /Search index: [^\n]*/.exec(run.stdout)?.[0] ?? "",
    parses: /Article files: [^\n]*/.exec(run.stdout)?.[0] ?? "",
    pages: /Pages: [^\n]*/.exec(run.stdout)?.[0] ?? "",
  };
}

const warmLine = (warm: WarmReport) =>
  `${warm.seconds.toFixed(2)} s, peak ${warm.peakMB.toFixed(0)} MB; ${warm.parses} ${warm.pages} ${warm.index}`;

/**
 * Adds an article like the newest one (same day, new headline and URL), as an
 * author's next commit would; returns its file name without `.md`.
 */
async function addArticle(root: string, slug: string, title: string): Promise<string> {
  const dir = path.join(root, "src/articles");
  const newest = (await readdir(dir))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .at(-1);
  if (!newest) throw new Error("no article to copy");
  const text = await readFile(path.join(dir, newest), "utf8");
  const name = `${newest.slice(0, 10)}-${slug}`;
  await writeFile(path.join(dir, `${name}.md`), text.replace(/^title: .*$/m, `title: "${title}"`));
  return name;
}

/** Puts a teaser (an article's, or a line of text) at the top of the Latest list (`_data/teasers.yaml`), as an editor would. */
async function addTeaser(root: string, teaser: { article: string } | { text: string }): Promise<void> {
  const file = path.join(root, "_data/teasers.yaml");
  const doc = parseDocument(await readFile(file, "utf8").catch(() => ""));
  const latest = doc.get("latest");
  if (isSeq(latest)) latest.items.unshift(doc.createNode(teaser));
  else doc.set("latest", [teaser]);
  await writeFile(file, doc.toString());
}

/** The median CPU time of the runs, or null when a run's could not be read. */
function medianCpu(samples: readonly Pick<RunSample, "cpuSeconds">[]): number | null {
  const known = samples.flatMap((s) => (s.cpuSeconds === null ? [] : [s.cpuSeconds]));
  return known.length === samples.length && known.length > 0 ? median(known) : null;
}

function side(
  samples: RunSample[],
  metrics: SiteMetrics,
  articles: number,
  dev: EditToPreview | null,
  phases?: Record<string, number>,
): SideReport {
  const buildSeconds = median(samples.map((s) => s.seconds));
  return {
    buildSeconds,
    cpuSeconds: medianCpu(samples),
    perArticleMs: (buildSeconds * 1000) / Math.max(1, articles),
    peakMB: median(samples.map((s) => s.peakMB)),
    pagesWritten: metrics.pagesWritten,
    articlesIndexed: metrics.articlesIndexed,
    indexBytes: metrics.indexBytes,
    indexFiles: metrics.indexFiles,
    firstQueryBytes: metrics.firstQuery.bytes,
    firstQueryBytesGz: metrics.firstQuery.bytesGz,
    firstQueryBytesGzFiltersOpen: metrics.firstQueryFiltersOpen.bytesGz,
    allPartsBytesGz: metrics.firstQuery.allParts.bytesGz,
    articlePageBytesGz: metrics.articlePageBytesGz,
    editToPreviewSeconds: dev ? dev.medianSeconds : null,
    teaserEditToPreviewSeconds: dev?.other?.medianSeconds ?? null,
    runs: samples,
    firstQuery: metrics.firstQuery,
    dev,
    ...(phases ? { phases } : {}),
  };
}

/** A dev server that never shows the edit is a finding, not a reason to lose the other figures. */
async function devOrNull(log: (line: string) => void, who: string, measure: () => Promise<EditToPreview>): Promise<EditToPreview | null> {
  try {
    const dev = await measure();
    const seconds = (list: number[]) => list.map((s) => s.toFixed(2)).join(", ");
    const other = dev.other ? `, Latest-list edits ${seconds(dev.other.editSeconds)} s` : "";
    log(`${who}: dev server up in ${dev.startSeconds.toFixed(1)} s, edits ${seconds(dev.editSeconds)} s${other}`);
    return dev;
  } catch (error) {
    log(`${who}: edit-to-preview not measured: ${(error as Error).message.slice(0, 500)}`);
    return null;
  }
}

const cpu = (seconds: number | null) => (seconds === null ? "CPU unknown" : `CPU ${seconds.toFixed(1)} s`);
const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : a / b);

async function articleIds(root: string): Promise<string[]> {
  return (await readdir(path.join(root, "src/articles")))
    .filter((f) => f.endsWith(".md"))
    .map((f) => f.slice(0, -3))
    .sort();
}

export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const log = options.log ?? (() => {});
  const work = await mkdtemp(path.join(os.tmpdir(), "broadsheet-bench-"));
  try {
    // A copy even of given content: the edit-to-preview measurement edits an article.
    const root = path.join(work, "content");
    let generationSeconds: number | null = null;
    // Synthetic dates end on 2025-12-31, so a build "now" after it publishes every article.
    let now: string | undefined;
    if (options.contentRoot) {
      await cp(path.join(options.contentRoot, "_data"), path.join(root, "_data"), { recursive: true });
      await cp(path.join(options.contentRoot, "src/articles"), path.join(root, "src/articles"), { recursive: true });
    } else if (options.sotu) {
      await importSotu(root);
      log("imported every State of the Union address");
    } else {
      const started = performance.now();
      await writeCorpus(root, { articles: options.articles, seed: options.seed ?? 1, sentences: await brownPressSentences() });
      generationSeconds = (performance.now() - started) / 1000;
      now = "2026-01-01T00:00:00Z";
      log(`generated ${options.articles} articles in ${generationSeconds.toFixed(1)} s`);
    }
    const ids = await articleIds(root);
    const bare = options.bare === false ? undefined : path.join(work, "bare");
    if (bare) await prepareBareStack(root, bare);
    else log("bare stack skipped (--skip-bare)");
    const hugo = options.hugo === false ? undefined : hugoBinary();
    if (options.hugo && !hugo) throw new Error("--hugo: no `hugo` on the PATH (apt-get install -y hugo)");
    if (options.hugo === false) log("Hugo stack skipped (--skip-hugo)");
    else if (!hugo) log("Hugo stack skipped: no `hugo` on the PATH (apt-get install -y hugo to compare with it)");
    const hugoDir = path.join(work, "hugo");
    if (hugo) await prepareHugoStack(root, hugoDir);

    const ours: RunSample[] = [];
    const baseline: RunSample[] = [];
    const hugoRuns: (RunSample & { renderSeconds: number; indexSeconds: number })[] = [];
    const phases: Record<string, number>[] = [];
    const ourOut = (r: number) => path.join(work, `ours-${r}`, "_site");
    const trash = path.join(work, "set-aside");
    const stacks = ["ours" as const, ...(bare ? (["baseline"] as const) : []), ...(hugo ? (["hugo"] as const) : [])];
    for (let r = 0; r < options.runs; r++) {
      // Rotate who goes first, so none always meets a warmer or busier machine.
      const order = [...stacks.slice(r % stacks.length), ...stacks.slice(0, r % stacks.length)];
      for (const who of order) {
        if (who === "hugo" && hugo) {
          const run = await stackBuild(hugoDir, hugoBuildCommand(hugo), hugoIndexCommand(), "Hugo", trash);
          hugoRuns.push({
            seconds: run.seconds,
            cpuSeconds: run.cpuSeconds,
            renderSeconds: run.renderSeconds,
            indexSeconds: run.indexSeconds,
            peakMB: run.peakBytes / MB,
            load: os.loadavg()[0] ?? 0,
          });
          log(
            `run ${r + 1}/${options.runs} Hugo: ${run.seconds.toFixed(2)} s (Hugo ${run.renderSeconds.toFixed(2)} s, Pagefind ${run.indexSeconds.toFixed(2)} s), ${cpu(run.cpuSeconds)}, peak ${(run.peakBytes / MB).toFixed(0)} MB`,
          );
        } else if (who === "ours") {
          if (r > 0) await setAside(path.dirname(ourOut(r - 1)), trash);
          // A cold build: nothing from an earlier run's build cache.
          await setAside(buildCacheDir(root), trash);
          const run = await ourBuild(root, ourOut(r), now);
          phases.push(phasesOf(run.stdout));
          ours.push({
            seconds: run.seconds,
            cpuSeconds: run.cpuSeconds,
            peakMB: run.peakBytes / MB,
            nodePeakMB: run.peakRootBytes / MB,
            childPeakMB: run.peakChildrenBytes / MB,
            load: os.loadavg()[0] ?? 0,
          });
          log(
            `run ${r + 1}/${options.runs} ours: ${run.seconds.toFixed(2)} s, ${cpu(run.cpuSeconds)}, peak ${(run.peakBytes / MB).toFixed(0)} MB ` +
              `(Node ${(run.peakRootBytes / MB).toFixed(0)} MB, child processes ${(run.peakChildrenBytes / MB).toFixed(0)} MB; load ${os.loadavg()[0]?.toFixed(2)}) ${run.stdout.trim().split("\n").at(-1) ?? ""}`,
          );
        } else if (bare) {
          const run = await bareBuild(bare, trash);
          baseline.push({ seconds: run.seconds, cpuSeconds: run.cpuSeconds, peakMB: run.peakBytes / MB, load: os.loadavg()[0] ?? 0 });
          log(
            `run ${r + 1}/${options.runs} baseline: ${run.seconds.toFixed(2)} s, ${cpu(run.cpuSeconds)}, peak ${(run.peakBytes / MB).toFixed(0)} MB (load ${os.loadavg()[0]?.toFixed(2)})`,
          );
        }
      }
    }
    const word = options.word ?? "election";
    const ourSite = ourOut(options.runs - 1);
    const ourMetrics = await measureSite(ourSite, isOurArticlePage, word);
    const bareMetrics = bare ? await measureSite(path.join(bare, "out"), isBareArticlePage, word) : null;
    log(
      `first query "${word}": ours ${ourMetrics.firstQuery.bytesGz} B to the first results (${ourMetrics.firstQuery.allParts.bytesGz} B with every part)` +
        (bareMetrics ? `, baseline ${bareMetrics.firstQuery.bytesGz} B compressed` : "") +
        `; index ours ${ourMetrics.indexBytes} B` +
        (bareMetrics ? `, baseline ${bareMetrics.indexBytes} B` : ""),
    );

    await addArticle(root, "bench-added-article", "An article added after the cold builds");
    await replacedSitesRemoved(ourSite);
    const warm = warmReport(await ourBuild(root, ourSite, now));
    log(`warm rebuild after adding one article: ${warmLine(warm)}`);
    await addTeaser(root, { article: await addArticle(root, "bench-added-with-teaser", "An article published with its teaser") });
    await replacedSitesRemoved(ourSite);
    const warmWithTeaser = warmReport(await ourBuild(root, ourSite, now));
    log(`warm rebuild after adding one more article, with its teaser at the top of the Latest list: ${warmLine(warmWithTeaser)}`);

    let ourDev: EditToPreview | null = null;
    let bareDev: EditToPreview | null = null;
    const edited = ids[Math.floor(ids.length / 2)];
    if (options.dev !== false && edited) {
      log("measuring edit-to-preview in the dev servers");
      ourDev = await devOrNull(log, "ours", () =>
        measureEditToPreview(
          {
            command: process.execPath,
            args: (port) => [
              path.join(PROJECT_ROOT, "scripts/start.ts"),
              "--quiet",
              `--port=${port}`,
              `--output=${path.join(work, "dev-out")}`,
            ],
            cwd: PROJECT_ROOT,
            env: { BROADSHEET_CONTENT: root, ...(now ? { BUILD_NOW: now } : {}) },
          },
          path.join(root, "src/articles", `${edited}.md`),
          ourArticleUrl(edited),
          options.edits,
          // The oldest article page: among the last the new rail is spliced into.
          { save: (marker) => addTeaser(root, { text: `${marker} in the Latest list` }), urlPath: ourArticleUrl(ids[0] ?? edited) },
        ),
      );
      if (bare) {
        bareDev = await devOrNull(log, "baseline", () =>
          measureEditToPreview(
            { command: process.execPath, args: bareServeArgs, cwd: bare },
            path.join(bare, "src/articles", `${edited}.md`),
            bareArticleUrl(edited),
            options.edits,
          ),
        );
      }
    }

    const count = ids.length;
    const medianPhases = Object.fromEntries(
      ["content", "pages", "search index"].map((k) => [k, median(phases.map((p) => p[k] ?? Number.NaN))]),
    );
    const o = side(ours, ourMetrics, count, ourDev, medianPhases);
    const b = bareMetrics ? side(baseline, bareMetrics, count, bareDev) : null;
    const h: StackReport | null = hugoRuns.length
      ? {
          buildSeconds: median(hugoRuns.map((r) => r.seconds)),
          cpuSeconds: medianCpu(hugoRuns),
          renderSeconds: median(hugoRuns.map((r) => r.renderSeconds)),
          indexSeconds: median(hugoRuns.map((r) => r.indexSeconds)),
          peakMB: median(hugoRuns.map((r) => r.peakMB)),
          runs: hugoRuns,
        }
      : null;
    return {
      articles: count,
      runs: options.runs,
      machine: machine(),
      corpus: options.contentRoot
        ? path.resolve(options.contentRoot)
        : options.sotu
          ? "State of the Union, every address"
          : `synthetic, seed ${options.seed ?? 1}`,
      generationSeconds,
      loadAverage: os.loadavg(),
      ours: o,
      baseline: b,
      hugo: h,
      warm,
      warmWithTeaser,
      ratios: {
        buildSeconds: ratio(o.buildSeconds, b?.buildSeconds ?? null),
        cpuSeconds: ratio(o.cpuSeconds, b?.cpuSeconds ?? null),
        peakMB: ratio(o.peakMB, b?.peakMB ?? null),
        indexBytes: ratio(o.indexBytes, b?.indexBytes ?? null),
        firstQueryBytesGz: ratio(o.firstQueryBytesGz, b?.firstQueryBytesGz ?? null),
        articlePageBytesGz: ratio(o.articlePageBytesGz, b?.articlePageBytesGz ?? null),
        editToPreviewSeconds: ratio(o.editToPreviewSeconds, b?.editToPreviewSeconds ?? null),
        hugoBuildSeconds: ratio(o.buildSeconds, h?.buildSeconds ?? null),
        hugoCpuSeconds: ratio(o.cpuSeconds, h?.cpuSeconds ?? null),
        warmToCold: ratio(warm.seconds, o.buildSeconds),
        warmWithTeaserToCold: ratio(warmWithTeaser.seconds, o.buildSeconds),
      },
    };
  } finally {
    if (!options.keep) await rm(work, { recursive: true, force: true });
    else log(`kept ${work}`);
  }
}

/** The report as a table a person can read. */
export function formatReport(report: BenchReport): string {
  const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;
  const s = (n: number | null) => (n === null ? "–" : `${n.toFixed(2)} s`);
  const bare = report.baseline;
  /** A figure of the bare stack, or a dash when it was skipped. */
  const theirs = (figure: (side: SideReport) => string) => (bare ? figure(bare) : "–");
  const rows: [string, string, string, number | null][] = [
    ["full build (median)", s(report.ours.buildSeconds), theirs((b) => s(b.buildSeconds)), report.ratios.buildSeconds],
    ["  CPU time, user + system (median)", s(report.ours.cpuSeconds), theirs((b) => s(b.cpuSeconds)), report.ratios.cpuSeconds],
    [
      "per article",
      `${report.ours.perArticleMs.toFixed(2)} ms`,
      theirs((b) => `${b.perArticleMs.toFixed(2)} ms`),
      report.ratios.buildSeconds,
    ],
    [
      "peak memory (all processes)",
      `${report.ours.peakMB.toFixed(0)} MB`,
      theirs((b) => `${b.peakMB.toFixed(0)} MB`),
      report.ratios.peakMB,
    ],
    ["pages written", String(report.ours.pagesWritten), theirs((b) => String(b.pagesWritten)), null],
    ["articles indexed", String(report.ours.articlesIndexed), theirs((b) => String(b.articlesIndexed)), null],
    [
      "search index",
      `${kB(report.ours.indexBytes)} in ${report.ours.indexFiles} files`,
      theirs((b) => `${kB(b.indexBytes)} in ${b.indexFiles} files`),
      report.ratios.indexBytes,
    ],
    [
      `first query "${report.ours.firstQuery.word}" to its first results, raw`,
      kB(report.ours.firstQueryBytes),
      theirs((b) => kB(b.firstQueryBytes)),
      null,
    ],
    [`  compressed`, kB(report.ours.firstQueryBytesGz), theirs((b) => kB(b.firstQueryBytesGz)), report.ratios.firstQueryBytesGz],
    [
      `  with the filters panel open`,
      kB(report.ours.firstQueryBytesGzFiltersOpen),
      theirs((b) => kB(b.firstQueryBytesGzFiltersOpen)),
      null,
    ],
    [
      `  every part opened, compressed (${report.ours.firstQuery.parts} part${report.ours.firstQuery.parts === 1 ? "" : "s"})`,
      kB(report.ours.allPartsBytesGz),
      theirs((b) => kB(b.allPartsBytesGz)),
      null,
    ],
    [
      "article page, HTML+CSS gzip (median)",
      kB(report.ours.articlePageBytesGz),
      theirs((b) => kB(b.articlePageBytesGz)),
      report.ratios.articlePageBytesGz,
    ],
    [
      "edit-to-preview in dev (median)",
      s(report.ours.editToPreviewSeconds),
      theirs((b) => s(b.editToPreviewSeconds)),
      report.ratios.editToPreviewSeconds,
    ],
    ["  a Latest-list edit (median)", s(report.ours.teaserEditToPreviewSeconds), theirs((b) => s(b.teaserEditToPreviewSeconds)), null],
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => String(r[i]).length), ["figure", "ours", "baseline"][i]?.length ?? 0));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  const phases = report.ours.phases
    ? Object.entries(report.ours.phases)
        .map(([k, v]) => `${k} ${v.toFixed(2)} s`)
        .join(", ")
    : "";
  const runs = (side: SideReport) => side.runs.map((r) => `${r.seconds.toFixed(1)}/${r.peakMB.toFixed(0)}/${r.load.toFixed(1)}`).join(" ");
  return [
    `${report.articles} articles (${report.corpus}), ${report.runs} run(s), medians; ${report.machine}; load ${report.loadAverage.map((l) => l.toFixed(2)).join(" ")}`,
    "",
    `${line(["figure", "ours", "baseline"])}  ours/baseline`,
    ...rows.map((r) => `${line([r[0], r[1], r[2]])}  ${r[3] === null ? "" : `${r[3].toFixed(2)}×`}`),
    "",
    `warm rebuild after adding one article (build cache of the last cold build): ${s(report.warm.seconds)}, ${report.ratios.warmToCold?.toFixed(2)}× the cold build; ${report.warm.parses} ${report.warm.pages} ${report.warm.index}`,
    `then one more article with its teaser at the top of the Latest list: ${s(report.warmWithTeaser.seconds)}, ${report.ratios.warmWithTeaserToCold?.toFixed(2)}× the cold build; ${report.warmWithTeaser.pages}`,
    report.hugo
      ? `Hugo stack (Hugo + Pagefind CLI): ${s(report.hugo.buildSeconds)} (Hugo ${s(report.hugo.renderSeconds)}, Pagefind ${s(report.hugo.indexSeconds)}), peak ${report.hugo.peakMB.toFixed(0)} MB, CPU ${s(report.hugo.cpuSeconds)} (ours ${s(report.ours.cpuSeconds)}, ${report.ratios.hugoCpuSeconds?.toFixed(2) ?? "–"}×); ours/Hugo ${report.ratios.hugoBuildSeconds?.toFixed(2)}×`
      : "Hugo stack: not measured (skipped, or no `hugo` on the PATH)",
    ...(bare ? [] : ["bare stack: not measured (--skip-bare)"]),
    `our build's phases: ${phases}`,
    `runs (s, MB, load): ours ${runs(report.ours)}${bare ? `; baseline ${runs(bare)}` : ""}`,
  ].join("\n");
}
