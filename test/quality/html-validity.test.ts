import { execFile } from "node:child_process";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { expect, inject, it } from "vitest";
import { PROJECT } from "../helpers/site.ts";

const VNU = path.join(PROJECT, "node_modules/vnu-jar/build/dist/vnu.jar");

interface VnuMessage {
  type: string;
  url?: string;
  lastLine?: number;
  message: string;
}

it("every page of the fixture build is valid HTML (Nu HTML Checker)", async () => {
  const site = inject("fixtureSite");
  const pages = (await readdir(site, { recursive: true })).filter((f) => f.endsWith(".html"));
  expect(pages.length).toBeGreaterThanOrEqual(6);
  // vnu exits 1 when it finds errors and writes its JSON report to stderr.
  const { stderr } = await promisify(execFile)("java", ["-jar", VNU, "--skip-non-html", "--errors-only", "--format", "json", site], {
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: { code?: unknown; stderr?: string; stdout?: string }) => {
    if (error.code === "ENOENT") throw new Error("The Nu HTML Checker needs Java 11 or newer: apt-get install -y default-jre-headless");
    return { stderr: error.stderr ?? "", stdout: error.stdout ?? "" };
  });
  const report = JSON.parse(stderr) as { messages: VnuMessage[] };
  const errors = report.messages.map(
    (m) => `${path.relative(site, new URL(m.url ?? "file:///").pathname)}:${m.lastLine ?? "?"}: ${m.type}: ${m.message}`,
  );
  expect(errors).toEqual([]);
});
