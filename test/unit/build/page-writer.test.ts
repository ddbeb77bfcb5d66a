import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pageWriter } from "../../../scripts/lib/build/page-writer.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "broadsheet-writer-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("the page writer", () => {
  it("writes every page into its folder, made as needed", async () => {
    const writer = pageWriter();
    const pages = Array.from({ length: 40 }, (_, i) => ({
      outputPath: path.join(dir, "2025", String(i % 7), `p${i}`, "index.html"),
      content: `<p>${i}</p>`,
    }));
    writer.push(pages.slice(0, 20));
    writer.push(pages.slice(20));
    await writer.done();
    for (const page of pages) expect(await readFile(page.outputPath, "utf8")).toBe(page.content);
  });

  it("fails when a page cannot be written, naming the path", async () => {
    await writeFile(path.join(dir, "a-file"), "not a folder");
    const writer = pageWriter();
    writer.push([{ outputPath: path.join(dir, "a-file", "page", "index.html"), content: "x" }]);
    await expect(writer.done()).rejects.toThrow(/a-file/);
  });
});
