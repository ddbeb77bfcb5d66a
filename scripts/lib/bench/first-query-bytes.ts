/**
 * The bytes of a reader's first search: runs `word` with the site's own
 * Pagefind runtime and the search page's own steps (archive-search.ts): load
 * the runtime (and in a browser its worker), read the parts list, open part 1,
 * load filter values if the filters panel is open, search the newest part
 * (and older ones until a page of results is found), and read the first page
 * of results: the first results. The search then goes on through every part,
 * as the page does in the background: every part opened. Every file read is
 * recorded.
 * Run as a script (site-metrics.ts starts it in a fresh process):
 *   node scripts/lib/bench/first-query-bytes.ts SITE_DIR WORD open|closed
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { Archive, ArchiveSearch, searchArchive, viewResult } from "../../../src/assets/search/archive-search.ts";
import { INDEX_OPTIONS, PAGE_SIZE } from "../../../src/assets/search/index-format.ts";
import { PARTS_URL, PartedIndex } from "../../../src/assets/search/index-parts.ts";
import { parseQuery } from "../../../src/assets/search/query.ts";
import { loadRuntime, watchIndexReads } from "../search/node-search.ts";
import { pathExists } from "../util/path-exists.ts";
import { terminalSafeJson } from "../util/terminal-text.ts";

export interface FilesRead {
  bytes: number;
  /** Each file gzip-compressed where that makes it smaller (Pagefind's own index files already are). */
  bytesGz: number;
  files: { file: string; bytes: number; bytesGz: number }[];
}

export interface FirstQuery extends FilesRead {
  word: string;
  /** Whether the filters panel was open (filter values loaded for its counts); it starts closed until the reader opens it. */
  filtersOpen: boolean;
  /** Results when the first ones are shown. */
  results: number;
  /** Parts searched for the first results (the newest alone, unless it held less than a page of results). */
  firstParts: number;
  /** Results once every part is searched, and the parts. */
  total: number;
  parts: number;
  /** Every file read by then: every part opened and searched, and the first page of results. */
  allParts: FilesRead;
}

const transferSize = (data: Buffer) => Math.min(data.byteLength, gzipSync(data, { level: 9 }).byteLength);

async function weigh(bundle: string, read: readonly string[]): Promise<FilesRead> {
  const files = await Promise.all(
    [...new Set(read)].map(async (file) => {
      const data = await readFile(file);
      return { file: path.relative(bundle, file), bytes: data.byteLength, bytesGz: transferSize(data) };
    }),
  );
  return { files, bytes: files.reduce((n, f) => n + f.bytes, 0), bytesGz: files.reduce((n, f) => n + f.bytesGz, 0) };
}

/** Measures in this process: only meaningful in one that has not loaded this site's runtime before. */
async function firstQueryHere(siteDir: string, word: string, filtersOpen: boolean): Promise<FirstQuery> {
  const root = path.resolve(siteDir);
  const bundle = path.join(root, "pagefind");
  // Node's runtime has no worker; a browser fetches it beside the runtime (when the build has one).
  const worker = path.join(bundle, "pagefind-worker.js");
  const read: string[] = [path.join(bundle, "pagefind.js")];
  for (const file of [worker, path.join(root, PARTS_URL)]) if (await pathExists(file)) read.push(file);
  const stop = watchIndexReads((url) => read.push(fileURLToPath(url)));
  const query = parseQuery(word);
  let first: { files: FilesRead; results: number; parts: number } | undefined;
  try {
    const { pf, file, options } = await loadRuntime(siteDir, INDEX_OPTIONS);
    const index = await PartedIndex.open(pf, file, options);
    const archive = new Archive(index);
    if (filtersOpen) await archive.loadFilters();
    const search = new ArchiveSearch(archive, { query, filters: {}, sort: "relevance" });
    const firstPage = async () => {
      const { pages, weights } = await search.ordered();
      await Promise.all(pages.slice(0, PAGE_SIZE).map((page) => viewResult(page, query, weights, 30)));
      return pages.length;
    };
    await searchArchive(search, async (parts) => {
      const complete = parts.length === index.partCount;
      if (first || !(complete || search.results().pages.length >= PAGE_SIZE)) return;
      first = { results: await firstPage(), parts: parts.length, files: await weigh(bundle, read) };
    });
    const total = await firstPage();
    const allParts = await weigh(bundle, read);
    if (!first) throw new Error("the search never showed results");
    return { word, filtersOpen, ...first.files, results: first.results, firstParts: first.parts, total, parts: index.partCount, allParts };
  } finally {
    stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [siteDir = "", word = "", panel = "closed"] = process.argv.slice(2);
  process.stdout.write(terminalSafeJson(await firstQueryHere(siteDir, word, panel === "open")));
}
