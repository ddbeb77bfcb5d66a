import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { crc32 } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pageWriter, type PageWriter } from "../../../scripts/lib/build/page-writer.ts";
import { pageTaker } from "../../../scripts/lib/pages/site-session.ts";

let dir: string;
let writer: PageWriter;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "broadsheet-writer-"));
  writer = pageWriter();
});
afterEach(async () => {
  await writer.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("the page writer", () => {
  it("writes every page into its folder, made as needed, as UTF-8", async () => {
    const pages = Array.from({ length: 40 }, (_, i) => ({
      outputPath: path.join(dir, "2025", String(i % 7), `p${i}`, "index.html"),
      content: `<p>${i}: “quoted” — café, 東京, 🦉</p>`,
    }));
    for (const page of pages.slice(0, 20)) writer.write(page.outputPath, page.content);
    await writer.done();
    for (const page of pages.slice(20)) writer.write(page.outputPath, page.content);
    await writer.done();
    for (const page of pages) expect(await readFile(page.outputPath)).toEqual(Buffer.from(page.content, "utf8"));
  });

  it("tells the page store each written page's size, CRC-32 and where its Latest rail is, from the bytes it wrote", async () => {
    const rail = '<section class="rail" aria-labelledby="latest-heading"><h2 id="latest-heading">Latest</h2></section>';
    const withRail = path.join(dir, "with-rail", "index.html");
    const without = path.join(dir, "without", "index.html");
    writer.write(withRail, `<main>café “body”</main>${rail}<footer></footer>`);
    writer.write(without, "<main>No rail here</main>");
    await writer.done();
    for (const file of [withRail, without]) {
      const bytes = await readFile(file);
      const start = bytes.indexOf(rail);
      expect(writer.written.get(file)).toEqual({
        size: bytes.length,
        crc: crc32(bytes),
        ...(start < 0 ? {} : { rail: [start, start + Buffer.byteLength(rail)] }),
      });
    }
  });

  it("fails when a page cannot be written, naming the path, and writes nothing after it", async () => {
    await writeFile(path.join(dir, "a-file"), "not a folder");
    const page = path.join(dir, "a-file", "page", "index.html");
    writer.write(page, "x");
    await expect(writer.done()).rejects.toThrow(`Writing pages: ${page}: ENOTDIR`);
    writer.write(path.join(dir, "later", "index.html"), "y");
    await expect(writer.done()).rejects.toThrow(/a-file/);
    await expect(readFile(path.join(dir, "later", "index.html"))).rejects.toThrow(/ENOENT/);
  });

  it("settles at once when nothing is waiting", async () => {
    await expect(writer.done()).resolves.toBeUndefined();
  });
});

describe("taking pages from Eleventy", () => {
  it("hands each HTML page on and leaves Eleventy a one-space stand-in", () => {
    const taken: [string, string][] = [];
    const transform = pageTaker((file, html) => taken.push([file, html]));
    expect(transform("<!doctype html><p>Hi</p>", "/site/a/index.html")).toBe(" ");
    expect(taken).toEqual([["/site/a/index.html", "<!doctype html><p>Hi</p>"]]);
  });

  it("leaves pages that are not HTML files to Eleventy", () => {
    const taken: string[] = [];
    const transform = pageTaker((file) => taken.push(file));
    expect(transform("{}", "/site/feed.json")).toBe("{}");
    expect(transform("<p>", false)).toBe("<p>");
    expect(taken).toEqual([]);
  });
});
