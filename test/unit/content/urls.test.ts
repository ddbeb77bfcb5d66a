import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { absoluteUrl } from "../../../scripts/lib/content/urls.ts";

const resolved = (path: string, base: string) => new URL(path, `${base}/`).href;
/** What a call gives, or that it throws: a path the URL parser refuses must be refused the same. */
const outcome = (f: () => string) => {
  try {
    return f();
  } catch (error) {
    return `throws ${(error as Error).name}`;
  }
};

describe("absoluteUrl", () => {
  const bases = [
    "https://broadsheet.example.org",
    "https://Broadsheet.Example.ORG",
    "http://localhost:8080",
    "https://example.org:443",
    "https://example.org/news",
    "https://user:secret@example.org",
    "https://bücher.example",
  ];
  const paths = [
    "/",
    "/2025/03/12/a-slug/",
    "/tag/coasts/page/2/",
    "/cards/0f3a9b.png",
    "/images/Lead_Photo.v2.jpg",
    "/a/./b/",
    "/a/../b/",
    "/..",
    "//evil.example/x",
    "/a//b/",
    "/space here/",
    "/café/",
    "/a?q=1",
    "/a#top",
    "/%7Euser/",
    "relative/path",
    "https://elsewhere.example/x",
    "mailto:desk@example.org",
  ];
  it("gives what the URL parser resolves, for every path and base", () => {
    for (const base of bases) for (const path of paths) expect(absoluteUrl(path, base), `${path} under ${base}`).toBe(resolved(path, base));
  });

  it("gives what the URL parser resolves for any path made of segments, dot segments and odd characters included", () => {
    const segment = fc.oneof(
      fc.constantFrom(".", "..", "", "a", "tag", "page", "2", "Lead_Photo.v2.jpg", "~x", "-"),
      fc.string({ unit: fc.constantFrom(..."az09._~-%?#@: é/\\".split("")), maxLength: 6 }),
    );
    const path = fc
      .tuple(fc.array(segment, { maxLength: 5 }), fc.boolean())
      .map(([parts, slash]) => `/${parts.join("/")}${slash ? "/" : ""}`);
    fc.assert(
      fc.property(path, fc.constantFrom(...bases), (p, base) => {
        expect(outcome(() => absoluteUrl(p, base))).toBe(outcome(() => resolved(p, base)));
      }),
    );
  });

  it("reads a long path that is not plain in one pass, as the parser would", () => {
    // Each of these took the old pattern longer than the test's time: it tried every split of the run of letters.
    for (const tail of ["!", " ", "%", "é", "?q"]) {
      const path = `/${"a".repeat(200)}${tail}`;
      expect(absoluteUrl(path, "https://example.org")).toBe(resolved(path, "https://example.org"));
    }
  });

  it("puts a site path under the site's host, dropping the base's own path as a root-relative link does", () => {
    expect(absoluteUrl("/about/", "https://example.org/news")).toBe("https://example.org/about/");
    expect(absoluteUrl("/about/", "https://Example.org:443")).toBe("https://example.org/about/");
  });
});
