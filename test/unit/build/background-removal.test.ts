import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { removeInBackground } from "../../../scripts/lib/build/background-removal.ts";
import { PROJECT_ROOT } from "../../../scripts/lib/util/project-root.ts";
import { eventually } from "../../helpers/eventually.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "broadsheet-removal-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function tree(name: string): Promise<string> {
  const root = path.join(dir, "builds", name);
  await mkdir(path.join(root, "2025", "03", "a"), { recursive: true });
  await writeFile(path.join(root, "2025", "03", "a", "index.html"), "<p>old</p>");
  return root;
}

describe("removing a replaced site in the background", () => {
  it("finishes after the process that started it has exited", async () => {
    const old = await tree("old.retired");
    await writeFile(path.join(dir, "builds", "current"), "");
    const module = path.join(PROJECT_ROOT, "scripts/lib/build/background-removal.ts");
    const started = `import { removeInBackground } from ${JSON.stringify(module)}; removeInBackground([${JSON.stringify(old)}]); process.exit(0);`;
    execFileSync(process.execPath, ["--input-type=module", "-e", started], { cwd: PROJECT_ROOT });
    // The folder holding it is not empty, so it stays.
    await eventually(async () => expect(await readdir(path.join(dir, "builds"))).toEqual(["current"]));
  });

  it("takes the folder that held them once it is left empty", async () => {
    removeInBackground([await tree("a.retired"), await tree("b.retired")]);
    await eventually(async () => expect(await readdir(dir)).toEqual([]));
  });

  it("does nothing for no folders, and leaves a folder it was not given", async () => {
    const kept = await tree("kept");
    removeInBackground([]);
    removeInBackground([path.join(dir, "builds", "gone-already")]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await readdir(path.join(dir, "builds"))).toEqual([path.basename(kept)]);
  });
});
