import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WorkerIn, WorkerOut, WorkerSetup } from "../../../scripts/lib/search/search-index-worker.ts";
import { startTsWorker } from "../../../scripts/lib/util/ts-worker.ts";

/**
 * A stand-in for Pagefind: its bundle's entry file says how many threads it
 * was given, a fragment names its part, and it adds a mark to its runtime
 * script rather than writing it anew, so the script shows how many runs wrote
 * into the same folder.
 */
const STAND_IN = `#!/bin/sh
while [ $# -gt 0 ]; do
  if [ "$1" = "--output-path" ]; then out="$2"; fi
  if [ "$1" = "--site" ]; then site="$2"; fi
  shift
done
mkdir -p "$out/fragment" && printf %s "$RAYON_NUM_THREADS" > "$out/pagefind-entry.json"
printf %s "$site" > "$out/fragment/$(basename "$site").pf_fragment" && printf x >> "$out/pagefind.js"
`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "broadsheet-index-worker-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Runs `count` parts, two at a time, each given one thread, on a machine of three cores; returns each run's threads. */
async function threadsOfRuns(count: number, messages: (parts: WorkerIn[]) => WorkerIn[]): Promise<string[]> {
  await runParts(count, messages);
  return Promise.all(
    Array.from({ length: count }, (_, i) => readFile(path.join(dir, "bundles", String(i + 1), "pagefind-entry.json"), "utf8")),
  );
}

async function runParts(count: number, messages: (parts: WorkerIn[]) => WorkerIn[]): Promise<void> {
  const binary = path.join(dir, "pagefind");
  await writeFile(binary, STAND_IN);
  await chmod(binary, 0o755);
  const setup: WorkerSetup = { binary, concurrency: 2, threads: 1, cores: 3, background: false, slots: path.join(dir, "slots") };
  const worker = startTsWorker(new URL("../../../scripts/lib/search/search-index-worker.ts", import.meta.url), setup);
  try {
    const parts = Array.from({ length: count }, (_, i): WorkerIn => ({
      type: "part",
      part: i + 1,
      site: path.join(dir, "documents", String(i + 1)),
      output: path.join(dir, "bundles", String(i + 1)),
      first: i === 0,
      countWords: true,
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

  it("keeps each part's words with its bundle, counted once an article however often it uses them", async () => {
    await runParts(2, (parts) =>
      parts.map((part) =>
        part.type === "part" && part.part === 2
          ? {
              ...part,
              documents: [
                { url: "/a/", html: "<h1>Harbour board</h1><p>The harbour&amp;board's <em>Harbour</em> plan</p>" },
                { url: "/b/", html: '<p data-x="ignored">Harbour dues, 2026</p>' },
              ],
            }
          : part,
      ),
    );
    const words = JSON.parse(await readFile(path.join(dir, "bundles", "2", "words.json"), "utf8")) as [string, number][];
    expect(Object.fromEntries(words)).toEqual({ harbour: 2, board: 1, boards: 1, plan: 1, dues: 1 });
  });

  it("counts no words for a site that gets no spelling vocabulary", async () => {
    await runParts(2, (parts) => parts.map((part) => (part.type === "part" && part.part === 2 ? { ...part, countWords: false } : part)));
    expect(await readdir(path.join(dir, "bundles", "1"))).toContain("words.json");
    expect(await readdir(path.join(dir, "bundles", "2"))).not.toContain("words.json");
  });

  it("keeps the runtime in part 1 alone, later parts' runs writing theirs over one another in slots rather than making and deleting one each", async () => {
    // What a run stopped midway left in a slot: not to be taken for the next part's.
    for (const slot of ["0", "1"]) {
      await mkdir(path.join(dir, "slots", slot, "fragment"), { recursive: true });
      await writeFile(path.join(dir, "slots", slot, "fragment", "stale.pf_fragment"), "stale");
    }
    await runParts(5, (parts) => parts);
    const bundle = (part: number) => path.join(dir, "bundles", String(part));
    expect((await readdir(bundle(1))).sort()).toEqual([".manifest.json", "fragment", "pagefind-entry.json", "pagefind.js", "words.json"]);
    for (const part of [2, 3, 4, 5]) {
      expect((await readdir(bundle(part))).sort()).toEqual([".manifest.json", "fragment", "pagefind-entry.json", "words.json"]);
      expect(await readdir(path.join(bundle(part), "fragment"))).toEqual([`${part}.pf_fragment`]);
    }
    // Two slots for two runs at once, holding only the runtime; four runs marked it.
    const slots = await readdir(path.join(dir, "slots"));
    const marks = await Promise.all(
      slots.map(async (slot) => {
        expect(await readdir(path.join(dir, "slots", slot))).toEqual(["pagefind.js"]);
        return (await readFile(path.join(dir, "slots", slot, "pagefind.js"), "utf8")).length;
      }),
    );
    expect(slots.length).toBeLessThanOrEqual(2);
    expect(marks.reduce((a, b) => a + b, 0)).toBe(4);
  });
});
