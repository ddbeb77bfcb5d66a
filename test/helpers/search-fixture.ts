/**
 * The search tests' site: the shared fixture's data and its first five
 * articles (so other tests' additions to the fixture never change search
 * results), plus two articles that make ranking testable: one with "gull" in
 * its headline (and an image), one that repeats it in its body.
 */
import { existsSync } from "node:fs";
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { build, copyFixture, FIXTURE, type RunResult } from "./site.ts";

const SHARED_ARTICLES = new Set([
  "2025-03-05-in-praise-of-timetables.md",
  "2025-03-10-harbour-tariffs.md",
  "2025-03-12-lighthouse-keepers-strike.md",
  "2025-03-20-unpublished-draft.md",
  "2099-01-01-scheduled-story.md",
]);

/**
 * With the image pipeline, front matter names a file under src/images/ and the
 * build publishes it at /images/<name>; without it, front matter gives the URL
 * and the file is put there after the build. Either way the page shows /images/gull.png.
 */
const IMAGE_PIPELINE = existsSync(path.join(FIXTURE, "src/images"));

const EXTRA_ARTICLES: Record<string, string> = {
  "2025-02-01-gull-census.md": `---
title: Gull census finds fewer birds on the cliffs
date: 2025-02-01
section: world
authors: ben
tags: [Wildlife]
image:
  src: ${IMAGE_PIPELINE ? "gull.png" : "/images/gull.png"}
  alt: A herring gull on a harbour post
---

Volunteers counted nesting pairs along the north shore for the tenth winter running.
`,
  "2025-02-02-harbour-diary.md": `---
title: A harbour diary
date: 2025-02-02
section: opinion
authors: ada
---

Every morning a gull waits on the wall. The gull knows the boats; a gull always does. Another gull joins, then a fourth gull, and by noon the gull choir drowns the radio.
`,
};

/** A plain 60×40 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAADwAAAAoCAIAAAAt2Q6oAAAAO0lEQVR42u3OQQkAAAgEsMtpCJMY2hQ+hMECLNXzTqSlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpS8t1v90NZI6fDcAAAAASUVORK5CYII=",
  "base64",
);

/** Copies the fixture with only the articles above and builds it into a temporary folder. */
export async function buildSearchFixture(): Promise<{ root: string; out: string; result: RunResult; cleanup: () => Promise<void> }> {
  const fixture = await copyFixture();
  const articles = path.join(fixture.root, "src/articles");
  await Promise.all((await readdir(articles)).filter((name) => !SHARED_ARTICLES.has(name)).map((name) => rm(path.join(articles, name))));
  await Promise.all(Object.entries(EXTRA_ARTICLES).map(([name, text]) => writeFile(path.join(articles, name), text)));
  if (IMAGE_PIPELINE) await writeFile(path.join(fixture.root, "src/images/gull.png"), PNG);
  const result = await build(fixture.root, fixture.out);
  if (result.code !== 0) throw new Error(`fixture build failed:\n${result.stderr}`);
  await addFixtureImage(fixture.out);
  return { ...fixture, result };
}

/** Puts the image where the page points, unless the build published it; again after a rebuild. */
export async function addFixtureImage(out: string): Promise<void> {
  if (IMAGE_PIPELINE) return;
  await mkdir(path.join(out, "images"), { recursive: true });
  await writeFile(path.join(out, "images/gull.png"), PNG);
}
