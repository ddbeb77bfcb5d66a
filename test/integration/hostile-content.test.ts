/**
 * A hostile-content corpus, built for real. Markup, script URLs and template
 * syntax in every field must reach pages, feeds, JSON-LD, sitemaps, search
 * results and the terminal as inert text; control characters in every field
 * must stop the build, with each field named and nothing raw on the terminal.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { Parser } from "htmlparser2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, copyFixture, runScript, type Fixture, type RunResult } from "../helpers/site.ts";

/** Markup, a script URL, CDATA and comment ends, template syntax. */
const H = `<script>alert("x")</script> "><img src=x onerror=alert(1)> javascript:alert(1) ]]> {{ 7*7 }} {% raw %} </script><!-- &amp;`;
/** The headline as pages and feeds carry it: with the typographer's quotes, its entity read as Markdown reads one. */
const TITLE = H.replace('"x"', "“x”").replace("&amp;", "&");
/** Within the news sitemap's two days of BUILD_NOW. */
const ARTICLE = "src/articles/2025-03-31-hostile.md";
const URL_PATH = "/2025/03/31/hostile/";
/** What a terminal would act on: C0 controls but tab and newline, DEL, C1, bidi overrides. */
const RAW_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

const yaml = (value: string) => JSON.stringify(value);

async function writeHostile(root: string, text: (field: string) => string): Promise<void> {
  await writeFile(
    path.join(root, ARTICLE),
    [
      "---",
      `title: ${yaml(`${text("title")}`)}`,
      "date: 2025-03-31",
      "section: world",
      "authors: [ada]",
      `tags: [${yaml(`Tag ${text("tags")}`)}]`,
      `summary: ${yaml(text("summary"))}`,
      "image:",
      "  src: northern-light.jpg",
      `  alt: ${yaml(text("image.alt"))}`,
      `  caption: ${yaml(text("image.caption"))}`,
      `  credit: ${yaml(text("image.credit"))}`,
      "---",
      "",
      `Lead ${text("body")} and [a link](javascript:alert(1)) and <javascript:alert(1)> and ![x](javascript:alert(1)).`,
      "",
      `<img src=x onerror=alert(1)> [data](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:msgbox(1)) ${text("body")}`,
      "",
    ].join("\n"),
  );
  await writeFile(
    path.join(root, "_data/site.yaml"),
    `title: ${yaml(`Broadsheet ${text("title")}`)}\ntagline: ${yaml(text("tagline"))}\nurl: https://broadsheet.netlify.app\nlanguage: en-GB\nlocale: en-GB\ntimeZone: Europe/London\nperPage: 3\n`,
  );
  await writeFile(
    path.join(root, "_data/sections.yaml"),
    `- id: world\n  name: ${yaml(`World ${text("name")}`)}\n  description: ${yaml(text("description"))}\n- id: opinion\n  name: Opinion\n- id: science\n  name: Science\n`,
  );
  await writeFile(
    path.join(root, "_data/authors.yaml"),
    `ada:\n  name: ${yaml(`Ada ${text("name")}`)}\n  bio: ${yaml(text("bio"))}\nben:\n  name: Ben\ncy:\n  name: Cy\n`,
  );
  await writeFile(
    path.join(root, "_data/teasers.yaml"),
    `latest:\n  - text: ${yaml(text("text"))}\n    url: /about/\n  - article: 2025-03-31-hostile\n`,
  );
}

/** Every script element and every attribute of an HTML document or fragment. */
function inspect(html: string): { scripts: { attrs: Record<string, string>; text: string }[]; attributes: [string, string][] } {
  const scripts: { attrs: Record<string, string>; text: string }[] = [];
  const attributes: [string, string][] = [];
  let inScript: { attrs: Record<string, string>; text: string } | undefined;
  const parser = new Parser({
    onopentag(name, attrs) {
      for (const entry of Object.entries(attrs)) attributes.push(entry);
      if (name === "script") scripts.push((inScript = { attrs, text: "" }));
    },
    ontext(text) {
      if (inScript) inScript.text += text;
    },
    onclosetag(name) {
      if (name === "script") inScript = undefined;
    },
  });
  parser.write(html);
  parser.end();
  return { scripts, attributes };
}

const SCRIPT_URL = /^\s*(javascript|vbscript|data:text\/html)/i;

/** No element, attribute or URL from content can run: the only scripts are the site's own files and JSON data. */
function expectInert(html: string, where: string): void {
  const { scripts, attributes } = inspect(html);
  for (const [name, value] of attributes) {
    expect(name.startsWith("on"), `${where}: attribute ${name}`).toBe(false);
    expect(SCRIPT_URL.test(value), `${where}: ${name}="${value}"`).toBe(false);
  }
  for (const script of scripts) {
    if (script.attrs.src) expect(script.attrs.src, where).toMatch(/^\/(assets|pagefind)\//);
    else {
      expect(script.attrs.type, where).toMatch(/^application\/(ld\+)?json$/);
      expect(() => JSON.parse(script.text), where).not.toThrow();
      expect(script.text, where).not.toMatch(/<\/script|<!--/i);
    }
  }
}

let fixture: Fixture;
let built: RunResult;
const out = (p: string) => readFile(path.join(fixture.out, p), "utf8");
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["entry", "url"].includes(name) });

beforeAll(async () => {
  fixture = await copyFixture();
  await writeHostile(fixture.root, () => H);
  built = await build(fixture.root, fixture.out);
}, 180_000);
afterAll(() => fixture.cleanup());

