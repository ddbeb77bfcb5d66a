/**
 * What `npm run search` needs to know about a built index: which content it
 * came from (to refuse a stale index) and how filter ids map to indexed names.
 * Written by the build beside Pagefind's files.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { SearchVocabulary } from "../../../src/assets/search/filter-vocabulary.ts";

export interface SearchBuildInfo {
  buildId: string;
  builtAt: string;
  contentHash: string;
  preview: boolean;
  vocabulary: SearchVocabulary;
}

const BUILD_INFO_FILE = "pagefind/build-info.json";

export async function writeBuildInfo(siteDir: string, info: SearchBuildInfo): Promise<void> {
  await writeFile(path.join(siteDir, BUILD_INFO_FILE), JSON.stringify(info));
}

/** The build info, or undefined when the folder holds no index written by this build. */
export async function readBuildInfo(siteDir: string): Promise<SearchBuildInfo | undefined> {
  try {
    return JSON.parse(await readFile(path.join(siteDir, BUILD_INFO_FILE), "utf8")) as SearchBuildInfo;
  } catch {
    return undefined;
  }
}
