import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WorkerIn, WorkerOut, WorkerSetup } from "../../../scripts/lib/search/search-index-worker.ts";
import { startTsWorker } from "../../../scripts/lib/util/ts-worker.ts";

/** A stand-in for Pagefind: its bundle's entry file says how many threads it was given (a later part's bundle keeps only such files). */
const STAND_IN = `#!/bin/sh
while [ $# -gt 0 ]; do
  if [ "$1" = "--output-path" ]; then out="$2"; fi
  shift
done
mkdir -p "$out" && printf %s "$RAYON_NUM_THREADS" > "$out/pagefind-entry.json"
`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "broadsheet-index-worker-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Runs `count` parts, two at a time, each given one thread, on a machine of three cores; returns each run's threads. */
async function threadsOfRuns(count: number, messages: (parts: WorkerIn[]) => WorkerIn[]): Promise<string[]> {
  const binary = path.join(dir, "pagefind");
  await writeFile(binary, STAND_IN);
  await chmod(binary, 0o755);
  const setup: WorkerSetup = { binary, concurrency: 2, threads: 1, cores: 3, background: false };
  const worker = startTsWorker(new URL("../../../scripts/lib/search/search-index-worker.ts", import.meta.url), setup);
  try {
    const parts = Array.from({ length: count }, (_, i): WorkerIn => ({
      type: "part",
      part: i + 1,
      site: path.join(dir, "documents", String(i + 1)),
      output: path.join(dir, "bundles", String(i + 1)),
      first: i === 0,
      documents: [{ url: `/story-${i + 1}/`, html: `<p>Story ${i + 1}</p>` }],
    }));
    const finished = new Promise<void>((resolve, reject) => {
      let done = 0;
      worker.on("message", (message: WorkerOut) => {
        if (message.type === "failed") reject(new Error(message.message));
        if (message.type === "done" && ++done === parts.length) resolve();
      });
    });
    for (const message of messages(parts)) worker.postMessage(message);
    await finished;
    return await Promise.all(parts.map((_, i) => readFile(path.join(dir, "bundles", String(i + 1), "pagefind-entry.json"), "utf8")));
  } finally {
    await worker.terminate();
  }
}

describe.skipIf(process.platform === "win32" || process.env.RAYON_NUM_THREADS)("the search index's worker", () => {
  it("gives each Pagefind run its share of the cores", async () => {
    expect(await threadsOfRuns(3, (parts) => parts)).toEqual(["1", "1", "1"]);
  });

  it("gives the last run every core once the rest of the build no longer needs them", async () => {
    // Parts 1 and 2 start at once and part 3 after one of them, with part 4 still waiting; part 4 is the last.
    expect(await threadsOfRuns(4, (parts) => [...parts, { type: "last" }])).toEqual(["1", "1", "1", "3"]);
  });
});
