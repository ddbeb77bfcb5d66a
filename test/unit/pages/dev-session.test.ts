/** The dev server's session on a content root that is not one: it says so, and makes no build cache there. */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { devServerSession } from "../../../scripts/lib/pages/dev-session.ts";
import { PROJECT } from "../../helpers/site.ts";

const scratch = await mkdtemp(path.join(tmpdir(), "broadsheet-dev-root-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

it("reports a BROADSHEET_CONTENT that is not a content root, and writes nothing under it", async () => {
  const session = devServerSession({ ELEVENTY_RUN_MODE: "serve", BROADSHEET_CONTENT: scratch }, PROJECT);
  await expect(session.site()).rejects.toThrow(`${scratch}: (content root): is not a content root: it has no _data/ or src/articles/`);
  expect(existsSync(path.join(scratch, ".cache"))).toBe(false);
});
