/** Indexes a built site with Pagefind's Node API: article bodies only, as marked by the templates. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";

export interface IndexReport {
  pagesIndexed: number;
}

export async function indexSite(siteDir: string): Promise<IndexReport> {
  const { index, errors } = await pagefind.createIndex({});
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length) throw new Error(`Pagefind could not index ${siteDir}: ${added.errors.join("; ")}`);
    const outputPath = path.join(siteDir, "pagefind");
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
    // `page_count` above counts pages read; the entry file counts pages actually indexed.
    const entry = JSON.parse(await readFile(path.join(outputPath, "pagefind-entry.json"), "utf8")) as { languages: Record<string, { page_count: number }> };
    return { pagesIndexed: Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0) };
  } finally {
    await pagefind.close();
  }
}