describe("a hostile corpus", () => {
  it("builds, and nothing raw reaches the terminal", () => {
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout + built.stderr).not.toMatch(RAW_CONTROL);
  });

  it("is inert text on every page", async () => {
    const pages = (await readdir(fixture.out, { recursive: true })).filter((p) => p.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(30);
    for (const page of pages) expectInert(await out(page), page);
    const article = await out(`${URL_PATH}index.html`);
    expect(article).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(article).toContain("{{ 7*7 }}");
    expect(article).not.toContain(">49<");
  });

  it("is escaped text in both feeds, and their HTML content is inert", async () => {
    for (const feed of ["feed.xml", "section/world/feed.xml"]) {
      const text = await out(feed);
      expect(XMLValidator.validate(text), feed).toBe(true);
      const entry = (xml.parse(text) as { feed: { entry: { title: string; content: { "#text": string } }[] } }).feed.entry[0];
      expect(entry?.title).toBe(TITLE);
      expectInert(entry?.content["#text"] ?? "", feed);
    }
    for (const feed of ["feed.json", "section/world/feed.json"]) {
      const json = JSON.parse(await out(feed)) as { title: string; items: { title: string; content_html: string }[] };
      expect(json.items[0]?.title).toBe(TITLE);
      expectInert(json.items[0]?.content_html ?? "", feed);
    }
  });

  it("is data in JSON-LD that cannot close its script element", async () => {
    const html = await out(`${URL_PATH}index.html`);
    const blocks = inspect(html).scripts.filter((s) => s.attrs.type === "application/ld+json");
    expect(blocks.length).toBeGreaterThan(0);
    const headlines = blocks.map((b) => (JSON.parse(b.text) as { headline?: string }).headline).filter(Boolean);
    expect(headlines).toContain(TITLE);
  });

  it("is escaped text in both sitemaps", async () => {
    for (const map of ["sitemap.xml", "news-sitemap.xml"]) expect(XMLValidator.validate(await out(map)), map).toBe(true);
    const news = xml.parse(await out("news-sitemap.xml")) as { urlset: { url: { "news:news": { "news:title": string } }[] } };
    expect(news.urlset.url.map((u) => u["news:news"]["news:title"])).toContain(TITLE);
  });

  it("comes back from search as text, in the table and in JSON", async () => {
    const args = ["--dir", fixture.out, "--content", fixture.root];
    const table = await runScript("search.ts", ["onerror", ...args]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain(URL_PATH);
    expect(table.stdout + table.stderr).not.toMatch(RAW_CONTROL);
    const json = await runScript("search.ts", ["onerror", "--json", ...args]);
    const results = (JSON.parse(json.stdout) as { results: { title: string; url: string }[] }).results;
    expect(results.find((r) => r.url === URL_PATH)?.title).toBe(TITLE);
  });
});

describe("control characters in every field", () => {
  const SEQUENCES = ["\u001b]0;pwned\u0007", "\u001b[2J", "\u009b31m", "\b", "\u000b", "\u007f"];
  const FIELDS: [string, string][] = [
    [ARTICLE, "title"],
    [ARTICLE, "summary"],
    [ARTICLE, "tags.0"],
    [ARTICLE, "image.alt"],
    [ARTICLE, "image.caption"],
    [ARTICLE, "image.credit"],
    [ARTICLE, "(body)"],
    ["_data/site.yaml", "title"],
    ["_data/site.yaml", "tagline"],
    ["_data/sections.yaml", "0.name"],
    ["_data/sections.yaml", "0.description"],
    ["_data/authors.yaml", "ada.name"],
    ["_data/authors.yaml", "ada.bio"],
    ["_data/teasers.yaml", "latest.0.text"],
  ];

  it("stop the build and check:content, naming each field, leaving the site and the terminal as they were", async () => {
    const before = await readdir(fixture.out, { recursive: true });
    const site = await out(`${URL_PATH}index.html`);
    let n = 0;
    await writeHostile(fixture.root, (field) => `${field} ${SEQUENCES[n++ % SEQUENCES.length]} text`);
    for (const result of [await build(fixture.root, fixture.out), await runScript("check-content.ts", ["--content", fixture.root])]) {
      expect(result.code).toBe(1);
      expect(result.stdout + result.stderr).not.toMatch(RAW_CONTROL);
      for (const [file, field] of FIELDS) expect(result.stderr).toContain(`${file}: ${field}: contains`);
    }
    expect(await readdir(fixture.out, { recursive: true })).toEqual(before);
    expect(await out(`${URL_PATH}index.html`)).toBe(site);
  });

  it("include halves of surrogate pairs escaped in YAML, which stop the build naming each field", async () => {
    await writeHostile(fixture.root, (field) => `${field} \uD83D text \uDE00`);
    const result = await build(fixture.root, fixture.out);
    expect(result.code).toBe(1);
    for (const [file, field] of FIELDS.filter(([, f]) => f !== "(body)"))
      expect(result.stderr).toContain(`${file}: ${field}: contains 2 halves of surrogate pairs, U+D83D, U+DE00`);
  });

  it("are refused by npm run new, with nothing raw on the terminal", async () => {
    // Valid data files, so that what is refused is the title alone.
    await writeHostile(fixture.root, (field) => `${field} text`);
    const r = await runScript("new.ts", ["--content", fixture.root, "--title", "Pwned\u001b]0;title\u0007", "--section", "world"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("--title: contains a control character, U+001B (escape)");
    expect(r.stdout + r.stderr).not.toMatch(RAW_CONTROL);
  });
});
