/**
 * The allocator settings reach the installed Pagefind binary and are all
 * accepted: jemalloc reports a setting it does not know only on stderr and
 * runs on without it, which a build would never notice.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAGEFIND_ALLOCATOR, pagefindEnv } from "../../scripts/lib/search/pagefind-env.ts";
import { pagefindBinary } from "../../scripts/lib/search/search-index.ts";

let site = "";
beforeAll(async () => {
  site = await mkdtemp(path.join(tmpdir(), "broadsheet-allocator-"));
  await writeFile(
    path.join(site, "index.html"),
    '<!doctype html><html lang="en"><head><title>Harbour</title></head><body data-pagefind-body><h1>Harbour</h1><p>The harbour wall was mended.</p></body></html>',
  );
});
afterAll(() => rm(site, { recursive: true, force: true }));

const index = (env: NodeJS.ProcessEnv, output: string) =>
  spawnSync(pagefindBinary(), ["--site", site, "--output-path", path.join(site, output), "--silent"], { env, encoding: "utf8" });

describe.skipIf(process.platform === "win32")("Pagefind's allocator settings", () => {
  it("are accepted by the installed binary, which indexes without a word on stderr", () => {
    const run = index(pagefindEnv(1), "plain");
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    expect(existsSync(path.join(site, "plain", "pagefind-entry.json"))).toBe(true);
  });

  it("are the ones its allocator runs with", () => {
    const run = index(pagefindEnv(1, { ...process.env, _RJEM_MALLOC_CONF: `${PAGEFIND_ALLOCATOR},stats_print:true` }), "stats");
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('opt.thp: "always"');
    expect(run.stderr).toMatch(/opt\.dirty_decay_ms: -1\b/);
    expect(run.stderr).toMatch(/opt\.muzzy_decay_ms: -1\b/);
  });
});
