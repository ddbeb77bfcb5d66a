/** Indexes a built site with Pagefind's Node API: article bodies only, as marked by the templates. */
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
    const written = await index.writeFiles({ outputPath: path.join(siteDir, "pagefind") });
    if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
    return { pagesIndexed: added.page_count };
  } finally {
    await pagefind.close();
  }
}
