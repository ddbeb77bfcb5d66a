import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startStaticServer, type StaticServer } from "../../scripts/lib/serve/static-server.ts";

let dir: string;
let server: StaticServer;

/** A raw GET, so paths reach the server exactly as written (fetch would normalise `..`). */
function get(rawPath: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: server.port, path: rawPath }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  // A copy of the shared build, with an alias redirect and a secret next door.
  dir = await mkdtemp(path.join(tmpdir(), "broadsheet-serve-"));
  await cp(inject("fixtureSite"), path.join(dir, "_site"), { recursive: true });
  await writeFile(path.join(dir, "_site/_redirects"), "/2025/03/12/old-keepers-story/  /2025/03/12/lighthouse-keepers-strike/  301\n");
  await writeFile(path.join(dir, "_site-old-secret.txt"), "secret");
  await writeFile(path.join(dir, "secret.txt"), "secret");
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

  it("applies the redirects of the published _redirects file", async () => {
    for (const p of ["/2025/03/12/old-keepers-story/", "/2025/03/12/old-keepers-story"]) {
      const res = await get(p);
      expect(res.status, p).toBe(301);
      expect(res.headers.location).toBe("/2025/03/12/lighthouse-keepers-strike/");
    }
  });

  it("never serves a file outside the site folder", async () => {
    for (const p of [
      "/../secret.txt",
      "/%2e%2e/secret.txt",
      "/..%2fsecret.txt",
      "/..%2F_site-old-secret.txt",
      "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    ]) {
      const res = await get(p);
      expect(res.status, p).not.toBe(200);
      expect(res.body, p).not.toContain("secret");
      expect(res.body, p).not.toContain("root:");
    }
  });
});
