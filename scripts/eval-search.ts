/**
 * `npm run eval:search`: how well search finds what a reader expects on the
 * full State of the Union corpus, ours against a bare Pagefind index
 * (scripts/lib/bench/search-eval.ts; the queries and expected addresses are
 * in scripts/lib/bench/sotu-relevance.json).
 *   --json FILE   also write the report as JSON
 *   --keep        keep the temporary folder (corpus and built sites)
 *   --sample N    also score N queries drawn at random from the texts (default 200; 0 for none)
 *   --typos N     also score "Did you mean" on N typos drawn from the texts (default 300; 0 for none)
 *   --seed S      the draws' seed (default 1): another seed, another set of queries and typos
 */
import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { addressSchema, articlesFor } from "./lib/authoring/sotu-import.ts";
import { sampleQueries } from "./lib/bench/sampled-queries.ts";
import { sampleTypos } from "./lib/bench/sampled-typos.ts";
import { CORPUS_DIR, formatEval, readCorpus, readRelevanceSet, runSearchEval } from "./lib/bench/search-eval.ts";
import { parseCommandLine, wholeNumber } from "./lib/util/cli-args.ts";
import { complain, say } from "./lib/util/terminal-text.ts";

const USAGE = "Usage: npm run eval:search [-- --json FILE] [--keep] [--sample N] [--typos N] [--seed S]";

const { values } = parseCommandLine(
  {
    options: {
      json: { type: "string" },
      keep: { type: "boolean", default: false },
      sample: { type: "string", default: "200" },
      typos: { type: "string", default: "300" },
      seed: { type: "string", default: "1" },
    },
  },
  USAGE,
);

const sample = wholeNumber("sample", values.sample, 0, USAGE) ?? 0;
const typoCount = wholeNumber("typos", values.typos, 0, USAGE) ?? 0;
const seed = wholeNumber("seed", values.seed, 0, USAGE, 2 ** 32 - 1) ?? 1;

/** Each corpus file's article id, as `npm run import -- sotu` names the article (it orders addresses by year, then name). */
async function articleOfFile(): Promise<Map<string, string>> {
  const files = (await readdir(CORPUS_DIR)).filter((f) => f.endsWith(".json"));
  const addresses = await Promise.all(
    files.map(async (f) => ({
      file: f.slice(0, -".json".length),
      address: addressSchema.parse(JSON.parse(await readFile(path.join(CORPUS_DIR, f), "utf8"))),
    })),
  );
  addresses.sort((a, b) => a.address.year - b.address.year || a.address.name.localeCompare(b.address.name));
  const articles = articlesFor(addresses.map((a) => a.address));
  return new Map(addresses.map((a, i) => [a.file, articles[i]?.fileName.replace(/\.md$/, "") ?? ""]));
}

try {
  const report = await runSearchEval({
    set: await readRelevanceSet(),
    articleOfFile: await articleOfFile(),
    ...(sample ? { sample: { seed, queries: sampleQueries(await readCorpus(), { count: sample, seed }) } } : {}),
    ...(typoCount ? { typos: { seed, typos: sampleTypos(await readCorpus(), { count: typoCount, seed }) } } : {}),
    keep: values.keep,
    log: complain,
  });
  say(formatEval(report));
  if (values.json) {
    await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
    complain(`wrote ${values.json}`);
  }
} catch (error) {
  complain(`Search evaluation stopped: ${(error as Error).message}`);
  process.exitCode = 1;
}
