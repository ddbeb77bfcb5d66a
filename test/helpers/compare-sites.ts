/** Two built sites compared file by file, as bytes; the build's own time stamp is the only thing allowed to differ. */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/** When the build ran: recorded for `npm run search`, different in every build. */
const withoutBuildTime = (rel: string, bytes: Buffer): Buffer =>
  rel === "pagefind/build-info.json" ? Buffer.from(bytes.toString("utf8").replace(/"builtAt":"[^"]*"/, "")) : bytes;

/** The files that differ between two sites, or exist in one only; [] when they are identical. */
export async function siteDifferences(a: string, b: string): Promise<string[]> {
  const [left, right] = await Promise.all([files(a), files(b)]);
  const all = [...new Set([...left, ...right])].sort();
  const different: string[] = [];
  for (const rel of all) {
    const [x, y] = await Promise.all([a, b].map((dir) => readFile(path.join(dir, rel)).catch(() => undefined)));
    if (!x || !y) different.push(`${rel} (only in ${x ? "the first" : "the second"})`);
    else if (!withoutBuildTime(rel, x).equals(withoutBuildTime(rel, y))) different.push(rel);
  }
  return different;
}
