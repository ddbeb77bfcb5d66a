import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { parse } from "smol-toml";
import { sitePathOf } from "../../scripts/lib/checks/link-check.ts";
import { buildCacheDir } from "../../scripts/lib/content/content-files.ts";
import { headersFor, parseNetlifyToml, rulesFor, type NetlifyConfig } from "../../scripts/lib/serve/netlify-config.ts";
import { PROJECT } from "../helpers/site.ts";

let config: NetlifyConfig;
let served: string[];

beforeAll(async () => {
  config = parseNetlifyToml(await readFile(path.join(PROJECT, "netlify.toml"), "utf8"));
  served = (await readdir(inject("fixtureSite"), { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => sitePathOf(path.relative(inject("fixtureSite"), path.join(e.parentPath, e.name))));
});

/** `default-src 'self'; …` → { "default-src": ["'self'"], … } */
function directives(csp: string): Record<string, string[]> {
  return Object.fromEntries(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  );
}

describe("netlify.toml", () => {
  it("builds with the project's build command into the folder the build writes, on the project's Node version", async () => {
    expect(config.build.command).toBe("npm run build");
    expect(config.build.publish).toBe("_site");
    const pkg = JSON.parse(await readFile(path.join(PROJECT, "package.json"), "utf8")) as {
      engines: { node: string };
      devDependencies: { node: string };
    };
    // Netlify installs the Node the project pins (the `node` dev dependency every npm script runs on), and the engines range admits it.
    const pinned = pkg.devDependencies.node;
    expect(config.build.environment?.NODE_VERSION).toBe(pinned);
    const [minimum = ""] = /[\d.]+/.exec(pkg.engines.node) ?? [];
    expect(Number(pinned.split(".")[0])).toBeGreaterThanOrEqual(Number(minimum.split(".")[0]));
  });

  it("sends a strict Content-Security-Policy with only what Pagefind needs beyond the site's own files", () => {
    const csp = directives(headersFor(config.headers, "/")["Content-Security-Policy"] ?? "");
    expect(csp["default-src"]).toEqual(["'self'"]);
    expect(csp["script-src"]).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(csp["worker-src"]).toEqual(["'self'", "blob:"]);
    expect(csp["style-src"]).toEqual(["'self'"]);
    expect(csp["object-src"]).toEqual(["'none'"]);
    expect(csp["base-uri"]).toEqual(["'self'"]);
    expect(csp["form-action"]).toEqual(["'self'"]);
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
    // Nothing from elsewhere, nothing inline, no eval.
    for (const [name, sources] of Object.entries(csp)) {
      for (const source of sources) expect(source, name).toMatch(/^('self'|'none'|'wasm-unsafe-eval'|blob:|data:)$/);
    }
  });

  it("sends the security headers with every file the site serves, the 404 page included", () => {
    expect(served).toContain("/404.html");
    for (const file of served) {
      const headers = headersFor(config.headers, file);
      expect(headers["Content-Security-Policy"], file).toBeTruthy();
      const hsts = headers["Strict-Transport-Security"] ?? "";
      expect(Number(/max-age=(\d+)/.exec(hsts)?.[1]), file).toBeGreaterThanOrEqual(31_536_000);
      expect(hsts).toContain("includeSubDomains");
      expect(headers["X-Content-Type-Options"], file).toBe("nosniff");
      expect(headers["Referrer-Policy"], file).toBe("strict-origin-when-cross-origin");
      expect(headers["Permissions-Policy"], file).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
      expect(headers["X-Frame-Options"], file).toBe("DENY");
    }
  });

  it("caches fingerprinted files for a year and makes everything else revalidate", () => {
    const cache = (p: string) => headersFor(config.headers, p)["Cache-Control"];
    const immutable = "public, max-age=31536000, immutable";
    const revalidate = "public, max-age=0, must-revalidate";
    const fingerprinted = served.filter((p) => /^\/assets\/|^\/cards\/|^\/pagefind\/(index|fragment|filter|spelling)\//.test(p));
    expect(fingerprinted.length).toBeGreaterThan(5);
    for (const p of fingerprinted) expect(cache(p), p).toBe(immutable);
    for (const p of served.filter((f) => !fingerprinted.includes(f))) expect(cache(p), p).toBe(revalidate);
    for (const p of [
      "/",
      "/2025/03/12/x/",
      "/feed.xml",
      "/sitemap.xml",
      "/sw.js",
      "/pagefind/pagefind.js",
      "/pagefind/pagefind-entry.json",
      "/pagefind/pagefind-worker.js",
      "/pagefind/wasm.en.pagefind",
      "/pagefind/parts.json",
      "/pagefind/parts/2/pagefind-entry.json",
    ]) {
      expect(cache(p), p).toBe(revalidate);
    }
    // A partitioned index's older parts (the fixture is too small to have them).
    for (const p of [
      "/pagefind/parts/2/index/en_1a2b3c.pf_index",
      "/pagefind/parts/2/fragment/en_1a2b3c.pf_fragment",
      "/pagefind/parts/12/filter/en_1a2b3c.pf_filter",
    ]) {
      expect(cache(p), p).toBe(immutable);
    }
  });

  it("sets each header of each served file from one rule only, so Netlify cannot merge two values", () => {
    for (const file of served) {
      const seen = new Map<string, string>();
      for (const rule of rulesFor(config.headers, file)) {
        for (const name of Object.keys(rule.values)) {
          expect(
            seen.get(name.toLowerCase()),
            `${file}: ${name} set by both ${seen.get(name.toLowerCase())} and ${rule.for}`,
          ).toBeUndefined();
          seen.set(name.toLowerCase(), rule.for);
        }
      }
    }
  });

  it("publishes the 404 page Netlify serves for unknown addresses", () => {
    expect(existsSync(path.join(inject("fixtureSite"), "404.html"))).toBe(true);
  });

  it("keeps the build cache between deploys with netlify-plugin-cache, restored before the build and saved after it", async () => {
    const raw = parse(await readFile(path.join(PROJECT, "netlify.toml"), "utf8")) as {
      plugins?: { package: string; inputs?: { paths?: string[] } }[];
    };
    const plugin = raw.plugins?.find((p) => p.package === "netlify-plugin-cache");
    expect(plugin?.inputs?.paths).toEqual([path.relative(PROJECT, buildCacheDir(PROJECT))]);
    const pkg = JSON.parse(await readFile(path.join(PROJECT, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
    expect(pkg.devDependencies["netlify-plugin-cache"]).toBeDefined();
    // The plugin's own hooks, with Netlify's cache utilities stood in for.
    const hooks = createRequire(import.meta.url)("netlify-plugin-cache") as Record<string, (arg: unknown) => Promise<void>>;
    const calls: string[] = [];
    const cache = {
      restore: async (paths: string[]) => (calls.push(`restore ${paths.join()}`), true),
      save: async (paths: string[]) => (calls.push(`save ${paths.join()}`), true),
      list: async () => ["a"],
    };
    const utils = { cache, status: { show: () => {} } };
    const log = console.log;
    console.log = () => {};
    try {
      await hooks.onPreBuild?.({ utils, inputs: plugin?.inputs });
      await hooks.onSuccess?.({ utils, inputs: plugin?.inputs });
    } finally {
      console.log = log;
    }
    expect(calls).toEqual(["restore .cache", "save .cache"]);
  });
});
