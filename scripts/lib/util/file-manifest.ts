/**
 * What a folder held when it was written: each file's size, CRC-32 and
 * modification time, by path. A build cache entry carries one, so a later
 * build can tell an entry that is still as written from one cut short or
 * damaged on disk (a crash, a cache restored in part) and make it again
 * rather than publish it.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { crc32 } from "node:zlib";

/** A manifest's file in the folder it describes. */
export const MANIFEST = ".manifest.json";

/**
 * Relative path (with `/`) → [size in bytes, CRC-32, modification time in
 * nanoseconds as decimal text]. The time lets a check skip reading a file
 * no one has written since; manifests written before it was recorded have
 * none, and every file they list is read.
 */
export type FileManifest = Record<string, [size: number, crc: number, mtimeNs?: string]>;

const mtimeOf = (file: string) => statSync(file, { bigint: true, throwIfNoEntry: false });

/** The manifest of every file under `dir`. Synchronous: it runs on a worker thread with nothing else to do. */
export function manifestOf(dir: string): FileManifest {
  const manifest: FileManifest = {};
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  for (const entry of files) {
    const relative = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
    const file = path.join(dir, relative);
    const bytes = readFileSync(file);
    manifest[relative] = [bytes.length, crc32(bytes), String(mtimeOf(file)?.mtimeNs)];
  }
  return manifest;
}

/** How a folder stands against its manifest. */
export type ManifestCheck =
  | { whole: false }
  /** `manifest` records the files' times as they are now; `restamped` when any differs from the one checked against. */
  | { whole: true; manifest: FileManifest; restamped: boolean };

/**
 * Whether every file `manifest` lists is under `dir` with the same size and
 * CRC-32. A file whose size and time are as recorded is taken as written
 * without being read (a cache copied into place, as Netlify restores one,
 * has new times, so each of its files is read once and the manifest can be
 * stamped again).
 */
export async function checkManifest(dir: string, manifest: FileManifest): Promise<ManifestCheck> {
  let restamped = false;
  const current: FileManifest = {};
  const checks = Object.entries(manifest).map(async ([relative, [size, crc, mtimeNs]]) => {
    const file = path.join(dir, relative);
    const stat = mtimeOf(file);
    if (!stat || Number(stat.size) !== size) return false;
    const now = String(stat.mtimeNs);
    current[relative] = [size, crc, now];
    if (now === mtimeNs) return true;
    restamped = true;
    const bytes = await readFile(file).catch(() => undefined);
    return bytes !== undefined && bytes.length === size && crc32(bytes) === crc;
  });
  const whole = (await Promise.all(checks)).every(Boolean);
  return whole ? { whole, manifest: current, restamped } : { whole };
}

const isManifestEntry = (v: unknown) =>
  Array.isArray(v) &&
  (v.length === 2 || (v.length === 3 && typeof v[2] === "string" && /^\d+$/.test(v[2]))) &&
  v.slice(0, 2).every((n) => Number.isInteger(n) && n >= 0);

/** Reads a manifest written by `JSON.stringify`; undefined when it is not one (damaged, or from an older build). */
export function parseManifest(text: string): FileManifest | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    const entries = Object.values(value as Record<string, unknown>);
    return entries.every(isManifestEntry) && entries.length > 0 ? (value as FileManifest) : undefined;
  } catch {
    return undefined;
  }
}
