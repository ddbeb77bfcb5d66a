import fc from "fast-check";
import { cp, mkdir, mkdtemp, rename, rm, symlink, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { matchesEtag, safeLocation, startStaticServer, withQuery, type StaticServer } from "../../scripts/lib/serve/static-server.ts";

let dir: string;
let server: StaticServer;

type Response = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** A raw request, so paths reach the server exactly as written (fetch would normalise `..`), and bodies as sent (no decoding). */
function getBytes(rawPath: string, headers: Record<string, string> = {}, method = "GET", port = server.port) {
  return new Promise<Omit<Response, "body"> & { bytes: Buffer }>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: rawPath, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

async function get(rawPath: string, method = "GET", port = server.port): Promise<Response> {
  const { bytes, ...res } = await getBytes(rawPath, {}, method, port);
  return { ...res, body: bytes.toString() };
}

beforeAll(async () => {
  // A copy of the shared build, with an alias redirect and a secret next door.
  dir = await mkdtemp(path.join(tmpdir(), "broadsheet-serve-"));
  await cp(inject("fixtureSite"), path.join(dir, "_site"), { recursive: true });
  await writeFile(path.join(dir, "_site/_redirects"), "/2025/03/12/old-keepers-story/  /2025/03/12/lighthouse-keepers-strike/  301\n");
  await writeFile(path.join(dir, "_site-old-secret.txt"), "secret");
  await writeFile(path.join(dir, "secret.txt"), "secret");
  // Links out of the site: Netlify never publishes what they lead to.
  await symlink(path.join(dir, "secret.txt"), path.join(dir, "_site/linked-secret.txt"));
  await symlink(dir, path.join(dir, "_site/linked-folder"));
  server = await startStaticServer({ root: path.join(dir, "_site"), port: 0 });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe("npm run serve", () => {
  it("serves pages with the security headers from netlify.toml and a revalidating cache", async () => {
    for (const p of ["/", "/2025/03/12/lighthouse-keepers-strike/", "/search/"]) {
      const res = await get(p);
      expect(res.status, p).toBe(200);
      expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(res.headers["strict-transport-security"]).toMatch(/max-age=\d+/);
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["cache-control"]).toBe("public, max-age=0, must-revalidate");
    }
  });

  it("serves fingerprinted assets as immutable, with their type and the same security headers", async () => {
    const home = await get("/");
    const css = /href="(\/assets\/site\.[0-9a-f]+\.css)"/.exec(home.body)?.[1] ?? "";
    const res = await get(css);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/css; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("gzips text for clients that accept it, as Netlify does, and sends compressed files as they are", async () => {
    const home = await get("/");
    const css = /href="(\/assets\/site\.[0-9a-f]+\.css)"/.exec(home.body)?.[1] ?? "";
    for (const p of ["/", "/search/", css, "/feed.xml", "/feed.json", "/site.webmanifest", "/sitemap.xml"]) {
      const plain = await getBytes(p);
      const zipped = await getBytes(p, { "Accept-Encoding": "br, gzip;q=0.8" });
      expect(zipped.status, p).toBe(200);
      expect(zipped.headers["content-encoding"], p).toBe("gzip");
      expect(zipped.headers.vary, p).toBe("Accept-Encoding");
      expect(zipped.headers["content-length"], p).toBeUndefined();
      expect(zipped.headers["content-security-policy"], p).toContain("frame-ancestors 'none'");
      expect(gunzipSync(zipped.bytes).equals(plain.bytes), p).toBe(true);
      expect(zipped.bytes.length, p).toBeLessThan(plain.bytes.length);
      // Each encoding has its own validator, and each revalidates as itself.
      expect(zipped.headers.etag, p).not.toBe(plain.headers.etag);
      const again = await getBytes(p, { "Accept-Encoding": "gzip", "If-None-Match": String(zipped.headers.etag) });
      expect(again.status, p).toBe(304);
      expect((await getBytes(p, { "If-None-Match": String(zipped.headers.etag) })).status, p).toBe(200);
      expect(plain.headers["content-encoding"], p).toBeUndefined();
      expect(Number(plain.headers["content-length"]), p).toBe(plain.bytes.length);
      expect((await getBytes(p, { "Accept-Encoding": "gzip;q=0, br" })).headers["content-encoding"], p).toBeUndefined();
      const head = await getBytes(p, { "Accept-Encoding": "gzip" }, "HEAD");
      expect([head.headers["content-encoding"], head.bytes.length], p).toEqual(["gzip", 0]);
    }
    const png = await getBytes("/apple-touch-icon.png", { "Accept-Encoding": "gzip" });
    expect(png.headers["content-type"]).toBe("image/png");
    expect(png.headers["content-encoding"]).toBeUndefined();
    expect(png.bytes.subarray(1, 4).toString()).toBe("PNG");
  });

  it("says a port in use is in use, and a file given as the site is not a folder", async () => {
    await expect(startStaticServer({ root: path.join(dir, "_site"), port: server.port })).rejects.toThrow(
      `Port ${server.port} on 127.0.0.1 is in use, by another server perhaps: choose another with --port N.`,
    );
    await expect(startStaticServer({ root: path.join(dir, "_site", "index.html"), port: 0 })).rejects.toThrow(
      /is a file, not a built site's folder/,
    );
  });

  it("answers unknown addresses with the 404 page and a 404 status", async () => {
    const res = await get("/no-such-page/");
    expect(res.status).toBe(404);
    expect(res.body).toContain("<h1>Page not found</h1>");
    expect(res.headers["content-security-policy"]).toBeTruthy();
  });

  it("redirects a folder address without its slash to the slashed address", async () => {
    const res = await get("/2025/03/12/lighthouse-keepers-strike?x=1");
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe("/2025/03/12/lighthouse-keepers-strike/?x=1");
  });

  it("applies the redirects of the published _redirects file, passing the query string on as Netlify does", async () => {
    for (const p of ["/2025/03/12/old-keepers-story/", "/2025/03/12/old-keepers-story"]) {
      const res = await get(p);
      expect(res.status, p).toBe(301);
      expect(res.headers.location).toBe("/2025/03/12/lighthouse-keepers-strike/");
    }
    const asked = await get("/2025/03/12/old-keepers-story/?utm_source=feed&x=1");
    expect(asked.headers.location).toBe("/2025/03/12/lighthouse-keepers-strike/?utm_source=feed&x=1");
    expect(withQuery("/new/?a=1", "?b=2")).toBe("/new/?a=1");
  });

  it("answers a weak, listed or wildcard If-None-Match with 304", async () => {
    const { headers } = await getBytes("/about/");
    const etag = String(headers.etag);
    for (const header of [`W/${etag}`, `"other", ${etag}`, "*"])
      expect((await getBytes("/about/", { "If-None-Match": header })).status, header).toBe(304);
    expect((await getBytes("/about/", { "If-None-Match": '"other"' })).status).toBe(200);
    expect(matchesEtag(undefined, etag)).toBe(false);
  });

  it("never serves a file outside the site folder", async () => {
    for (const p of [
      "/../secret.txt",
      "/%2e%2e/secret.txt",
      "/..%2fsecret.txt",
      "/..%2F_site-old-secret.txt",
      "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
      "/linked-secret.txt",
      "/linked-folder/secret.txt",
      "/linked-folder",
    ]) {
      const res = await get(p);
      expect(res.status, p).not.toBe(200);
      expect(res.body, p).not.toContain("secret");
      expect(res.body, p).not.toContain("root:");
    }
  });
});

describe("npm run serve, as a static host", () => {
  const SECURITY = ["content-security-policy", "strict-transport-security", "x-content-type-options", "x-frame-options"];

  it.each(["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])("refuses %s with 405, Allow and the security headers", async (method) => {
    const res = await get("/", method);
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe("GET, HEAD");
    for (const h of SECURITY) expect(res.headers[h], h).toBeTruthy();
  });

  it("sends the security headers with every status", async () => {
    const responses = await Promise.all([
      get("/2025/03/12/lighthouse-keepers-strike"), // 301, the slash
      get("/2025/03/12/old-keepers-story/"), // 301, an alias
      get("/%E0%A4%A"), // 400
      get("/no-such-page/"), // 404
      get("/", "POST"), // 405
      get("/", "HEAD"),
    ]);
    expect(responses.map((r) => r.status)).toEqual([301, 301, 400, 404, 405, 200]);
    for (const res of responses) for (const h of SECURITY) expect(res.headers[h], `${res.status} ${h}`).toBeTruthy();
  });

  it("never serves _redirects, _headers, the build marker or other dotfiles, but does serve /.well-known/", async () => {
    const site = path.join(dir, "_site");
    await writeFile(path.join(site, "_headers"), "/*\n  X-Secret: 1\n");
    await writeFile(path.join(site, ".env"), "TOKEN=secret");
    await mkdir(path.join(site, ".well-known"), { recursive: true });
    await writeFile(path.join(site, ".well-known/security.txt"), "Contact: mailto:security@example.org\n");
    for (const p of [
      "/_redirects",
      "/_REDIRECTS",
      "/_headers",
      "/.broadsheet-site",
      "/.env",
      "/%2eenv",
      "/pagefind/../.env",
      "/assets/.x",
    ]) {
      const res = await get(p);
      expect(res.status, p).toBe(404);
      expect(res.body, p).not.toMatch(/secret|old-keepers-story|Broadsheet build/);
    }
    expect((await get("/.well-known/security.txt")).body).toContain("Contact:");
  });

  it("never sends a Location that leads to another host", async () => {
    const pieces = ["/", "//", "%2f", "%2F", "%5c", "\\", ".", "..", "%2e", "%2e%2e", "evil.example", "tag", "search", "@", ":", "?x"];
    const paths = fc.sample(
      fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 8 }).map((p) => `/${p.join("")}`),
      { numRuns: 400, seed: 14 },
    );
    for (const p of [
      "/%2e//evil.example/..%2ftag",
      "/%2e//evil.example/..%2ftag/",
      "//evil.example/..%2ftag",
      "/%5cevil.example/..%2ftag",
      ...paths,
    ]) {
      const res = await get(p);
      const location = String(res.headers.location ?? "/");
      expect(location, p).toMatch(/^\/(?![/\\])/);
      expect(new URL(location, "http://127.0.0.1/").host, p).toBe("127.0.0.1");
    }
  });

  it("keeps a redirect target from becoming protocol-relative", () => {
    expect(safeLocation("//evil.example/x")).toBe("/evil.example/x");
    expect(safeLocation("/\\evil.example")).toBe("/evil.example");
    expect(safeLocation("/new/place/")).toBe("/new/place/");
    expect(safeLocation("https://example.org/")).toBe("https://example.org/");
  });

  it("reads _redirects again when it changes", async () => {
    const file = path.join(dir, "_site/_redirects");
    await writeFile(file, "/moved/  /about/  301\n");
    expect((await get("/moved/")).headers.location).toBe("/about/");
    await writeFile(file, "/moved/  /search/  302\n/another/  /about/  301\n");
    const res = await get("/moved/");
    expect([res.status, res.headers.location]).toEqual([302, "/search/"]);
    expect((await get("/another/")).headers.location).toBe("/about/");
  });

  it("survives files vanishing while they are requested", async () => {
    const folder = path.join(dir, "_site/vanishing");
    await mkdir(folder, { recursive: true });
    const names = Array.from({ length: 200 }, (_, i) => `f${i}.txt`);
    await Promise.all(names.map((n) => writeFile(path.join(folder, n), "x".repeat(100_000))));
    const requests = names.map((n) => get(`/vanishing/${n}`));
    await Promise.all(names.map((n) => rm(path.join(folder, n))));
    const statuses = new Set((await Promise.all(requests)).map((r) => r.status));
    expect([...statuses].every((s) => s === 200 || s === 404)).toBe(true);
    expect((await get("/")).status).toBe(200);
  });
});

describe("npm run serve, on a site published as a link", () => {
  it("follows the link to each new build, with that build's redirects", async () => {
    const parent = await mkdtemp(path.join(tmpdir(), "broadsheet-serve-link-"));
    try {
      for (const [id, text] of [
        ["one", "first"],
        ["two", "second"],
      ] as const) {
        await mkdir(path.join(parent, "._site.builds", id, "old"), { recursive: true });
        await writeFile(path.join(parent, "._site.builds", id, "index.html"), `<p>${text}</p>`);
        await writeFile(path.join(parent, "._site.builds", id, "_redirects"), `/old/  /${text}/  301\n`);
      }
      await symlink("._site.builds/one", path.join(parent, "_site"));
      const linked = await startStaticServer({ root: path.join(parent, "_site"), port: 0 });
      try {
        expect((await get("/", "GET", linked.port)).body).toBe("<p>first</p>");
        expect((await get("/old", "GET", linked.port)).headers.location).toBe("/first/");
        await symlink("._site.builds/two", path.join(parent, "._site.next"));
        await rename(path.join(parent, "._site.next"), path.join(parent, "_site"));
        expect((await get("/", "GET", linked.port)).body).toBe("<p>second</p>");
        expect((await get("/old", "GET", linked.port)).headers.location).toBe("/second/");
      } finally {
        await linked.close();
      }
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});
