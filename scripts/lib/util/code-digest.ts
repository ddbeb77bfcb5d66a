/**
 * The digest of the code a cached result was made by: the project's source
 * files in some folders, its dependencies' versions (the lockfile), and what
 * of Node the result can depend on (its version and Intl data). A build cache
 * keyed by it keeps an entry only for the same code.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "./project-root.ts";

const digests = new Map<string, string>();

/** Files under `folders` (relative to the project) whose names end in one of `extensions`, plus `files`, by path and bytes. */
export function codeDigest(folders: readonly string[], extensions: readonly string[], files: readonly string[] = []): string {
  const question = JSON.stringify([folders, extensions, files]);
  const known = digests.get(question);
  if (known) return known;
  const hash = createHash("sha256");
  const sources = folders
    .flatMap((folder) =>
      readdirSync(path.join(PROJECT_ROOT, folder), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && extensions.some((ext) => entry.name.endsWith(ext)))
        .map((entry) => path.join(entry.parentPath, entry.name)),
    )
    .sort();
  for (const file of [...sources, ...files.map((f) => path.join(PROJECT_ROOT, f)), path.join(PROJECT_ROOT, "package-lock.json")]) {
    hash.update(`${path.relative(PROJECT_ROOT, file)}\0`);
    try {
      hash.update(readFileSync(file));
    } catch {
      hash.update("(none)");
    }
    hash.update("\0");
  }
  const { node, icu, unicode, tz } = process.versions;
  hash.update(JSON.stringify({ node, icu, unicode, tz }));
  const digest = hash.digest("hex");
  digests.set(question, digest);
  return digest;
}
