import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { removeInBackground } from "../../../scripts/lib/build/background-removal.ts";
import { layoutOf } from "../../../scripts/lib/build/output-layout.ts";
import {
  createStaging,
  discard,
  publish,
  publishFormFor,
  resolveOutput,
  sweepLeftovers,
  type Staging,
} from "../../../scripts/lib/build/publish.ts";
import { eventually } from "../../helpers/eventually.ts";

let dir: string;
let target: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "broadsheet-publish-"));
  target = path.join(dir, "_site");
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function stagedSite(text: string): Promise<Staging> {
  const staging = await createStaging(target);
  await mkdir(path.join(staging.dir, "a"));
  await writeFile(path.join(staging.dir, "index.html"), text);
  return staging;
}
const served = () => readFile(path.join(target, "index.html"), "utf8");
const builds = () => readdir(path.join(dir, "._site.builds"));

describe("publishing as a link (the default)", () => {
  it("stages in a builds folder beside the output, with the permissions of a normal folder", async () => {
    const staging = await createStaging(target);
    expect(path.dirname(staging.dir)).toBe(path.join(dir, "._site.builds"));
    const umask = process.umask();
    expect((await stat(staging.dir)).mode & 0o777).toBe(0o777 & ~umask);
  });

  it("makes the output path a relative link to the build, and swaps it for the next build", async () => {
    const first = await stagedSite("first");
    await publish(first, target, "link");
    expect((await lstat(target)).isSymbolicLink()).toBe(true);
    expect(await readlink(target)).toBe(`._site.builds/${first.id}`);
    expect(await served()).toBe("first");

    const second = await stagedSite("second");
    const retired = await publish(second, target, "link");
    expect(await served()).toBe("second");
    // The previous build's folder is handed back, retired, for removal.
    expect(retired).toEqual([path.join(dir, "._site.builds", `${first.id}.retired`)]);
    expect((await builds()).sort()).toEqual([`${first.id}.retired`, second.id].sort());
    removeInBackground(retired);
    await eventually(async () => expect(await builds()).toEqual([second.id]));
    expect((await readdir(dir)).sort()).toEqual(["._site.builds", "_site"]);
  });

  it("turns a plain folder of an older build into a link, removing the old files", async () => {
    await mkdir(path.join(target, "old-only"), { recursive: true });
    await writeFile(path.join(target, "index.html"), "old");
    const staging = await stagedSite("new");
    const retired = await publish(staging, target, "link");
    expect((await lstat(target)).isSymbolicLink()).toBe(true);
    expect(await served()).toBe("new");
    expect(await readdir(target)).toEqual(["a", "index.html"]);
    expect(await readdir(path.join(retired[0] as string))).toEqual(["index.html", "old-only"]);
    removeInBackground(retired);
    await eventually(async () => expect(await builds()).toEqual([staging.id]));
  });

  it("discards a failed build's folder, leaving the published site as it was", async () => {
    await publish(await stagedSite("good"), target, "link");
    await discard(await stagedSite("half-written"));
    expect(await served()).toBe("good");
    expect(await readdir(path.join(dir, "._site.builds"))).toHaveLength(1);
  });
});

describe("publishing as a folder (Netlify)", () => {
  it("is the default when NETLIFY is set, unless a form is asked for", () => {
    expect(publishFormFor({ NETLIFY: "true" })).toBe("folder");
    expect(publishFormFor({})).toBe("link");
    expect(publishFormFor({ NETLIFY: "true" }, "link")).toBe("link");
  });

  it("renames the build to the output path and leaves no builds folder, only the word that the folder was published there", async () => {
    await publish(await stagedSite("first"), target, "folder");
    expect((await lstat(target)).isDirectory()).toBe(true);
    expect(await served()).toBe("first");
    expect((await readdir(dir)).sort()).toEqual(["._site.published", "_site"]);
    // Published as a link again, the output needs no such word.
    await publish(await stagedSite("linked"), target, "link");
    expect(await readdir(dir)).not.toContain("._site.published");
  });

  it("replaces a plain folder or a link as a whole", async () => {
    await publish(await stagedSite("linked"), target, "link");
    // The link and the build it named.
    const retired = await publish(await stagedSite("folder"), target, "folder");
    expect(retired).toHaveLength(2);
    expect((await lstat(target)).isDirectory()).toBe(true);
    expect(await served()).toBe("folder");
    retired.push(...(await publish(await stagedSite("again"), target, "folder")));
    expect(await served()).toBe("again");
    // Removing the retired folders takes the emptied builds folder too.
    removeInBackground(retired);
    await eventually(async () => expect((await readdir(dir)).sort()).toEqual(["._site.published", "_site"]));
  });
});

describe("what killed builds leave", () => {
  it("is removed by the next build: unlinked build folders, next links, older versions' staging folders", async () => {
    const published = await stagedSite("published");
    await publish(published, target, "link");
    const killed = await stagedSite("killed mid-build");
    await symlink(`._site.builds/${killed.id}`, path.join(dir, `._site.next-${killed.id}`));
    await mkdir(path.join(dir, "._site-build-Ab12Cd"));
    await mkdir(path.join(dir, "._site-build-Ab12Cd-old"));
    // A replaced build whose removal was stopped: removed too, but not reported as a stopped build's.
    await mkdir(path.join(dir, "._site.builds", "20250101T000000Z-1-abcdef.retired", "a"), { recursive: true });
    // Not the build's: left alone.
    await writeFile(path.join(dir, "._site.builds", "notes.txt"), "mine");
    await mkdir(path.join(dir, "._site.builds", "20250101T000000Z-1-abcdef.kept"));
    await mkdir(path.join(dir, "other"));

    const removed = await sweepLeftovers(target);
    expect(removed.map((p) => path.basename(p)).sort()).toEqual(
      [killed.id, `._site.next-${killed.id}`, "._site-build-Ab12Cd", "._site-build-Ab12Cd-old"].sort(),
    );
    await eventually(async () =>
      expect((await builds()).sort()).toEqual([published.id, "20250101T000000Z-1-abcdef.kept", "notes.txt"].sort()),
    );
    expect(await served()).toBe("published");
    expect((await readdir(dir)).sort()).toEqual(["._site.builds", "_site", "other"]);
  });

  it("refuses a builds folder that is a link, rather than removing what it points to", async () => {
    const elsewhere = path.join(dir, "elsewhere");
    await mkdir(path.join(elsewhere, "20250101T000000Z-1-abcdef"), { recursive: true });
    await symlink(elsewhere, path.join(dir, "._site.builds"));
    await expect(sweepLeftovers(target)).rejects.toThrow(/not a folder a build made/);
    expect(await readdir(elsewhere)).toEqual(["20250101T000000Z-1-abcdef"]);
  });
});

describe("the output path", () => {
  it("follows a link made by hand to the folder it names, but not a build's own link", async () => {
    const www = path.join(dir, "www");
    await mkdir(www);
    await symlink(www, path.join(dir, "public"));
    expect(await resolveOutput(path.join(dir, "public"))).toBe(await resolveOutput(www));
    await publish(await stagedSite("x"), target, "link");
    expect(await resolveOutput(target)).toBe(target);
    expect(layoutOf(target).lock).toBe(path.join(dir, "._site.lock"));
  });
});
