import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aliasesShadowingFiles } from "../../../scripts/lib/build/alias-shadows.ts";
import { makeArticle, makeSite } from "../../helpers/model.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "broadsheet-aliases-"));
  await mkdir(path.join(dir, "section/world"), { recursive: true });
  await writeFile(path.join(dir, "section/world/feed.xml"), "<feed/>");
  await writeFile(path.join(dir, "section/world/index.html"), "<p>");
  await mkdir(path.join(dir, "café"), { recursive: true });
  await writeFile(path.join(dir, "café/index.html"), "<p>");
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("aliases that name a built file", () => {
  it("are refused with the file they would hide behind, pretty and %-escaped addresses included", async () => {
    const article = makeArticle("2025-03-10", "story", {
      aliases: ["/section/world/feed.xml", "/section/world", "/caf%C3%A9/", "/old/", "/section/world/feed.xml/", "/%E0%A4%A/"],
    });
    const problems = await aliasesShadowingFiles(makeSite([article]), dir);
    expect(problems.map((p) => [p.field, p.message])).toEqual([
      [
        "aliases.0",
        "is the address of /section/world/feed.xml, which the build writes: the file would be served and the redirect never applied",
      ],
      [
        "aliases.1",
        "is the address of /section/world/index.html, which the build writes: the file would be served and the redirect never applied",
      ],
      ["aliases.2", "is the address of /café/index.html, which the build writes: the file would be served and the redirect never applied"],
    ]);
    expect(problems[0]?.file).toBe(article.file);
  });
});
