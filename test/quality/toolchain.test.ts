/** The suite runs on the Node the project pins, the one every npm script and Netlify use. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, it } from "vitest";
import { PROJECT } from "../helpers/site.ts";

it("runs on the pinned Node version (package.json's `node` dev dependency)", async () => {
  const pkg = JSON.parse(await readFile(path.join(PROJECT, "package.json"), "utf8")) as { devDependencies: { node: string } };
  expect(process.versions.node).toBe(pkg.devDependencies.node);
});
