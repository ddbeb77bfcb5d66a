import { describe, expect, it } from "vitest";
import { articleRail, railOf } from "../../../scripts/lib/content/teaser-lists.ts";
import type { TeaserItem } from "../../../scripts/lib/content/site-model.ts";

const item = (text: string, url?: string): TeaserItem => ({ text, full: text, cut: false, ...(url ? { url } : {}) });
const latest = [item("One", "/one/"), item("A note"), item("Two", "/two/"), item("Wire", "https://example.org/wire"), item("Another note")];

describe("railOf", () => {
  it("keeps teasers that link in their order, and sets the text-only ones apart", () => {
    const rail = railOf(latest);
    expect(rail.links.map((i) => i.text)).toEqual(["One", "Two", "Wire"]);
    expect(rail.notes.map((i) => i.text)).toEqual(["A note", "Another note"]);
  });
});

describe("articleRail", () => {
  const site = railOf(latest);

  it("leaves out the article itself and the stories of its further reading", () => {
    const rail = articleRail(site, { url: "/one/", further: [{ url: "/two/" }] });
    expect(rail.links.map((i) => i.text)).toEqual(["Wire"]);
    expect(rail.notes).toBe(site.notes);
  });

  it("shares the site's rail when the article is not in it", () => {
    expect(articleRail(site, { url: "/three/", further: [{ url: "/four/" }] })).toBe(site);
  });
});
