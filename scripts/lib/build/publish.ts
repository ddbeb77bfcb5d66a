/**
 * Publishing a build so that the output path always serves a whole site: the
 * one before, or the new one, never a mix and never nothing, even if the build
 * is killed (SIGKILL included) at any instant. (Surviving a power cut would
 * also need every file synced to disk before the rename; the build does not.)
 *
 * The output path is a symbolic link to a build folder beside it
 * (output-layout.ts). A build writes a new folder there, makes a new link to
 * it under a temporary name, and renames that link over the output path: one
 * rename(2), which replaces the old link atomically. The previous build's
 * folder is then renamed `<id>.retired` and handed back to the caller, which
 * removes it (in the background: background-removal.ts). Killed before the
 * rename, the old link stands; after it, the new one.
 *
 * Published as a folder instead (`folder`, for hosts whose deploy step does
 * not follow a link: Netlify's, netlify/cli#1809), the build folder itself is
 * renamed to the output path. That is atomic when there is no output yet (a
 * clean checkout, as every Netlify build starts from); replacing an existing
 * one takes two renames, with an instant between them when the path is empty.
 * The same instant happens once when a plain output folder of an older build
 * is turned into a link.
 *
 * What a killed build leaves (its build folder, a new link not yet renamed,
 * staging folders of versions before the link form) is removed by the next
 * build to the same output, under its lock; so is a retired folder whose
 * removal did not finish.
 */
import { lstatSync, renameSync, rmSync } from "node:fs";
import { lstat, mkdir, readdir, readlink, realpath, rename, rm, rmdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { faultPoint } from "../util/fault-points.ts";
import { onInterrupt } from "../util/interrupts.ts";
import { removeInBackground } from "./background-removal.ts";
import {
  buildIdOfLink,
  BUILD_ID,
  isBuildLink,
  isLeftoverName,
  isRetiredName,
  layoutOf,
  linkTarget,
  newBuildId,
  nextLinkPath,
  retiredName,
  type OutputLayout,
} from "./output-layout.ts";

/** `link`: the output path is a link swapped by one rename. `folder`: it is the build folder itself. */
export type PublishForm = "link" | "folder";

/** Netlify's deploy uploads a link as a link, not the site it points to; its builds start from a clean checkout. */
export function publishFormFor(env: NodeJS.ProcessEnv, requested?: PublishForm): PublishForm {
  return requested ?? (env.NETLIFY ? "folder" : "link");
}

type OutputState = { kind: "missing" } | { kind: "link"; id: string } | { kind: "folder" };

async function outputState(layout: OutputLayout): Promise<OutputState> {
  const info = await lstat(layout.out).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (!info) return { kind: "missing" };
  if (info.isSymbolicLink()) {
    const id = buildIdOfLink(layout, await readlink(layout.out));
    if (id) return { kind: "link", id };
  }
  return { kind: "folder" };
}

/**
 * The path a build publishes to: `out` itself, unless it is a link made by
 * hand (e.g. `_site -> /srv/www/site`), which is followed, so the folder it
 * names is what gets replaced, as the output guard judged it.
 */
export async function resolveOutput(out: string): Promise<string> {
  const resolved = path.resolve(out);
  const info = await lstat(resolved).catch(() => undefined);
  if (!info?.isSymbolicLink() || (await isBuildLink(resolved))) return resolved;
  return realpath(resolved);
}

/** The builds folder, made if missing; refused if something else than a folder has its name. */
async function buildsFolder(layout: OutputLayout, create: boolean): Promise<boolean> {
  const info = await lstat(layout.builds).catch(() => undefined);
  if (info?.isDirectory()) return true;
  if (info) throw new Error(`${layout.builds} is not a folder a build made (it is a link or a file); move it away and build again`);
  if (create) await mkdir(layout.builds, { recursive: true });
  return create;
}

/**
 * Removes what killed builds left beside the output: build folders the output
 * does not link to, next links not yet renamed, and older versions' staging
 * folders; returns what it removed. A killed build's folder is retired and
 * removed in the background, as a replaced site is, so the build does not wait
 * for it (a whole site's files: seconds at 10,000 articles). Retired folders a
 * removal has not finished are handed to a removal in the background again,
 * unreported. Only names the build makes are touched. Call it holding the
 * lock.
 */
export async function sweepLeftovers(out: string): Promise<string[]> {
  const layout = layoutOf(out);
  const removed: string[] = [];
  const retired: string[] = [];
  const state = await outputState(layout);
  if (await buildsFolder(layout, false)) {
    for (const name of await readdir(layout.builds)) {
      if (isRetiredName(name)) retired.push(path.join(layout.builds, name));
      if (!BUILD_ID.test(name) || (state.kind === "link" && state.id === name)) continue;
      retired.push(await retire(layout, name));
      removed.push(path.join(layout.builds, name));
    }
  }
  removeInBackground(retired);
  const parent = path.dirname(layout.out);
  for (const name of await readdir(parent).catch(() => [])) {
    if (!isLeftoverName(layout, name)) continue;
    await rm(path.join(parent, name), { recursive: true, force: true, maxRetries: 3 });
    removed.push(path.join(parent, name));
  }
  return removed;
}

export interface Staging {
  id: string;
  dir: string;
}

/** A new, empty build folder in the builds folder (same file system as the output, so publishing is a rename). */
export async function createStaging(out: string): Promise<Staging> {
  const layout = layoutOf(out);
  await mkdir(path.dirname(layout.out), { recursive: true });
  for (;;) {
    await buildsFolder(layout, true);
    const id = newBuildId();
    const dir = path.join(layout.builds, id);
    try {
      // Not mkdtemp: its 0700 would keep a web server reading a copy of the site out. This gets 0777 less the umask.
      await mkdir(dir);
      return { id, dir };
    } catch (error) {
      // ENOENT: a removal in the background took the builds folder once it was empty (after publishing as a folder).
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "EEXIST" && code !== "ENOENT") throw error;
    }
  }
}

