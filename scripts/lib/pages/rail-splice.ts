/**
 * The dev server's splice of the "Latest" rail: after an edit to the teaser
 * list alone, the article pages that show the site's rail get the new one in
 * their files in the output folder, taken from a page the same build
 * rendered, rather than being rendered again (render-set.ts chooses them).
 * A production build splices from its page store instead
 * (build/page-store.ts).
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { boundedQueue } from "../util/bounded-queue.ts";
import { railRange, withRail } from "./rail-range.ts";

/** Pages read and written at once: enough to keep the thread pool busy. */
const IN_FLIGHT = 16;

const pageFile = (outputDir: string, url: string) => path.join(outputDir, url, "index.html");

/**
 * Gives each page at `urls` the rail of the page at `source`. Returns the
 * URLs whose page could not take it (its file gone, or without a rail: the
 * output folder changed by hand), left as they were.
 */
export async function spliceSiteRail(outputDir: string, source: string, urls: readonly string[]): Promise<string[]> {
  const sourcePage = await readFile(pageFile(outputDir, source)).catch(() => undefined);
  const sourceRange = sourcePage && railRange(sourcePage);
  if (!sourcePage || !sourceRange) return [...urls];
  const rail = sourcePage.subarray(...sourceRange);
  const missed: string[] = [];
  const queue = boundedQueue(IN_FLIGHT, async (url: string) => {
    const file = pageFile(outputDir, url);
    const page = await readFile(file).catch(() => undefined);
    const range = page && railRange(page);
    if (page && range) await writeFile(file, withRail(page, range, rail));
    else missed.push(url);
  });
  queue.push(urls);
  await queue.done();
  return missed;
}
