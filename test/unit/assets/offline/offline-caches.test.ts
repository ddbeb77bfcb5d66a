import { describe, expect, it } from "vitest";
import { isKeepMessage, KEEP_LIMIT, pageKey, sameOriginUrls } from "../../../../src/assets/offline/offline-caches.ts";

describe("the pages cache's keys and messages", () => {
  it("keeps a page under its address without query or fragment", () => {
    expect(pageKey(new URL("https://news.example/2025/03/12/strike/?highlight=keepers#what"))).toBe(
      "https://news.example/2025/03/12/strike/",
    );
  });

  it("accepts only a bounded list of addresses as a message to keep files", () => {
    expect(isKeepMessage({ keep: ["/img/a.avif"] })).toBe(true);
    expect(isKeepMessage({ keep: [1] })).toBe(false);
    expect(isKeepMessage({ keep: "/img/a.avif" })).toBe(false);
    expect(isKeepMessage(null)).toBe(false);
    expect(isKeepMessage({ keep: Array.from({ length: KEEP_LIMIT + 1 }, (_, i) => `/img/${i}.png`) })).toBe(false);
  });

  it("keeps only addresses of the site's own origin, made absolute", () => {
    expect(
      sameOriginUrls(
        ["/img/a.avif", "https://news.example/img/b.webp", "https://elsewhere.example/x.png", "http://[bad"],
        "https://news.example",
      ),
    ).toEqual(["https://news.example/img/a.avif", "https://news.example/img/b.webp"]);
  });
});
