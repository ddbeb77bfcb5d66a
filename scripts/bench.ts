/**
 * `npm run bench`: our production build against the bare stack on the same content.
 *   --articles N     synthetic articles to generate (default 1000)
 *   --runs R         builds of each, interleaved; medians are reported (default 3)
 *   --json FILE      also write the report as JSON
 *   --corpus NAME    `synthetic` (default); `sotu`, every State of the Union address imported afresh (233 articles);
 *                    or a content root folder (with _data/ and src/articles/), benched on a temporary copy
 *   --seed S         the synthetic corpus's seed (default 1)
 *   --skip-dev       skip the dev-server edit-to-preview measurement (slow on big sites)
 *   --skip-hugo      skip the Hugo stack (measured by default when `hugo` is on the PATH)
 *   --skip-bare      skip the bare stack (its memory grows with the archive: 3.6 GB at 10,000 articles)
 *   --corpus-only DIR  write the synthetic content root (_data/ and src/articles/) to DIR, which must be
 *                    new or empty, and exit: a corpus to build and rebuild by hand
 *   --edits E        saves timed in each dev server (default 3)
 *   --word W         the first query's word (default "election")
 *   --keep           keep the temporary corpus and built sites
 */
import { existsSync } from "node:fs";
import { readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { brownPressSentences } from "./lib/bench/brown-corpus.ts";
import { formatReport, runBench } from "./lib/bench/run-bench.ts";
import { writeCorpus } from "./lib/bench/synthetic-corpus.ts";
import { parseCommandLine, wholeNumber } from "./lib/util/cli-args.ts";
import { complain, say } from "./lib/util/terminal-text.ts";

const USAGE =
  "Usage: npm run bench [-- --articles N] [--runs R] [--json FILE] [--corpus synthetic|sotu|DIR] [--seed S] [--skip-dev] [--skip-hugo] [--skip-bare] [--corpus-only DIR] [--edits E] [--word W] [--keep]";
const { values } = parseCommandLine(
  {
    options: {
      articles: { type: "string", default: "1000" },
      runs: { type: "string", default: "3" },
      json: { type: "string" },
      corpus: { type: "string", default: "synthetic" },
      seed: { type: "string", default: "1" },
      "skip-dev": { type: "boolean", default: false },
      "skip-hugo": { type: "boolean", default: false },
      "skip-bare": { type: "boolean", default: false },
      "corpus-only": { type: "string" },
      edits: { type: "string", default: "3" },
      word: { type: "string", default: "election" },
      keep: { type: "boolean", default: false },
    },
  },
  USAGE,
);

const count = (name: string, value: string, min: number) => wholeNumber(name, value, min, USAGE) ?? min;

/** A content root to bench, checked up front so a typo fails before minutes of building. */
function contentRootArg(value: string): string {
  const ok = ["_data", "src/articles"].every((dir) => existsSync(path.join(value, dir)));
  if (ok) return value;
  throw new Error(
    `--corpus: expected "synthetic", "sotu" or a content root folder holding _data/ and src/articles/ (got ${JSON.stringify(value)}).`,
  );
}

/** `--corpus-only DIR`: the folder must not hold anything a corpus would overwrite or mix with. */
async function writeCorpusOnly(dir: string, articles: number, seed: number): Promise<void> {
  const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => (error.code === "ENOENT" ? [] : Promise.reject(error)));
  if (entries.length) throw new Error(`--corpus-only: ${dir} is not empty; give a new or empty folder`);
  const started = performance.now();
  await writeCorpus(dir, { articles, seed, sentences: await brownPressSentences() });
  say(
    `Wrote ${articles} synthetic articles (seed ${seed}) to ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s. ` +
      `Build it with: BUILD_NOW=2026-01-01T00:00:00Z npm run build -- --content ${dir} --out <folder>`,
  );
}

try {
  if (values["corpus-only"] !== undefined) {
    await writeCorpusOnly(path.resolve(values["corpus-only"]), count("articles", values.articles, 1), count("seed", values.seed, 0));
    process.exit(0);
  }
  const report = await runBench({
    articles: count("articles", values.articles, 1),
    runs: count("runs", values.runs, 1),
    seed: count("seed", values.seed, 0),
    edits: count("edits", values.edits, 1),
    ...(values.corpus === "synthetic" ? {} : values.corpus === "sotu" ? { sotu: true } : { contentRoot: contentRootArg(values.corpus) }),
    dev: !values["skip-dev"],
    ...(values["skip-hugo"] ? { hugo: false } : {}),
    ...(values["skip-bare"] ? { bare: false } : {}),
    word: values.word,
    keep: values.keep,
    log: complain,
  });
  say(formatReport(report));
  if (values.json) {
    await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
    complain(`wrote ${values.json}`);
  }
} catch (error) {
  complain(`Benchmark stopped: ${(error as Error).message}`);
  process.exitCode = 1;
}
