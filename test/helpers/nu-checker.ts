/** The Nu HTML Checker (vnu-jar, on Java), with warnings on: what it says about files or folders of HTML. */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { PROJECT } from "./site.ts";

const VNU = path.join(PROJECT, "node_modules/vnu-jar/build/dist/vnu.jar");

export interface NuMessage {
  type: string;
  subType?: string;
  url?: string;
  lastLine?: number;
  message: string;
}

/**
 * Warnings the site accepts, each with its reason; anything else the checker
 * says fails the test. Empty: there is nothing to excuse today.
 */
export const ACCEPTED_WARNINGS: readonly { message: RegExp; reason: string }[] = [];

export async function nuCheck(targets: string[]): Promise<NuMessage[]> {
  // vnu exits 1 when it finds errors and writes its JSON report to stderr.
  const { stderr } = await promisify(execFile)("java", ["-jar", VNU, "--skip-non-html", "--format", "json", ...targets], {
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: { code?: unknown; stderr?: string; stdout?: string }) => {
    if (error.code === "ENOENT") throw new Error("The Nu HTML Checker needs Java 11 or newer: apt-get install -y default-jre-headless");
    return { stderr: error.stderr ?? "", stdout: error.stdout ?? "" };
  });
  return (JSON.parse(stderr) as { messages: NuMessage[] }).messages;
}

/** Errors, and warnings not accepted above, as `file:line: type: message` relative to `root`. */
export function unexcused(messages: readonly NuMessage[], root: string): string[] {
  return messages
    .filter((m) => !(m.type === "info" && m.subType === "warning" && ACCEPTED_WARNINGS.some((w) => w.message.test(m.message))))
    .map((m) => `${path.relative(root, new URL(m.url ?? "file:///").pathname)}:${m.lastLine ?? "?"}: ${m.subType ?? m.type}: ${m.message}`);
}
