import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLinks, formatBrokenLink, sitePathOf } from "../../../scripts/lib/checks/link-check.ts";

let root: string;

async function write(files: Record<string, string>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), content);
  }
}

const page = (body: string) =>
  `<!doctype html><html lang="en"><head><title>t</title><link rel="stylesheet" href="/assets/site.css"></head><body>${body}</body></html>`;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "broadsheet-links-"));
  await write({
    "index.html": page(`
      <a href="/a/">fine</a>
      <a href="a/#part-two">fine relative with fragment</a>
      <a href="/a">fine: pretty URL without slash</a>
      <a href="/old-story/">fine: redirected</a>
      <a href="/gone-elsewhere/">fine: redirected off the site</a>
      <a href="https://example.org/nowhere">external: not checked</a>
      <a href="mailto:desk@example.org">mail: not checked</a>
      <a href="#top">top</a>
      <a href="/missing/">broken page</a>
      <a href="/a/#no-such-part">broken fragment</a>
      <a href="#also-missing">broken local fragment</a>
      <a href="https://broadsheet.example/missing-too/">broken absolute link to the site itself</a>
      <img src="/img/photo.jpg" srcset="/img/photo.jpg 1x, /img/photo-2x.jpg 2x" alt="">
      <form action="/search/"></form>
      <script src="/assets/app.js"></script>`),
    "a/index.html": page(`<h2 id="part-two">Two</h2><a href="../">up</a><a href="/orphan.html#here">orphan</a>`),
    // Nothing links here, and it is still checked.
    "orphan.html": page(`<p id="here">orphan</p><a href="/a/index.html#gone">broken, on a page nothing links to</a>`),
    "assets/site.css": "body { background: url('/img/bg.png'); } .x { background: url(data:image/png;base64,AAAA); }",
    "img/photo.jpg": "jpg",
    "search/index.html": page(""),
    _redirects: "/old-story/  /a/  301\n/gone-elsewhere/  https://example.org/  301\n",
  });
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("the link checker", () => {
  it("finds every broken link, fragment and asset, on every page, and nothing else", async () => {
    const broken = (await checkLinks(root, { siteUrl: "https://broadsheet.example" })).map(formatBrokenLink).sort();
    expect(broken).toEqual(
      [
        '/: a[href] #also-missing: no element with id "also-missing" in /',
        '/: a[href] /a/#no-such-part: no element with id "no-such-part" in /a/',
        "/: a[href] /missing/: no file at /missing/",
        "/: script[src] /assets/app.js: no file at /assets/app.js",
        "/: img[srcset] /img/photo-2x.jpg: no file at /img/photo-2x.jpg",
        "/: a[href] https://broadsheet.example/missing-too/: no file at /missing-too/",
        "/assets/site.css: css url() /img/bg.png: no file at /img/bg.png",
        '/orphan.html: a[href] /a/index.html#gone: no element with id "gone" in /a/',
      ].sort(),
    );
  });

  it("maps files to the addresses they are served at", () => {
    expect(sitePathOf("index.html")).toBe("/");
    expect(sitePathOf("2025/03/12/x/index.html")).toBe("/2025/03/12/x/");
    expect(sitePathOf("404.html")).toBe("/404.html");
  });
});
