/**
 * What a folder held when it was written: each file's size and CRC-32, by
 * path. A build cache entry carries one, so a later build can tell an entry
 * that is still as written from one cut short or damaged on disk (a crash, a
 * cache restored in part) and make it again rather than publish it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { crc32 } from "node:zlib";

/** A manifest's file in the folder it describes. */
export const MANIFEST = ".manifest.json";

/** Relative path (with `/`) → [size in bytes, CRC-32]. */
export type FileManifest = Record<string, [number, number]>;

/** The manifest of every file under `dir`. Synchronous: it runs on a worker thread with nothing else to do. */
export function manifestOf(dir: string): FileManifest {
  const manifest: FileManifest = {};
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  for (const entry of files) {
    const relative = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
    const bytes = readFileSync(path.join(dir, relative));
    manifest[relative] = [bytes.length, crc32(bytes)];
  }
  return manifest;
}

/** Whether every file `manifest` lists is under `dir` with the same size and CRC-32. */
export async function matchesManifest(dir: string, manifest: FileManifest): Promise<boolean> {
  const checks = Object.entries(manifest).map(async ([relative, [size, crc]]) => {
    const bytes = await readFile(path.join(dir, relative)).catch(() => undefined);
    return bytes !== undefined && bytes.length === size && crc32(bytes) === crc;
  });
  return (await Promise.all(checks)).every(Boolean);
}

/** Reads a manifest written by `JSON.stringify`; undefined when it is not one (damaged, or from an older build). */
export function parseManifest(text: string): FileManifest | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    const entries = Object.entries(value as Record<string, unknown>);
    const valid = entries.every(([, v]) => Array.isArray(v) && v.length === 2 && v.every((n) => Number.isInteger(n) && n >= 0));
    return valid && entries.length > 0 ? (value as FileManifest) : undefined;
  } catch {
    return undefined;
  }
}
