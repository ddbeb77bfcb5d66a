/**
 * Writes rendered pages to disk off the main thread. Eleventy writes each page
 * with synchronous calls on the thread that renders the next one; on a busy
 * disk that was a large share of a big build's main-thread time. Pages
 * rendered to memory (Eleventy's JSON output) are written here through the
 * thread pool, a few at a time, while Eleventy renders the next run.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { boundedQueue, type BoundedQueue } from "../util/bounded-queue.ts";

export interface RenderedPage {
  outputPath: string;
  content: string;
}

/** Writes in flight: enough to keep the thread pool's four threads busy with the small files pages are. */
const IN_FLIGHT = 8;

export function pageWriter(): BoundedQueue<RenderedPage> {
  const folders = new Map<string, Promise<unknown>>();
  const folder = (dir: string) => {
    let made = folders.get(dir);
    if (!made) folders.set(dir, (made = mkdir(dir, { recursive: true })));
    return made;
  };
  return boundedQueue(IN_FLIGHT, async (page) => {
    await folder(path.dirname(page.outputPath));
    await writeFile(page.outputPath, page.content);
  });
}
