/**
 * The dev server's search index (`npm start`): built after the dev server's
 * first build and again after each rebuild whose articles changed, in the
 * background: Pagefind runs one part at a time at low priority
 * (search-index.ts), so an edit still shows within a second while the index
 * catches up. It is built beside the pages (in `.search-next/` of the output
 * folder) and swapped in when done, so the search page always has a whole
 * index, if an older one. Parts whose articles did not change come from
 * `.cache/dev-search-index/` under the content root, so an edit re-indexes
 * one part. Only the newest content asked for is indexed: edits
 * made during a run are indexed once it ends. Until the first index is in
 * place, its parts list says it is being built, and the search page waits.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Site } from "../content/site-model.ts";
import { PARTS_URL, type SearchPartsFile } from "../../../src/assets/search/index-parts.ts";
import { splitsWithDictionary } from "../../../src/assets/search/query.ts";
import { searchEntries } from "./search-document.ts";
import { indexSite, partKeys } from "./search-index.ts";
import { say } from "../util/terminal-text.ts";

interface Job {
  site: Site;
  outputDir: string;
}

/** A parts list saying the index is on its way, unless an index from an earlier run is there. */
async function sayBuilding(outputDir: string): Promise<void> {
  const file = path.join(outputDir, PARTS_URL);
  if (
    await readFile(file).then(
      () => true,
      () => false,
    )
  )
    return;
  const building: SearchPartsFile = { parts: [], info: [], building: true };
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(building));
}

/**
 * What an index is built from: the output folder, the partition size and
 * each part's cache key, which covers its documents and the Pagefind that
 * indexes them.
 */
function fingerprintOf(keys: readonly string[], outputDir: string, partitionSize: number): string {
  return createHash("sha256")
    .update(`${outputDir}\0${partitionSize}\0${keys.join(",")}`)
    .digest("hex");
}

export class DevSearchIndex {
  #next: Job | undefined;
  #running: Promise<void> | undefined;
  /** What the index in place was built from: the output folder, the partition size and every part's documents. */
  #indexed: string | undefined;

  /**
   * `cacheDir` keeps each part's index between runs, as a production build's
   * cache does (search-index.ts): an edit re-indexes only its part. It is a
   * folder of its own, since each build prunes what it did not use.
   */
  private readonly cacheDir: string | undefined;
  private readonly log: (line: string) => void;

  constructor(cacheDir?: string, log: (line: string) => void = say) {
    this.cacheDir = cacheDir;
    this.log = log;
  }

  /** Asks for `site` to be indexed into `outputDir`; settles when the index is current. */
  update(site: Site, outputDir: string): Promise<void> {
    this.#next = { site, outputDir };
    this.#running ??= this.#drain().finally(() => (this.#running = undefined));
    return this.#running;
  }

  async #drain(): Promise<void> {
    for (let job = this.#next; job; job = this.#next) {
      this.#next = undefined;
      try {
        await this.#build(job);
      } catch (error) {
        this.log(`[broadsheet] search index not updated: ${(error as Error).message}`);
      }
    }
  }

  async #build({ site, outputDir }: Job): Promise<void> {
    const entries = searchEntries(site);
    // Every document is made once here; indexSite makes again only those of the parts it indexes.
    const vocabulary = !splitsWithDictionary(site.settings.language);
    const keys = await partKeys(entries, site.settings.searchPartitionSize, vocabulary);
    const fingerprint = fingerprintOf(keys, outputDir, site.settings.searchPartitionSize);
    if (fingerprint === this.#indexed) return;
    const started = performance.now();
    const next = path.join(outputDir, ".search-next");
    const old = path.join(outputDir, ".search-old");
    const live = path.join(outputDir, "pagefind");
    if (this.#indexed === undefined) await sayBuilding(outputDir);
    await rm(next, { recursive: true, force: true });
    await mkdir(next, { recursive: true });
    try {
      const { pagesIndexed, parts, partsFromCache } = await indexSite(next, entries, site.settings.searchPartitionSize, {
        background: true,
        keys,
        vocabulary,
        ...(this.cacheDir ? { cacheDir: this.cacheDir } : {}),
      });
      await rm(old, { recursive: true, force: true });
      await rename(live, old).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT") throw error;
      });
      await rename(path.join(next, "pagefind"), live);
      this.#indexed = fingerprint;
      this.log(
        `[broadsheet] search index: ${pagesIndexed} articles${parts > 1 ? ` in ${parts} parts` : ""}${partsFromCache > 0 ? `, ${partsFromCache} of them unchanged` : ""} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    } finally {
      await rm(next, { recursive: true, force: true });
      await rm(old, { recursive: true, force: true });
    }
  }
}
