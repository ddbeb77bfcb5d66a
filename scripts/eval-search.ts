/**
 * `npm run eval:search`: how well search finds what a reader expects on the
 * full State of the Union corpus, ours against a bare Pagefind index
 * (scripts/lib/bench/search-eval.ts; the queries and expected addresses are
 * in scripts/lib/bench/sotu-relevance.json).
 *   --json FILE   also write the report as JSON
 *   --keep        keep the temporary folder (corpus and built sites)
 */
import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { addressSchema, articlesFor } from "./lib/authoring/sotu-import.ts";
import { CORPUS_DIR, formatEval, readRelevanceSet, runSearchEval } from "./lib/bench/search-eval.ts";
import { parseCommandLine } from "./lib/util/cli-args.ts";
import { complain, say } from "./lib/util/terminal-text.ts";

const { values } = parseCommandLine(
  { options: { json: { type: "string" }, keep: { type: "boolean", default: false } } },
  "Usage: npm run eval:search [-- --json FILE] [--keep]",
);

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
