import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSlug, slugify, SLUG_PATTERN } from "../../../scripts/lib/content/slugs.ts";

// Headline-like text: Latin letters with and without accents, other scripts, digits, punctuation, emoji.
const headline = fc.string({
  unit: fc.oneof(
    fc.constantFrom(..."abcxyzABCXYZ0189 -–—'’&.,:;!?/()\"ßæœøłđéèüñçÅ".split("")),
    fc.constantFrom("日本", "Ελλάδα", "Россия", "🙂", "\u0301", "\t", "\n"),
    fc.string({ unit: "grapheme", maxLength: 2 }),
  ),
  maxLength: 200,
});

describe("slugify", () => {
  it("turns headlines into readable slugs", () => {
    expect(slugify("Lighthouse keepers strike over “automation”")).toBe("lighthouse-keepers-strike-over-automation");
    expect(slugify("Bessent’s remarks put markets on alert")).toBe("bessents-remarks-put-markets-on-alert");
    expect(slugify("Crème brûlée & Smørrebrød in Łódź, Straße 5")).toBe("creme-brulee-and-smorrebrod-in-lodz-strasse-5");
    expect(slugify("東京")).toBe("");
  });

  it("always gives a slug or nothing", () => {
    fc.assert(
      fc.property(headline, (title) => {
        const slug = slugify(title);
        expect(slug === "" || SLUG_PATTERN.test(slug)).toBe(true);
        expect(isSlug(slug)).toBe(slug !== "");
      }),
    );
  });

  it("is idempotent: a slug is its own slug", () => {
    fc.assert(
      fc.property(headline, (title) => {
        const slug = slugify(title);
        expect(slugify(slug)).toBe(slug);
      }),
    );
  });

  it("respects the maximum length, cutting at a word boundary when there is one", () => {
    fc.assert(
      fc.property(headline, fc.integer({ min: 1, max: 100 }), (title, max) => {
        const slug = slugify(title, max);
        const full = slugify(title, Infinity);
        expect(slug.length).toBeLessThanOrEqual(max);
        expect(full.startsWith(slug)).toBe(true);
        if (full.length <= max) expect(slug).toBe(full);
        // A cut at a hyphen keeps whole words.
        else if (full.slice(0, max + 1).includes("-", 1)) expect(full[slug.length]).toBe("-");
      }),
    );
  });

  it("keeps every ASCII letter and digit of the title, in order", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."abcdefghij0123456789 -_.,!?".split("")), maxLength: 60 }), (title) => {
        expect(slugify(title, Infinity).replaceAll("-", "")).toBe(title.replace(/[^a-z0-9]/g, ""));
      }),
    );
  });
});
