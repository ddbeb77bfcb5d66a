/** Parsing a large site's articles on two threads gives exactly what one thread gives, problems and bodies included. */
import { closeSync, openSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryBodies, sharedSpool, spooledBodies } from "../../../scripts/lib/content/article-bodies.ts";
import { scratchSpool } from "../../helpers/scratch-spool.ts";
import type { ParseContext, ParsedFile } from "../../../scripts/lib/content/article-parse.ts";
import { parseFiles } from "../../../scripts/lib/content/parallel-parse.ts";
import { CHUNK } from "../../../scripts/lib/content/parse-chunks.ts";
import { article } from "../../helpers/content-root.ts";
import { makeSite } from "../../helpers/model.ts";

const context: ParseContext = { settings: makeSite([]).settings, known: { sections: ["world", "opinion"], authors: ["ada", "ben"] } };

/** Four chunks' worth of articles, every seventh with a problem of its own kind. */
function files(): { names: string[]; sources: Buffer[] } {
  const names: string[] = [];
  const texts: string[] = [];
  for (let i = 0; i < CHUNK * 4 - 5; i++) {
    const day = String(1 + (i % 28)).padStart(2, "0");
    const broken = i % 7 === 3;
    names.push(`src/articles/2025-02-${day}-story-${i}.md`);
    texts.push(
      broken
        ? article({ date: `2025-02-${day}`, section: i % 2 ? "sport" : "world", title: i % 2 ? "A headline" : '""' }, "")
        : article(
            {
              title: `“Story” number ${i}`,
              date: `2025-02-${day}T0${i % 10}:30:00Z`,
              authors: i % 3 ? "[ada, ben]" : "ben",
              tags: `[Harbour, Tag ${i % 5}]`,
            },
            `Lead of story ${i}, with a [link](https://example.org/${i}).\n\n## More\n\n- one\n- two\n`,
          ),
    );
  }
  // One file starts with a byte-order mark, as some editors save.
  texts[CHUNK + 1] = `\uFEFF${texts[CHUNK + 1]}`;
  const sources = texts.map((t) => Buffer.from(t));
  // One saved as Latin-1, one with a run-together sentence: the same problem and warning on either thread.
  sources[CHUNK * 2 + 4] = Buffer.from((texts[CHUNK * 2 + 4] ?? "").replace("“Story”", "Café"), "latin1");
  sources[CHUNK * 2 + 5] = Buffer.from((texts[CHUNK * 2 + 5] ?? "").replace("Lead of story", "A café.Lead of story"));
  return { names, sources };
}

let root: string;
let names: string[];
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "broadsheet-parse-"));
  const made = files();
  names = made.names;
  await mkdir(path.join(root, "src/articles"), { recursive: true });
  await Promise.all(names.map((name, i) => writeFile(path.join(root, name), made.sources[i] as Buffer)));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("parseFiles", () => {
  it("parses on a worker, alone or with the main thread, with drafts, problems and bodies identical and in file order", async () => {
    const inMemory = memoryBodies();
    const serial = await parseFiles(root, names, context, inMemory, { parallelFrom: Infinity });
    expect(serial.filter((p) => p.problems.length > 0).length).toBeGreaterThan(10);
    expect(serial.filter((p) => p.value).length).toBeGreaterThan(150);
    expect(serial.map((p) => p.value?.file ?? p.problems[0]?.file)).toEqual(names);
    expect(serial[CHUNK * 2 + 4]?.problems[0]?.message).toMatch(/^is not UTF-8 text: byte 0x[0-9A-F]{2} at byte offset \d+/);
    expect(serial[CHUNK * 2 + 5]?.value?.warnings).toEqual([expect.stringContaining("(“café.Lead”)")]);
    const withoutKeys = (parsed: ParsedFile[]) =>
      parsed.map((p) => (p.value ? { ...p, value: { ...p.value, body: { ...p.value.body, key: "" } } } : p));
    for (const options of [{ parallelFrom: 1, mainThreadParses: false }, { parallelFrom: 1 }]) {
      const spool = scratchSpool();
      const parallel = await parseFiles(root, names, context, spool, options);
      expect(withoutKeys(parallel)).toEqual(withoutKeys(serial));
      // Every body either thread spooled reads back as the one rendered on the main thread alone.
      parallel.forEach((p, i) => {
        if (p.value) expect(spool.html(p.value.body.key)).toBe(inMemory.html(serial[i]?.value?.body.key ?? ""));
      });
      spool.close();
    }
  });

  it("fails with the main thread's error when both threads fail (a spool that cannot be written), leaving nothing unhandled", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    // Opened for reading only: every write to it fails, on either thread, as on a full disk.
    const fd = openSync(path.join(root, names[0] as string), "r");
    try {
      const broken = spooledBodies(sharedSpool(fd, 0));
      await expect(parseFiles(root, names, context, broken, { parallelFrom: 1 })).rejects.toThrow(/EBADF/);
      // Long enough for a worker still starting to have started, claimed a chunk and failed.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
      closeSync(fd);
    }
  });

  it("parses on the main thread alone when the bodies are kept in memory, which a worker cannot reach", async () => {
    const serial = await parseFiles(root, names, context, memoryBodies(), { parallelFrom: 1, mainThreadParses: false });
    expect(serial.map((p) => p.value?.file ?? p.problems[0]?.file)).toEqual(names);
  });
});
