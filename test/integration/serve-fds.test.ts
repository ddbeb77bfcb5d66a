/**
 * `npm run serve` under load at a low file-descriptor limit: 1,000 requests on
 * the loopback interface, a third of them downloads cut off after the first
 * bytes and a sixth from clients that hang up before any answer, with the
 * server's open descriptors (/proc/<pid>/fd) counted before and after. A leak
 * of one descriptor per aborted download would exhaust the limit long before
 * the end.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cp, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../../scripts/lib/util/free-port.ts";
import { PROJECT } from "../helpers/site.ts";

const FD_LIMIT = 64;
const REQUESTS = 1000;
const AT_ONCE = 16;

let dir: string;
let server: ChildProcess;
let port: number;

const openFds = async (pid: number) => (await readdir(`/proc/${pid}/fd`)).length;

type Outcome = { status: number; bytes: number; aborted: boolean };

/** One request; `abort` cuts the download off at its first chunk. */
function fetchOnce(pathname: string, options: { method?: string; abort?: boolean; etag?: string; gzip?: boolean } = {}): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: pathname,
        method: options.method ?? "GET",
        headers: { ...(options.etag ? { "If-None-Match": options.etag } : {}), ...(options.gzip ? { "Accept-Encoding": "gzip" } : {}) },
      },
      (res) => {
        let bytes = 0;
        res.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
          if (options.abort) {
            req.destroy();
            resolve({ status: res.statusCode ?? 0, bytes, aborted: true });
          }
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes, aborted: false }));
        res.on("error", () => resolve({ status: res.statusCode ?? 0, bytes, aborted: true }));
      },
    );
    req.on("error", (error) => (options.abort ? resolve({ status: 0, bytes: 0, aborted: true }) : reject(error)));
    req.end();
  });
}

/** A client that sends its request and hangs up at once: the server may still be opening the file when the socket closes. */
function hangUp(pathname: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port }, () => {
      socket.end(`GET ${pathname} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`, () => socket.destroy());
    });
    socket.on("error", () => {});
    socket.on("close", () => resolve({ status: 0, bytes: 0, aborted: true }));
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "broadsheet-serve-fds-"));
  const site = path.join(dir, "_site");
  await cp(inject("fixtureSite"), site, { recursive: true });
  // Large enough that a download is still streaming when the client cuts it off.
  await writeFile(path.join(site, "big.bin"), Buffer.alloc(8 * 1024 * 1024, 7));
  // Text is compressed on the fly: random text still streams when cut off.
  await writeFile(path.join(site, "big.txt"), randomBytes(6 * 1024 * 1024).toString("base64"));
  port = await freePort();
  server = spawn(
    "sh",
    [
      "-c",
      `ulimit -n ${FD_LIMIT} && exec "$0" "$@"`,
      process.execPath,
      path.join(PROJECT, "scripts/serve.ts"),
      "--dir",
      site,
      "--port",
      String(port),
    ],
    { cwd: PROJECT, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const note = (d: Buffer) => {
      output += d.toString();
      if (output.includes("Serving ")) resolve();
    };
    server.stdout?.on("data", note);
    server.stderr?.on("data", note);
    server.on("exit", (code) => reject(new Error(`npm run serve exited (${code}): ${output}`)));
  });
}, 60_000);
afterAll(async () => {
  server?.kill();
  await rm(dir, { recursive: true, force: true });
});

describe("npm run serve at a low descriptor limit", () => {
  it("answers 1,000 requests, many of them cut off mid-download or before any answer, with its open descriptors flat", async () => {
    const pid = server.pid ?? 0;
    const limit = (await import("node:fs/promises")).readFile(`/proc/${pid}/limits`, "utf8");
    expect(await limit).toMatch(new RegExp(`Max open files\\s+${FD_LIMIT}\\s+${FD_LIMIT}`));
    const home = await fetchOnce("/");
    expect(home.status).toBe(200);
    const before = await openFds(pid);

    const kinds = [
      () => fetchOnce("/big.bin", { abort: true }),
      () => fetchOnce("/big.bin", { method: "HEAD" }),
      () => fetchOnce("/"),
      () => fetchOnce("/no-such-page/"),
      () => fetchOnce("/2025/03/12/lighthouse-keepers-strike"),
      () => fetchOnce("/big.bin", { abort: true }),
      () => fetchOnce("/", { method: "POST" }),
      () => fetchOnce("/big.bin", { abort: true }),
      () => fetchOnce("/search/", { etag: "stale" }),
      () => fetchOnce("/big.txt", { abort: true, gzip: true }),
      () => hangUp("/big.bin"),
      () => hangUp("/"),
    ];
    const outcomes: Outcome[] = [];
    for (let start = 0; start < REQUESTS; start += AT_ONCE) {
      const batch = Array.from({ length: Math.min(AT_ONCE, REQUESTS - start) }, (_, k) => kinds[(start + k) % kinds.length]?.());
      outcomes.push(...(await Promise.all(batch)).filter((o): o is Outcome => o !== undefined));
    }
    expect(outcomes).toHaveLength(REQUESTS);
    const aborted = outcomes.filter((o) => o.aborted);
    expect(aborted.length).toBeGreaterThan(REQUESTS / 4);
    expect(aborted.every((o) => o.bytes < 8 * 1024 * 1024)).toBe(true);
    expect(new Set(outcomes.filter((o) => !o.aborted).map((o) => o.status))).toEqual(new Set([200, 301, 404, 405]));

    // Streams are closed at once; idle keep-alive connections after the server's 5 s keep-alive timeout.
    let after = await openFds(pid);
    for (let i = 0; i < 150 && after > before + 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await openFds(pid);
    }
    expect(after).toBeLessThanOrEqual(before + 2);
    expect(server.exitCode).toBeNull();
    expect((await fetchOnce("/big.bin")).bytes).toBe(8 * 1024 * 1024);
  }, 120_000);
});
