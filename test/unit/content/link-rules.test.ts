import { describe, expect, it } from "vitest";
import {
  aliasProblem,
  siteRootProblem,
  sitePathProblem,
  teaserLinkProblem,
  webLinkProblem,
} from "../../../scripts/lib/content/link-rules.ts";

describe("links to other sites", () => {
  it.each(["https://example.org", "http://example.org/a?b=c#d", "HTTPS://EXAMPLE.ORG/x"])("accept %s", (url) => {
    expect(webLinkProblem(url)).toBeUndefined();
  });

  it.each([
    ["javascript:alert(1)", /javascript: scheme/],
    ["JavaScript:alert(1)", /javascript: scheme/],
    ["data:text/html,<script>", /data: scheme/],
    ["mailto:ed@example.org", /mailto: scheme/],
    ["//evil.example/phish", /protocol-relative/],
    ["https://news.example@evil.example/", /user name or password/],
    ["java\tscript:alert(1)", /white space/],
    ["https://exa mple.org", /white space/],
    ["example.org/page", /not a complete web address/],
    ["https://", /not a complete web address/],
  ])("refuse %s", (url, reason) => {
    expect(webLinkProblem(url)).toMatch(reason);
  });
});

describe("the address the site is served from", () => {
  it.each(["https://example.org", "https://example.org/", "http://localhost:8080"])("accept %s", (url) => {
    expect(siteRootProblem(url)).toBeUndefined();
  });

  it.each([
    ["https://example.org/news/", /has a path \(\/news\/\): the site's pages link to each other from the root of its host/],
    ["https://example.org/?edition=uk", /has a query or a fragment/],
    ["https://example.org/#top", /has a query or a fragment/],
    ["https://user@example.org", /user name or password/],
    ["example.org", /not a complete web address/],
  ])("refuse %s", (url, reason) => {
    expect(siteRootProblem(url)).toMatch(reason);
  });
});

describe("paths on this site", () => {
  it.each(["/", "/about/", "/2025/03/12/story/"])("accept %s", (p) => expect(sitePathProblem(p)).toBeUndefined());
  it.each([
    ["//evil.example/phish", /protocol-relative/],
    ["/\\evil.example", /backslash/],
    ["\\\\evil.example", /backslash/],
    ["about/", /does not start with \//],
    ["/a b", /white space/],
  ])("refuse %s", (p, reason) => expect(sitePathProblem(p)).toMatch(reason));

  it("in teasers, either kind", () => {
    expect(teaserLinkProblem("https://example.org/wire/1")).toBeUndefined();
    expect(teaserLinkProblem("/about/")).toBeUndefined();
    expect(teaserLinkProblem("//evil.example/phish")).toMatch(/protocol-relative/);
    expect(teaserLinkProblem("javascript:alert(document.cookie)")).toMatch(/javascript: scheme/);
  });
});

describe("aliases", () => {
  it.each(["/old/path/", "/news/dock-shifts", "/news/dock-shifts.html", "/caf%C3%A9/", "/a-b_c~d/e(1)/"])("accept %s", (a) =>
    expect(aliasProblem(a)).toBeUndefined(),
  );
  it.each([
    ["/*", /splat/],
    ["/news/*", /splat/],
    ["/:year/:slug", /placeholder \(:year\)/],
    ["/old?id=1", /query or fragment/],
    ["/old#top", /query or fragment/],
    ["/", /front page/],
    ["//evil.example", /protocol-relative/],
    ["/a//b", /empty segment/],
    ["/a/../b", /\. or \.\. segment/],
    ["/a:b/", /characters a plain path cannot hold/],
    ["/%zz/", /characters a plain path cannot hold/],
    ["/café/", /characters a plain path cannot hold/],
    ["old/", /does not start with \//],
  ])("refuse %s", (a, reason) => expect(aliasProblem(a)).toMatch(reason));
});