/** Renames a build folder (of a replaced site, or of a killed build) out of the way, for removal. */
async function retire(layout: OutputLayout, id: string): Promise<string> {
  const retired = path.join(layout.builds, retiredName(id));
  await rename(path.join(layout.builds, id), retired);
  return retired;
}

/**
 * Replaces whatever is at the output path (a plain folder, or a link when
 * publishing as a folder) with `incoming`, in two renames: the old one moves
 * into the builds folder, then `incoming` takes its place. For the instant
 * between them the path is empty; a signal in that instant puts the old one back.
 */
async function replaceInTwoRenames(layout: OutputLayout, incoming: string): Promise<string> {
  const retired = path.join(layout.builds, retiredName(newBuildId()));
  await rename(layout.out, retired);
  const rollBack = onInterrupt(() => {
    if (!lstatSync(layout.out, { throwIfNoEntry: false })) renameSync(retired, layout.out);
  });
  try {
    await faultPoint("migrate");
    await rename(incoming, layout.out);
  } finally {
    rollBack();
  }
  return retired;
}

async function publishAsLink(staging: Staging, layout: OutputLayout, state: OutputState): Promise<string[]> {
  const next = nextLinkPath(layout, staging.id);
  await symlink(linkTarget(layout, staging.id), next);
  const forgetNext = onInterrupt(() => rmSync(next, { force: true }));
  try {
    await faultPoint("publish");
    // A plain folder (an older build's) cannot be replaced by a link in one rename: this happens once per output.
    if (state.kind === "folder") return [await replaceInTwoRenames(layout, next)];
    await rename(next, layout.out);
  } finally {
    forgetNext();
  }
  return state.kind === "link" && state.id !== staging.id ? [await retire(layout, state.id)] : [];
}

/** What `layout.published` says, for a reader who finds it. */
const PUBLISHED_TEXT =
  "The folder beside this file of the same name is a site a Broadsheet build published there; the next build replaces it.\n";

async function publishAsFolder(staging: Staging, layout: OutputLayout, state: OutputState): Promise<string[]> {
  // Written before the folder takes its place: a build stopped in between leaves the old folder, which it names as well.
  await writeFile(layout.published, PUBLISHED_TEXT);
  await faultPoint("publish");
  if (state.kind === "missing") {
    await rename(staging.dir, layout.out);
    // Nothing else of this output is in the builds folder now.
    await rmdir(layout.builds).catch(() => {});
    return [];
  }
  const retired = [await replaceInTwoRenames(layout, staging.dir)];
  if (state.kind === "link") retired.push(await retire(layout, state.id));
  return retired;
}

/**
 * Makes `staging` the site at `out`, as a link or as a folder. Returns the
 * folders of the site it replaced, renamed as retired, for the caller to
 * remove (with `removeInBackground`, or at once).
 */
export async function publish(staging: Staging, out: string, form: PublishForm): Promise<string[]> {
  const layout = layoutOf(out);
  const state = await outputState(layout);
  if (form === "folder") return publishAsFolder(staging, layout, state);
  const retired = await publishAsLink(staging, layout, state);
  // A link is recognised as this output's own by its target: what said a folder was is out of date.
  await rm(layout.published, { force: true });
  return retired;
}

export async function discard(staging: Staging): Promise<void> {
  await rm(staging.dir, { recursive: true, force: true, maxRetries: 3 });
}

/**
 * Removes a stopped build's folder, synchronously, as a signal's clean-up.
 * Writes already under way (pages in the thread pool) can refill a folder as
 * it is removed; if it cannot be removed, it is retired and removed in the
 * background, once this process and its writes are gone.
 */
export function discardSync(staging: Staging): void {
  try {
    rmSync(staging.dir, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    const retired = path.join(path.dirname(staging.dir), retiredName(staging.id));
    renameSync(staging.dir, retired);
    removeInBackground([retired]);
  }
}
