/**
 * Where a build may write. Publishing replaces the output folder as a whole,
 * so a mistyped `--out` must never name a folder that holds anything else:
 * the build accepts a folder that is missing, empty, or a previous Broadsheet
 * build (it carries SITE_MARKER), and refuses everything else before it
 * touches the disk.
 */
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { isBuildLink, isInsideBuildsFolder, layoutOf } from "./output-layout.ts";
import { pathExists } from "../util/path-exists.ts";

/** Written at the root of every build; its presence says the folder may be replaced by the next build. */
export const SITE_MARKER = ".broadsheet-site";
export const SITE_MARKER_TEXT =
  "This folder is a site built by Broadsheet (npm run build). The next build to the same path replaces it as a whole when it was published there: as a link to it, or as a folder with a .<name>.published file beside it. A copy elsewhere is never replaced.\n";
/** Builds made before the marker existed are recognised by the search build info every build writes. */
const LEGACY_SIGNATURE = path.join("pagefind", "build-info.json");

/** Folders of a project or content root that hold sources: no build may write into them. */
const SOURCE_FOLDERS = ["src", "_data", "_includes", "scripts", "test", "docs", ".ci", ".git", "node_modules"] as const;

export interface GuardContext {
  /** The project (templates and scripts). */
  projectRoot: string;
  /** The content root built from (holds `_data/` and `src/articles/`); often the project. */
  contentRoot: string;
  /** The user's home folder; defaults to the operating system's. */
  home?: string;
}

export type OutputVerdict = { ok: true; state: "missing" | "empty" | "previous build" } | { ok: false; reason: string };

/** The path with every existing part's symbolic links resolved, so `./x/../src` or a link to the project is seen for what it is. */
async function resolveExisting(target: string): Promise<string> {
  const missing: string[] = [];
  let at = path.resolve(target);
  for (;;) {
    try {
      return path.join(await realpath(at), ...missing.reverse());
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return path.resolve(target);
      missing.push(path.basename(at));
      at = parent;
    }
  }
}

/** Whether `inner` is `outer` or lies inside it. */
function isWithin(inner: string, outer: string): boolean {
  const rel = path.relative(outer, inner);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/**
 * What a folder's marker says of it: a build whose marker says that a
 * folder published as such is named beside it (`current`), a build of an
 * older version (`older`), or no build.
 */
async function markedBuild(dir: string): Promise<"current" | "older" | undefined> {
  const text = await readFile(path.join(dir, SITE_MARKER), "utf8").catch(() => undefined);
  if (text === undefined) return (await pathExists(path.join(dir, LEGACY_SIGNATURE))) ? "older" : undefined;
  return text === SITE_MARKER_TEXT ? "current" : "older";
}

/** The nearest part of `target` that exists, itself included. */
async function nearestExisting(target: string): Promise<{ at: string; isDirectory: boolean } | undefined> {
  for (let at = target; ; at = path.dirname(at)) {
    const info = await stat(at).catch(() => undefined);
    if (info) return { at, isDirectory: info.isDirectory() };
    if (path.dirname(at) === at) return undefined;
  }
}

/** `out` resolved as the guard judges it: a build's own link where it is, anything else with its symbolic links resolved. */
async function judgedPath(out: string): Promise<string> {
  const resolved = path.resolve(out);
  return (await isBuildLink(resolved))
    ? path.join(await resolveExisting(path.dirname(resolved)), path.basename(resolved))
    : resolveExisting(out);
}

/**
 * Whether a build may write its site to `out`. Pure apart from reading the
 * file system; it never writes.
 */
export async function checkOutputDir(out: string, context: GuardContext): Promise<OutputVerdict> {
  // A build's own link is judged where it is, not by the build folder it points into.
  const ownLink = await isBuildLink(path.resolve(out));
  const target = await judgedPath(out);
  // Named as the reader knows them: the content folder is the one given with --content, when it is not the project.
  const roots = await Promise.all(
    [
      { at: context.projectRoot, name: "the project folder" },
      { at: context.contentRoot, name: "the content folder" },
    ].map(async ({ at, name }) => ({ at: await resolveExisting(at), name })),
  );
  const home = await resolveExisting(context.home ?? os.homedir());
  const refuse = (reason: string): OutputVerdict => ({ ok: false, reason });

  if (target === path.parse(target).root) return refuse("it is the root of the file system");
  if (target === home) return refuse("it is your home folder");
  for (const { at: root, name } of roots) {
    if (target === root) return refuse(`it is ${name} itself (${root})`);
    if (isWithin(root, target)) return refuse(`it holds ${name} (${root})`);
    for (const folder of SOURCE_FOLDERS) {
      if (isWithin(target, path.join(root, folder))) return refuse(`it is inside ${folder}/, which holds the project's sources`);
    }
  }
  if (ownLink) return { ok: true, state: "previous build" };
  if (isInsideBuildsFolder(target)) return refuse("it is inside the folder where another output keeps its builds");
  const info = await stat(target).catch(() => undefined);
  if (!info) {
    if (await pathExists(target)) return refuse("it is a broken symbolic link");
    const parent = await nearestExisting(path.dirname(target));
    if (parent && !parent.isDirectory) return refuse(`${parent.at} is a file, not a folder`);
    return { ok: true, state: "missing" };
  }
  if (!info.isDirectory()) return refuse("it is a file, not a folder");
  if ((await readdir(target)).length === 0) return { ok: true, state: "empty" };
  const build = await markedBuild(target);
  // A copy of a build (`cp -rL _site/. /srv/www/` into a folder of one's own) carries the marker, but nothing beside it says it was published here.
  if (build === "current" && !(await pathExists(layoutOf(target).published)))
    return refuse(
      `it holds a copy of a Broadsheet build that was not published there (no ${path.basename(layoutOf(target).published)} beside it), and a build replaces only its own output as a whole; delete the copy yourself if nothing else in it matters`,
    );
  if (build) return { ok: true, state: "previous build" };
  return refuse(
    `it holds files that are not a Broadsheet build (a build replaces its output folder as a whole, and no ${SITE_MARKER} file says this one may be replaced)`,
  );
}

export class OutputRefused extends Error {
  constructor(out: string, reason: string) {
    super(
      `Refusing to build into ${out}: ${reason}. Nothing was written. Choose a new or empty folder, or the folder of an earlier build (default _site).`,
    );
    this.name = "OutputRefused";
  }
}

/** Throws OutputRefused unless a build may write to `out`. */
export async function assertOutputDir(out: string, context: GuardContext): Promise<void> {
  const verdict = await checkOutputDir(out, context);
  if (!verdict.ok) throw new OutputRefused(out, verdict.reason);
}
