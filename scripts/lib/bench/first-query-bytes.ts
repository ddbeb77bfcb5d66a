/**
 * The bytes of a reader's first search: runs `word` with the site's own
 * Pagefind runtime and the search page's own steps (`PartedIndex.open`,
 * `searchPage`): load the runtime (and in a browser its worker), read the
 * parts list, open part 1, load filter values if the filters panel is open,
 * search, and read the first page of results; every file read is recorded.
 * Run as a script (site-metrics.ts starts it in a fresh process):
 *   node --import tsx scripts/lib/bench/first-query-bytes.ts SITE_DIR WORD open|closed
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { PAGE_OPTIONS, PARTS_URL, PartedIndex, searchPage } from "../../../src/assets/search/index-parts.ts";
import { loadRuntime, watchIndexReads } from "../search/node-search.ts";
import { terminalSafeJson } from "../util/terminal-text.ts";

export interface FirstQuery {
  word: string;
  /** Whether the filters panel was open (filter values loaded for its counts); it starts closed until the reader opens it. */
  filtersOpen: boolean;
  /** Results in the parts a first search opens (part 1 of an index in parts). */
  results: number;
  bytes: number;
  /** Each file gzip-compressed where that makes it smaller (Pagefind's own index files already are). */
  bytesGz: number;
  files: { file: string; bytes: number; bytesGz: number }[];
}

const transferSize = (data: Buffer) => Math.min(data.byteLength, gzipSync(data, { level: 9 }).byteLength);

/** Measures in this process: only meaningful in one that has not loaded this site's runtime before. */
async function firstQueryHere(siteDir: string, word: string, filtersOpen: boolean): Promise<FirstQuery> {
  const root = path.resolve(siteDir);
  const bundle = path.join(root, "pagefind");
  // Node's runtime has no worker; a browser fetches it beside the runtime (when the build has one).
  const worker = path.join(bundle, "pagefind-worker.js");
  const exists = async (file: string) => (await stat(file).catch(() => undefined)) !== undefined;
  const read: string[] = [path.join(bundle, "pagefind.js")];
  for (const file of [worker, path.join(root, PARTS_URL)]) if (await exists(file)) read.push(file);
  const stop = watchIndexReads((url) => read.push(fileURLToPath(url)));
  let results: number;
  try {
    const { pf, file, options } = await loadRuntime(siteDir, PAGE_OPTIONS);
    const index = await PartedIndex.open(pf, file, options);
    results = (await searchPage(index, word, {}, { counts: filtersOpen })).found.results.length;
  } finally {
    stop();
  }
  const files = await Promise.all(
    read.map(async (file) => {
      const data = await readFile(file);
      return { file: path.relative(bundle, file), bytes: data.byteLength, bytesGz: transferSize(data) };
    }),
  );
  return {
    word,
    filtersOpen,
    results,
    files,
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    bytesGz: files.reduce((n, f) => n + f.bytesGz, 0),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [siteDir = "", word = "", panel = "closed"] = process.argv.slice(2);
  process.stdout.write(terminalSafeJson(await firstQueryHere(siteDir, word, panel === "open")));
}
