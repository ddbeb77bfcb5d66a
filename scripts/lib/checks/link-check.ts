/**
 * Finds broken internal links, fragments and assets in a built site. Every
 * HTML and CSS file is read once (not crawled from the front page), so pages
 * that nothing links to are checked too. Work is O(files + references).
 */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { Parser } from "htmlparser2";
import { parseRedirectsFile, redirectFor, type RedirectRule } from "../serve/netlify-config.ts";

export interface BrokenLink {
  /** Site path of the file that holds the reference, e.g. `/2025/03/12/x/`. */
  page: string;
  /** Where the reference sits, e.g. `a[href]`. */
  source: string;
  url: string;
  reason: string;
}

export interface LinkCheckOptions {
  /** The site's public origin (e.g. `https://example.org`): absolute URLs on it are checked as internal. */
  siteUrl?: string;
}

interface Reference {
  source: string;
  url: string;
}

interface ParsedFile {
  ids: Set<string>;
  references: Reference[];
}

// Attributes that point at another resource, by element.
const URL_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ["href"],
  area: ["href"],
  link: ["href"],
  script: ["src"],
  img: ["src", "srcset"],
  source: ["src", "srcset"],
  video: ["src", "poster"],
  audio: ["src"],
  track: ["src"],
  iframe: ["src"],
  form: ["action"],
  use: ["href"],
};
// <meta> values that are URLs of this site once published.
const URL_META = new Set(["og:url", "og:image", "twitter:image"]);
const BASE = "http://site.invalid";

async function walk(root: string, dir = ""): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => {
      const rel = path.posix.join(dir, e.name);
      return e.isDirectory() ? walk(root, rel) : Promise.resolve([rel]);
    }),
  );
  return nested.flat();
}

/** The address a file is served at: `a/index.html` → `/a/`. */
export function sitePathOf(file: string): string {
  const p = `/${file}`;
  return p.endsWith("/index.html") ? p.slice(0, -"index.html".length) : p;
}

function srcsetUrls(value: string): string[] {
  return value
    .split(/,\s+/)
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? "")
    .filter(Boolean);
}

function parseHtml(html: string): ParsedFile {
  const ids = new Set<string>();
  const references: Reference[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (attributes.id) ids.add(attributes.id);
        if (name === "a" && attributes.name) ids.add(attributes.name);
        for (const attribute of URL_ATTRIBUTES[name] ?? []) {
          const value = attributes[attribute];
          if (value === undefined) continue;
          const urls = attribute === "srcset" ? srcsetUrls(value) : [value];
          for (const url of urls) references.push({ source: `${name}[${attribute}]`, url });
        }
        const property = attributes.property ?? attributes.name;
        if (name === "meta" && property && URL_META.has(property) && attributes.content)
          references.push({ source: `meta[${property}]`, url: attributes.content });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return { ids, references };
}

function parseCss(css: string): ParsedFile {
  const references = [...css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)].map((m) => ({ source: "css url()", url: m[2] ?? "" }));
  return { ids: new Set(), references };
}

export async function checkLinks(root: string, options: LinkCheckOptions = {}): Promise<BrokenLink[]> {
  const files = await walk(root);
  const fileSet = new Set(files);
  const parsed = new Map<string, ParsedFile>();
  await Promise.all(
    files
      .filter((f) => f.endsWith(".html") || f.endsWith(".css"))
      .map(async (f) => {
        const text = await readFile(path.join(root, f), "utf8");
        parsed.set(f, f.endsWith(".html") ? parseHtml(text) : parseCss(text));
      }),
  );
  const redirects: RedirectRule[] = fileSet.has("_redirects")
    ? parseRedirectsFile(await readFile(path.join(root, "_redirects"), "utf8"))
    : [];
  const siteOrigin = options.siteUrl ? new URL(options.siteUrl).origin : undefined;

  /**
   * What a site path serves, following pretty URLs and one redirect: a file,
   * `null` for a redirect off the site (not ours to check), or undefined.
   */
  const fileFor = (pathname: string, redirectsLeft = 1): string | null | undefined => {
    const rel = pathname.slice(1);
    if (pathname.endsWith("/")) {
      if (fileSet.has(`${rel}index.html`)) return `${rel}index.html`;
    } else {
      if (fileSet.has(rel)) return rel;
      if (fileSet.has(`${rel}/index.html`)) return `${rel}/index.html`;
    }
    const redirect = redirectsLeft > 0 ? redirectFor(redirects, pathname) : undefined;
    if (!redirect) return undefined;
    return redirect.to.startsWith("/") ? fileFor(new URL(redirect.to, BASE).pathname, redirectsLeft - 1) : null;
  };

  const broken: BrokenLink[] = [];
  for (const [file, { references }] of parsed) {
    const page = sitePathOf(file);
    for (const { source, url } of references) {
      const report = (reason: string) => broken.push({ page, source, url, reason });
      const trimmed = url.trim();
      if (trimmed === "") {
        report("empty URL");
        continue;
      }
      let target: URL;
      try {
        target = new URL(trimmed, BASE + page);
      } catch {
        report("not a valid URL");
        continue;
      }
      if (target.origin !== BASE && target.origin !== siteOrigin) continue;
      let pathname: string;
      try {
        pathname = decodeURIComponent(target.pathname);
      } catch {
        report("badly encoded path");
        continue;
      }
      const found = fileFor(pathname);
      if (found === undefined) {
        report(`no file at ${pathname}`);
        continue;
      }
      if (found === null) continue;
      const fragment = decodeURIComponent(target.hash.slice(1));
      // `#top` and a bare `#` scroll to the top of any page.
      if (!fragment || fragment === "top") continue;
      const ids = parsed.get(found)?.ids;
      if (!ids?.has(fragment)) report(`no element with id "${fragment}" in ${sitePathOf(found)}`);
    }
  }
  return broken.sort((a, b) => a.page.localeCompare(b.page) || a.url.localeCompare(b.url));
}

export function formatBrokenLink(b: BrokenLink): string {
  return `${b.page}: ${b.source} ${b.url}: ${b.reason}`;
}
