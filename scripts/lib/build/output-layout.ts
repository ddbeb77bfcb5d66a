/**
 * The names a build uses beside its output path. For an output `_site`:
 *
 *   _site                     a symbolic link to the published build, `._site.builds/<id>`
 *                             (or, published as a folder, the build itself)
 *   ._site.builds/<id>/       build folders: the published one, and one being built
 *   ._site.builds/<id>.retired/  a build folder replaced by a newer one, being removed
 *   ._site.next-<id>          the new link, for an instant before it is renamed over `_site`
 *   ._site.lock               held by the build under way: its PID
 *   ._site.published          published as a folder: says the folder `_site` is a build published
 *                             there, not a copy of one (which has none beside it)
 *
 * Everything here sits in the output's parent folder, so publishing is a
 * rename within one folder of one file system.
 */
import { randomBytes } from "node:crypto";
import { lstat, readlink } from "node:fs/promises";
import path from "node:path";

export interface OutputLayout {
  /** The output path readers' servers and tools use. */
  out: string;
  /** The folder holding build folders. */
  builds: string;
  /** The lock file. */
  lock: string;
  /** Beside an output published as a folder: the folder is this output's own build. */
  published: string;
}

export function layoutOf(out: string): OutputLayout {
  const resolved = path.resolve(out);
  const parent = path.dirname(resolved);
  const base = path.basename(resolved);
  return {
    out: resolved,
    builds: path.join(parent, `.${base}.builds`),
    lock: path.join(parent, `.${base}.lock`),
    published: path.join(parent, `.${base}.published`),
  };
}

/** A build id: sortable by time, unique between builds started in the same second. */
export function newBuildId(now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  return `${stamp}-${process.pid}-${randomBytes(3).toString("hex")}`;
}

/** What newBuildId makes: only names of this form are ever removed from a builds folder. */
export const BUILD_ID = /^\d{8}T\d{6}Z-\d+-[0-9a-f]{6}$/;

const RETIRED = ".retired";

/** What a replaced build folder is renamed to while it is removed, so that no one takes it for a stopped build's. */
export const retiredName = (id: string): string => `${id}${RETIRED}`;

export const isRetiredName = (name: string): boolean => name.endsWith(RETIRED) && BUILD_ID.test(name.slice(0, -RETIRED.length));

/** The link's target as written into it: relative, so the pair can be moved or copied together. */
export function linkTarget(layout: OutputLayout, id: string): string {
  return path.join(path.basename(layout.builds), id);
}

/** The build id a link of this layout points to, or undefined when `target` (a link's text) is not such a link. */
export function buildIdOfLink(layout: OutputLayout, target: string): string | undefined {
  const prefix = `${path.basename(layout.builds)}${path.sep}`;
  if (!target.startsWith(prefix)) return undefined;
  const id = target.slice(prefix.length);
  return BUILD_ID.test(id) ? id : undefined;
}

/** Whether `out` is the link an earlier build published, even if its build folder is gone. */
export async function isBuildLink(out: string): Promise<boolean> {
  const info = await lstat(out).catch(() => undefined);
  if (!info?.isSymbolicLink()) return false;
  return buildIdOfLink(layoutOf(out), await readlink(out)) !== undefined;
}

/** Where the next link is made before it replaces the output path. */
export function nextLinkPath(layout: OutputLayout, id: string): string {
  return path.join(path.dirname(layout.out), `.${path.basename(layout.out)}.next-${id}`);
}

/** Names beside the output that a build killed at the wrong moment may leave: next links, and staging folders of older versions. */
export function isLeftoverName(layout: OutputLayout, name: string): boolean {
  const base = path.basename(layout.out);
  const next = `.${base}.next-`;
  if (name.startsWith(next)) return BUILD_ID.test(name.slice(next.length));
  // Versions before the link form staged in `.<out>-build-XXXXXX` and retired the old site to `…-old`.
  const legacy = `.${base}-build-`;
  return name.startsWith(legacy) && /^[A-Za-z0-9]{6}(-old)?$/.test(name.slice(legacy.length));
}

/** Whether `dir` is, or lies inside, some output's builds folder: never an output itself. */
export function isInsideBuildsFolder(dir: string): boolean {
  return path
    .resolve(dir)
    .split(path.sep)
    .some((part) => /^\..+\.builds$/.test(part));
}
