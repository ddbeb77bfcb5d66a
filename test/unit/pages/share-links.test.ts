import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shareLinks } from "../../../scripts/lib/pages/share-links.ts";

const titles = [
  "Plain headline",
  "Rates & rents: what 'affordable' means (now)!",
  "50% off? ~Maybe* — “quoted” 💡 naïve",
  "a+b=c; d/e #f",
  "Line\u2028separator and tab\there",
];
const page = "https://example.org/2025/03/12/a-slug/";

describe("shareLinks", () => {
  it("encodes each query as URLSearchParams does, spaces as %20, for any headline", () => {
    for (const title of titles) {
      const byParams = (params: Record<string, string>) => new URLSearchParams(params).toString().replaceAll("+", "%20");
      const links = Object.fromEntries(shareLinks(title, page).map((l) => [l.service, l.url]));
      expect(links.Email).toBe(`mailto:?${byParams({ subject: title, body: page })}`);
      expect(links.X).toBe(`https://x.com/intent/post?${byParams({ text: title, url: page })}`);
      expect(links.Bluesky).toBe(`https://bsky.app/intent/compose?${byParams({ text: `${title} ${page}` })}`);
    }
  });

  it("matches URLSearchParams for any text, every character of every script", () => {
    fc.assert(
      // Any UTF-16 units, lone surrogates included, as well as whole characters.
      fc.property(
        fc.oneof(
          fc.string({ unit: "grapheme", maxLength: 80 }),
          fc.string({ unit: fc.nat(0xffff).map((c) => String.fromCharCode(c)), maxLength: 40 }),
        ),
        (title) => {
          const expected = `https://mastodonshare.com/?${new URLSearchParams({ text: title, url: page }).toString().replaceAll("+", "%20")}`;
          expect(shareLinks(title, page).find((l) => l.service === "Mastodon")?.url).toBe(expected);
        },
      ),
    );
  });

  it("gives each service back the headline and the address as they are", () => {
    for (const title of titles) {
      for (const link of shareLinks(title, page)) {
        const query = new URL(link.url).searchParams;
        const values = [...query.values()].join(" ");
        if (link.service !== "LinkedIn") expect(values, link.service).toContain(title);
        expect(values, link.service).toContain(page);
        expect(link.url, link.service).not.toMatch(/[ +'()!~]/);
      }
    }
  });
});
