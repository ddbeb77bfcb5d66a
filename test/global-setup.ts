/**
 * Builds the fixture site once per test run, for every quality gate (links,
 * HTML validity, accessibility, Lighthouse, headers). Tests read its folder
 * with `inject("fixtureSite")` and must not write into it.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { findChromium } from "../scripts/lib/checks/chromium.ts";
import { build, copyFixture } from "./helpers/site.ts";

declare module "vitest" {
  export interface ProvidedContext {
    fixtureSite: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!findChromium() && !process.env.CI) {
    console.warn(
      "\nBrowser tests (test/browser/) are skipped: no Chromium was found. Install it (apt-get install -y chromium) or set CHROMIUM_PATH to run them; in CI (CI=true) they fail instead.\n",
    );
  }
  const dir = await mkdtemp(path.join(tmpdir(), "broadsheet-quality-"));
  const out = path.join(dir, "_site");
  // A copy, so the build's cache (.cache/) is not written into the fixture in the repository.
  const fixture = await copyFixture();
  const result = await build(fixture.root, out);
  if (result.code !== 0) throw new Error(`The shared fixture build failed:\n${result.stdout}\n${result.stderr}`);
  project.provide("fixtureSite", out);
  return async () => {
    await Promise.all([rm(dir, { recursive: true, force: true }), fixture.cleanup()]);
  };
}
