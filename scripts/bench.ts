/**
 * `npm run bench`: our production build against the bare stack on the same content.
 *   --articles N     synthetic articles to generate (default 1000)
 *   --runs R         builds of each, interleaved; medians are reported (default 3)
 *   --json FILE      also write the report as JSON
 *   --corpus NAME    `synthetic` (default); `sotu`, every State of the Union address imported afresh (233 articles);
 *                    or a content root folder (with _data/ and src/articles/), benched on a temporary copy
 *   --seed S         the synthetic corpus's seed (default 1)
 *   --skip-dev       skip the dev-server edit-to-preview measurement (slow on big sites)
 *   --edits E        saves timed in each dev server (default 3)
 *   --word W         the first query's word (default "election")
 *   --keep           keep the temporary corpus and built sites
 */
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { formatReport, runBench } from "./lib/bench/run-bench.ts";
import { parseCommandLine, wholeNumber } from "./lib/util/cli-args.ts";
import { complain, say } from "./lib/util/terminal-text.ts";

const USAGE =
  "Usage: npm run bench [-- --articles N] [--runs R] [--json FILE] [--corpus synthetic|sotu|DIR] [--seed S] [--skip-dev] [--edits E] [--word W] [--keep]";
const { values } = parseCommandLine(
  {
    options: {
      articles: { type: "string", default: "1000" },
      runs: { type: "string", default: "3" },
      json: { type: "string" },
      corpus: { type: "string", default: "synthetic" },
      seed: { type: "string", default: "1" },
      "skip-dev": { type: "boolean", default: false },
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

try {
  const report = await runBench({
    articles: count("articles", values.articles, 1),
    runs: count("runs", values.runs, 1),
    seed: count("seed", values.seed, 0),
    edits: count("edits", values.edits, 1),
    ...(values.corpus === "synthetic" ? {} : values.corpus === "sotu" ? { sotu: true } : { contentRoot: contentRootArg(values.corpus) }),
    dev: !values["skip-dev"],
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
