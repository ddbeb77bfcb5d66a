/** The dev server's session: on a content root that is not one, and on content a save breaks. */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { devServerSession } from "../../../scripts/lib/pages/dev-session.ts";
import type { SiteSession } from "../../../scripts/lib/pages/site-session.ts";
import { fixturePool, PROJECT } from "../../helpers/site.ts";

const scratch = await mkdtemp(path.join(tmpdir(), "broadsheet-dev-root-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

it("reports a BROADSHEET_CONTENT that is not a content root, and writes nothing under it", async () => {
  const session = devServerSession({ ELEVENTY_RUN_MODE: "serve", BROADSHEET_CONTENT: scratch }, PROJECT);
  await expect(session.site()).rejects.toThrow(`${scratch}: (content root): is not a content root: it has no _data/ or src/articles/`);
  expect(existsSync(path.join(scratch, ".cache"))).toBe(false);
});

describe("the dev server's session on content a save breaks", () => {
  const { fixture, cleanup } = fixturePool();
  afterAll(cleanup);
  const ARTICLE = "src/articles/2025-03-14-tide-gauges-to-be-replaced.md";
  const NAVIGATE = { url: "/", method: "GET", headers: { "sec-fetch-mode": "navigate" } } as unknown as IncomingMessage;
  /** What the session's middleware does with a browser opening the front page: the problems page's heading, or undefined when it passes. */
  const opened = (session: SiteSession) => {
    let body: string | undefined;
    const res = { statusCode: 200, setHeader: () => {}, end: (text?: string) => (body = text) } as unknown as ServerResponse;
    for (const middleware of session.serverMiddleware ?? []) middleware(NAVIGATE, res, () => {});
    return /<h1>(.*?)<\/h1>/.exec(body ?? "")?.[1];
  };

  it("keeps building the last good content, shows the browser the problems, and comes back when they are fixed", async () => {
    const site = await fixture();
    const file = path.join(site.root, ARTICLE);
    const valid = await readFile(file, "utf8");
    const session = devServerSession({ ELEVENTY_RUN_MODE: "serve", BROADSHEET_CONTENT: site.root }, PROJECT);
    session.beforeBuild(site.out);
    const good = await session.site();
    expect(opened(session)).toBeUndefined();

    await writeFile(file, valid.replace("section: science", "section: sceince"));
    session.beforeBuild(site.out);
    expect(await session.site()).toBe(good);
    expect(opened(session)).toBe("The content has 1 problem");

    await writeFile(file, valid.replace(/^title: .*$/m, "title: Tide gauges fixed"));
    session.beforeBuild(site.out);
    expect((await session.site()).articles.map((a) => a.title)).toContain("Tide gauges fixed");
    expect(opened(session)).toBeUndefined();
  });

  it("fails a build that is not the dev server's, and one with nothing loaded yet, with every problem", async () => {
    const site = await fixture();
    const file = path.join(site.root, ARTICLE);
    await writeFile(file, (await readFile(file, "utf8")).replace("section: science", "section: sceince"));
    const once = devServerSession({ ELEVENTY_RUN_MODE: "build", BROADSHEET_CONTENT: site.root }, PROJECT);
    await expect(once.site()).rejects.toThrow("section: is not a known section");
    expect(once.serverMiddleware).toBeUndefined();
    const first = devServerSession({ ELEVENTY_RUN_MODE: "serve", BROADSHEET_CONTENT: site.root }, PROJECT);
    first.beforeBuild(site.out);
    await expect(first.site()).rejects.toThrow("section: is not a known section");
    expect(opened(first)).toBe("The content has 1 problem");
  });
});
