import { describe, expect, it } from "vitest";
import {
  headersFor,
  matchPath,
  parseNetlifyToml,
  parseRedirectsFile,
  pathMatches,
  redirectFor,
  type HeaderRule,
} from "../../../scripts/lib/serve/netlify-config.ts";

describe("Netlify path patterns", () => {
  it("match a whole path, a splat at the end, or one segment per placeholder", () => {
    expect(pathMatches("/about/", "/about/")).toBe(true);
    expect(pathMatches("/about/", "/about/team/")).toBe(false);
    expect(pathMatches("/*", "/")).toBe(true);
    expect(pathMatches("/*", "/2025/03/12/x/")).toBe(true);
    expect(pathMatches("/assets/*", "/assets/site.1a2b.css")).toBe(true);
    expect(pathMatches("/assets/*", "/assetsx/site.css")).toBe(false);
    expect(pathMatches("/pagefind/pagefind.js", "/pagefind/pagefindXjs")).toBe(false);
    expect(matchPath("/news/:year/:slug", "/news/2025/harbour")).toEqual({ year: "2025", slug: "harbour" });
    expect(matchPath("/news/:year/:slug", "/news/2025/harbour/extra")).toBeUndefined();
    expect(matchPath("/old/*", "/old/a/b")).toEqual({ splat: "a/b" });
  });
});

describe("headers for a path", () => {
  const rules: HeaderRule[] = [
    { for: "/*", values: { "X-Content-Type-Options": "nosniff", "X-Test": "first" } },
    { for: "/assets/*", values: { "Cache-Control": "public, max-age=31536000, immutable", "X-Test": "second" } },
  ];

  it("start from Netlify's revalidating default and apply every matching rule, later rules winning", () => {
    expect(headersFor(rules, "/2025/03/12/x/")).toEqual({
      "Cache-Control": "public, max-age=0, must-revalidate",
      "X-Content-Type-Options": "nosniff",
      "X-Test": "first",
    });
    expect(headersFor(rules, "/assets/site.css")).toEqual({
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "X-Test": "second",
    });
    expect(headersFor([...rules].reverse(), "/assets/site.css")["X-Test"]).toBe("first");
  });
});

describe("redirects", () => {
  it("parse from a _redirects file: comments, blank lines, default 301, forced and explicit statuses", () => {
    const text = "# aliases\n\n/old/  /new/\n/moved  /elsewhere/  302 # temporary\n/force/ /x/ 301!\n/blog/*  /news/:splat  301\n";
    expect(parseRedirectsFile(text)).toEqual([
      { from: "/old/", to: "/new/", status: 301 },
      { from: "/moved", to: "/elsewhere/", status: 302 },
      { from: "/force/", to: "/x/", status: 301 },
      { from: "/blog/*", to: "/news/:splat", status: 301 },
    ]);
  });

  it("match with or without a trailing slash and fill splats and placeholders into the target", () => {
    const rules = parseRedirectsFile("/old/ /new/\n/blog/* /news/:splat\n/p/:id /posts/:id/\n");
    expect(redirectFor(rules, "/old")?.to).toBe("/new/");
    expect(redirectFor(rules, "/old/")?.to).toBe("/new/");
    expect(redirectFor(rules, "/blog/2025/x/")?.to).toBe("/news/2025/x/");
    expect(redirectFor(rules, "/p/42")?.to).toBe("/posts/42/");
    expect(redirectFor(rules, "/other/")).toBeUndefined();
  });

  it("come from netlify.toml too, with 301 as the default status", () => {
    const config = parseNetlifyToml('[[redirects]]\nfrom = "/a"\nto = "/b"\n\n[[redirects]]\nfrom = "/c"\nto = "/d"\nstatus = 302\n');
    expect(config.redirects).toEqual([
      { from: "/a", to: "/b", status: 301 },
      { from: "/c", to: "/d", status: 302 },
    ]);
  });
});
