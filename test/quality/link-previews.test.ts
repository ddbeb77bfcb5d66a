/**
 * Link previews as a preview service reads them: open-graph-scraper fetches
 * each page type from the fixture site served on 127.0.0.1, and the image it
 * finds is fetched from the same server and measured.
 */
import ogs from "open-graph-scraper";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaticServer } from "../../scripts/lib/serve/static-server.ts";
import { QUALITY_PAGES } from "../helpers/quality-pages.ts";
import { serveFixtureSite } from "../helpers/served-site.ts";

const SITE = "https://broadsheet.netlify.app";
let server: StaticServer;
beforeAll(async () => {
  server = await serveFixtureSite();
});
afterAll(() => server.close());

const local = (url: string) => new URL(new URL(url).pathname, `http://127.0.0.1:${server.port}/`).href;

async function preview(path: string) {
  const { error, result } = await ogs({
    url: `http://127.0.0.1:${server.port}${path}`,
    // A bare IP address has no top-level domain, which the scraper's URL check asks for by default.
    urlValidatorSettings: {
      allow_fragments: true,
      allow_protocol_relative_urls: false,
      allow_query_components: true,
      allow_trailing_dot: false,
      allow_underscores: false,
      protocols: ["http", "https"],
      require_host: true,
      require_port: false,
      require_protocol: false,
      require_tld: false,
      require_valid_protocol: true,
      validate_length: true,
    },
  });
  if (error) throw new Error(`open-graph-scraper could not read ${path}`);
  return result;
}

/** The image's bytes from the served site: its type as served, and its size as sharp measures it. */
async function served(url: string): Promise<{ type: string | null; width?: number; height?: number }> {
  const response = await fetch(local(url));
  expect(response.status, url).toBe(200);
  const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
  return { type: response.headers.get("content-type"), width: meta.width, height: meta.height };
}

describe("link previews", () => {
  for (const page of QUALITY_PAGES.filter((p) => p.status === 200)) {
    it(`show an image on the ${page.name}, at the size and type the page states`, async () => {
      const result = await preview(page.path);
      const [image] = result.ogImage ?? [];
      expect(image?.url).toMatch(new RegExp(`^${SITE}/`));
      expect(image?.alt).toBeTruthy();
      expect(result.twitterCard).toBe("summary_large_image");
      expect(result.twitterImage?.[0]?.url).toBe(image?.url);
      const file = await served(image?.url ?? "");
      expect({ type: file.type, width: String(file.width), height: String(file.height) }).toEqual({
        type: image?.type,
        width: image?.width,
        height: image?.height,
      });
    });
  }

  it("show an article's own image when it has one, and its card otherwise", async () => {
    const pictured = await preview("/2025/03/18/northern-light-returns-to-full-power/");
    expect(pictured.ogImage?.[0]).toMatchObject({ type: "image/jpeg", width: "1200" });
    expect(pictured.ogImage?.[0]?.alt).toBe("A striped lighthouse on a rock casts its beam across the sea at sunset.");
    const plain = await preview("/2025/03/12/lighthouse-keepers-strike/");
    expect(plain.ogImage?.[0]).toMatchObject({ type: "image/png", width: "1200", height: "630" });
    expect(plain.ogImage?.[0]?.alt).toBe("Broadsheet, World: Lighthouse keepers strike over “automation”");
    const front = await preview("/");
    expect(plain.ogImage?.[0]?.url).not.toBe(front.ogImage?.[0]?.url);
  });

  it("find the site's icon", async () => {
    const result = await preview("/");
    expect(result.favicon).toBe("/favicon.ico");
    const response = await fetch(local(`${SITE}/favicon.ico`));
    expect([response.status, response.headers.get("content-type")]).toEqual([200, "image/x-icon"]);
  });
});
