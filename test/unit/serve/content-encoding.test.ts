import { describe, expect, it } from "vitest";
import { acceptsGzip, isCompressible } from "../../../scripts/lib/serve/content-encoding.ts";

describe("compression as a CDN applies it", () => {
  it("compresses text, scripts, JSON, XML and SVG, and nothing already compressed", () => {
    for (const type of [
      "text/html; charset=utf-8",
      "text/css; charset=utf-8",
      "text/javascript; charset=utf-8",
      "application/json; charset=utf-8",
      "application/manifest+json",
      "application/xml; charset=utf-8",
      "application/atom+xml",
      "application/feed+json",
      "image/svg+xml",
    ])
      expect(isCompressible(type), type).toBe(true);
    for (const type of ["image/png", "image/avif", "font/woff2", "application/wasm", "application/octet-stream", ""])
      expect(isCompressible(type), type).toBe(false);
  });

  it("reads Accept-Encoding as RFC 9110 does: weights, q=0 refusals and the wildcard", () => {
    expect(acceptsGzip("gzip, deflate, br")).toBe(true);
    expect(acceptsGzip("br;q=1.0, GZIP;q=0.5")).toBe(true);
    expect(acceptsGzip("x-gzip")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("br, *;q=0.1")).toBe(true);
    expect(acceptsGzip("gzip;q=0, *")).toBe(false);
    expect(acceptsGzip("*;q=0")).toBe(false);
    expect(acceptsGzip("br, identity")).toBe(false);
    expect(acceptsGzip("")).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
