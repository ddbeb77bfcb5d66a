/**
 * The dev server's splice of the "Latest" rail: after an edit to the teaser
 * list alone, the article pages that show the site's rail get the new one in
 * their files in the output folder, taken from a page the same build
 * rendered, rather than being rendered again (render-set.ts chooses them).
 * A production build splices from its page store instead
 * (build/page-store.ts).
 */
import { open, readFile, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { boundedQueue } from "../util/bounded-queue.ts";
import { railRange } from "./rail-range.ts";

/** Pages spliced at once: enough to keep the thread pool busy. */
const IN_FLIGHT = 16;

/**
 * Bytes read from the end of a page to find its rail. The rail and the
 * footer after it are the last few kilobytes of an article page; a page
 * whose rail starts further back is read whole.
 */
const TAIL_BYTES = 16 * 1024;

const pageFile = (outputDir: string, url: string) => path.join(outputDir, url, "index.html");

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const bytes = Buffer.alloc(length);
  const { bytesRead } = await handle.read(bytes, 0, length, position);
  return bytes.subarray(0, bytesRead);
}

/**
 * Replaces the rail in the page at `file` with `rail`, rewriting only the
 * file from the rail on: the bytes before it stay where they are, so a
 * 20 kB page costs a few kilobytes read and written rather than all of it
 * twice. False when there is no such page or it has no rail.
 */
async function spliceInPlace(file: string, rail: Buffer): Promise<boolean> {
  const handle = await open(file, "r+").catch(() => undefined);
  if (!handle) return false;
  try {
    const { size } = await handle.stat();
    let from = Math.max(0, size - TAIL_BYTES);
    let tail = await readAt(handle, from, size - from);
    // A rail whose start is cut off by the tail's beginning is not found in it; then every byte before it is outside too.
    let range = railRange(tail);
    if (!range && from > 0) {
      from = 0;
      tail = await readAt(handle, 0, size);
      range = railRange(tail);
    }
    if (!range) return false;
    const [start, end] = range;
    const rest = Buffer.concat([rail, tail.subarray(end)]);
    await handle.write(rest, 0, rest.length, from + start);
    await handle.truncate(from + start + rest.length);
    return true;
  } finally {
    await handle.close();
  }
}

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
    if (!(await spliceInPlace(pageFile(outputDir, url), rail))) missed.push(url);
  });
  queue.push(urls);
  await queue.done();
  return missed;
}
