import { describe, expect, it } from "vitest";
import { railRange } from "../../../scripts/lib/pages/rail-range.ts";

const RAIL = '<section class="rail" aria-labelledby="latest-heading"><h2 id="latest-heading">Latest</h2><ul><li>A</li></ul></section>';

describe("the Latest rail in an article page", () => {
  it("is found from its section to its closing tag, whatever comes before or after", () => {
    const page = Buffer.from(`<main><article><p>Body</p></article>\n${RAIL}\n</main><footer><section>x</section></footer>`);
    const range = railRange(page);
    expect(range && page.subarray(...range).toString()).toBe(RAIL);
  });

  it("is the last such section: an article body quoting the rail's markup comes before it", () => {
    const quoted = '<section class="rail" aria-labelledby="latest-heading"><p>quoted</p></section>';
    const page = Buffer.from(`<article>${quoted}</article>${RAIL}<footer></footer>`);
    const range = railRange(page);
    expect(range && page.subarray(...range).toString()).toBe(RAIL);
  });

  it("counts bytes, not characters, so text in any script before it splices in place", () => {
    const page = Buffer.from(`<p>Ísland · 東京 · 🚢</p>${RAIL}`);
    expect(railRange(page)).toEqual([Buffer.byteLength("<p>Ísland · 東京 · 🚢</p>"), page.length]);
  });

  it("is absent from a page without a rail, or one cut off inside it", () => {
    expect(railRange(Buffer.from("<main><p>No rail</p></main>"))).toBeUndefined();
    expect(railRange(Buffer.from(RAIL.slice(0, -4)))).toBeUndefined();
  });
});
