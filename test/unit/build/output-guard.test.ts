import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkOutputDir, SITE_MARKER, SITE_MARKER_TEXT, type GuardContext } from "../../../scripts/lib/build/output-guard.ts";

let dir: string;
let context: GuardContext;
const at = (...parts: string[]) => path.join(dir, ...parts);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "broadsheet-guard-"));
  // home/project is the project; home/content an outside content root; home/junk someone else's files.
  for (const folder of [
    "project/src/articles",
    "project/_data",
    "project/_includes",
    "project/scripts",
    "project/.git",
    "content/_data",
    "content/src/articles",
    "junk",
    "empty",
    "old-build/pagefind",
    "marked",
    "made-here",
    "copied/blog",
    "published/._site.builds/20250101T000000Z-1-abcdef",
  ]) {
    await mkdir(at("home", folder), { recursive: true });
  }
  await writeFile(at("home/project/README.md"), "# readme\n");
  await writeFile(at("home/junk/notes.txt"), "mine\n");
  await writeFile(at("home/old-build/pagefind/build-info.json"), "{}");
  await writeFile(at("home/marked", SITE_MARKER), "");
  await writeFile(at("home/marked/index.html"), "<p>old</p>");
  // A build published as a folder has its word beside it; a site copied by hand into a folder of the user's own (`cp -rL _site/. www/`) has not.
  await writeFile(at("home/made-here", SITE_MARKER), SITE_MARKER_TEXT);
  await writeFile(at("home/made-here/index.html"), "<p>old</p>");
  await writeFile(at("home/.made-here.published"), "");
  await writeFile(at("home/copied", SITE_MARKER), SITE_MARKER_TEXT);
  await writeFile(at("home/copied/user-upload.pdf"), "mine\n");
  await symlink(at("home/project/src"), at("home/link-to-src"));
  await symlink(at("home/nowhere"), at("home/broken-link"));
  // A build published as a link: `_site -> ._site.builds/<id>`; `gone` is such a link whose build folder was deleted.
  await writeFile(at("home/published/._site.builds/20250101T000000Z-1-abcdef", SITE_MARKER), "");
  await symlink("._site.builds/20250101T000000Z-1-abcdef", at("home/published/_site"));
  await symlink(".gone.builds/20250101T000000Z-2-abcdef", at("home/published/gone"));
  context = { projectRoot: at("home/project"), contentRoot: at("home/content"), home: at("home") };
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const verdict = (out: string) => checkOutputDir(out, context);

describe("the output guard", () => {
  it.each([
    ["the project root", "home/project", /project folder itself/],
    ["a folder that holds the project", "home", /home folder/],
    ["the project's parent", ".", /holds the project folder/],
    ["src/", "home/project/src", /inside src\//],
    ["a new folder inside src/", "home/project/src/out", /inside src\//],
    ["_data/", "home/project/_data", /inside _data\//],
    ["_includes/", "home/project/_includes", /inside _includes\//],
    ["scripts/", "home/project/scripts", /inside scripts\//],
    [".git", "home/project/.git", /inside \.git\//],
    ["the content root", "home/content", /content folder itself/],
    ["the content root's articles", "home/content/src/articles", /inside src\//],
    ["a file", "home/project/README.md", /a file, not a folder/],
    ["a folder of someone else's files", "home/junk", /not a Broadsheet build/],
    ["a link into src/", "home/link-to-src", /inside src\//],
    ["a path that climbs back into the project", "home/junk/../project/_data", /inside _data\//],
    ["a broken link", "home/broken-link", /broken symbolic link/],
    ["a build folder of another output", "home/published/._site.builds/20250101T000000Z-1-abcdef", /keeps its builds/],
    [
      "a copy of a build that was not published there",
      "home/copied",
      /copy of a Broadsheet build that was not published there \(no \.copied\.published beside it\)/,
    ],
    ["a new folder under a file", "home/project/README.md/site", /README\.md is a file, not a folder/],
  ])("refuses %s", async (_, out, reason) => {
    const v = await verdict(at(out));
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.reason).toMatch(reason);
  });

  it("refuses the root of the file system", async () => {
    const v = await verdict("/");
    expect(v).toMatchObject({ ok: false, reason: expect.stringMatching(/root of the file system/) });
  });

  it.each([
    ["a folder that does not exist yet", "home/project/_site", "missing"],
    ["an empty folder", "home/empty", "empty"],
    ["a build marked by the marker file", "home/marked", "previous build"],
    ["a build made before the marker existed", "home/old-build", "previous build"],
    ["a build published there as a folder", "home/made-here", "previous build"],
    ["a new folder in a new parent", "home/a/b/c", "missing"],
    ["a build published as a link", "home/published/_site", "previous build"],
    ["a build's link whose build folder is gone", "home/published/gone", "previous build"],
  ])("accepts %s", async (_, out, state) => {
    expect(await verdict(at(out))).toEqual({ ok: true, state });
  });
});
