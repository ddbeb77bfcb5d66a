/** The dev server's splice of a new Latest rail into article pages it wrote before. */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spliceSiteRail } from "../../../scripts/lib/pages/rail-splice.ts";

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

const rail = (items: string) =>
  `<section class="rail" aria-labelledby="latest-heading"><h2 id="latest-heading">Latest</h2><ul>${items}</ul></section>`;
const page = (body: string, items: string) =>
  `<main><article>${body}</article>${rail(items)}</main><footer><section>Footer</section></footer>`;

async function output(pages: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "broadsheet-rail-splice-"));
  dirs.push(dir);
  for (const [url, html] of Object.entries(pages)) {
    await mkdir(path.join(dir, url), { recursive: true });
    await writeFile(path.join(dir, url, "index.html"), html);
  }
  return dir;
}

describe("spliceSiteRail", () => {
  it("gives each page the rendered page's rail in place of its own, leaving the rest of it as it was", async () => {
    const dir = await output({
      "/new/": page("<p>Rendered</p>", "<li>Ísland</li><li>New</li>"),
      "/a/": page("<p>Ålesund · 東京</p>", "<li>Old</li>"),
      "/b/": page("<p>B</p>", "<li>Old</li><li>Older</li>"),
    });
    expect(await spliceSiteRail(dir, "/new/", ["/a/", "/b/"])).toEqual([]);
    expect(await readFile(path.join(dir, "a/index.html"), "utf8")).toBe(page("<p>Ålesund · 東京</p>", "<li>Ísland</li><li>New</li>"));
    expect(await readFile(path.join(dir, "b/index.html"), "utf8")).toBe(page("<p>B</p>", "<li>Ísland</li><li>New</li>"));
  });

  it("splices pages longer than what is read from their end, into rails shorter and longer than theirs and ones that start further back", async () => {
    const long = `<p>${"Ålesund harbour news. ".repeat(2000)}</p>`;
    const many = Array.from({ length: 800 }, (_, i) => `<li>Teaser ${i} · 東京</li>`).join("");
    // A quoted rail in the body, written as raw HTML, comes before the page's own.
    const quoted = `<pre>${rail("<li>Quoted</li>")}</pre>${long}`;
    const dir = await output({
      "/short/": page("", "<li>Short</li>"),
      "/long/": page(long, "<li>Old</li><li>Older</li>"),
      "/many/": page(long, many),
      "/quoted/": page(quoted, "<li>Old</li>"),
    });
    expect(await spliceSiteRail(dir, "/short/", ["/long/", "/many/", "/quoted/"])).toEqual([]);
    expect(await readFile(path.join(dir, "long/index.html"), "utf8")).toBe(page(long, "<li>Short</li>"));
    expect(await readFile(path.join(dir, "many/index.html"), "utf8")).toBe(page(long, "<li>Short</li>"));
    expect(await readFile(path.join(dir, "quoted/index.html"), "utf8")).toBe(page(quoted, "<li>Short</li>"));
    await writeFile(path.join(dir, "short/index.html"), page("", many));
    expect(await spliceSiteRail(dir, "/short/", ["/long/"])).toEqual([]);
    expect(await readFile(path.join(dir, "long/index.html"), "utf8")).toBe(page(long, many));
  });

  it("names the pages that could not take it, a file gone or without a rail, and leaves them as they were", async () => {
    const dir = await output({
      "/new/": page("", "<li>New</li>"),
      "/plain/": "<main><p>No rail</p></main>",
      "/a/": page("", "<li>Old</li>"),
    });
    expect((await spliceSiteRail(dir, "/new/", ["/plain/", "/gone/", "/a/"])).sort()).toEqual(["/gone/", "/plain/"]);
    expect(await readFile(path.join(dir, "plain/index.html"), "utf8")).toBe("<main><p>No rail</p></main>");
    expect(await readFile(path.join(dir, "a/index.html"), "utf8")).toBe(page("", "<li>New</li>"));
    // Without a rail to take, every page is named.
    expect(await spliceSiteRail(dir, "/plain/", ["/a/"])).toEqual(["/a/"]);
  });
});
