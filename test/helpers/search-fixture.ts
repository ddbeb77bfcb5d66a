/**
 * The fixture site plus two articles that make search ranking testable: one
 * with "gull" in its headline (and an image), one that repeats it in its body.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { build, copyFixture, type RunResult } from "./site.ts";

export const EXTRA_ARTICLES: Record<string, string> = {
  "2025-02-01-gull-census.md": `---
title: Gull census finds fewer birds on the cliffs
date: 2025-02-01
section: world
authors: ben
tags: [Wildlife]
image:
  src: /images/gull.png
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

/** A 1×1 PNG, so the image a search result shows exists in the built site. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNgqPoPAAJBAaBcqMNIAAAAAElFTkSuQmCC", "base64");

export async function buildSearchFixture(): Promise<{ root: string; out: string; result: RunResult; cleanup: () => Promise<void> }> {
  const fixture = await copyFixture();
  await Promise.all(Object.entries(EXTRA_ARTICLES).map(([name, text]) => writeFile(path.join(fixture.root, "src/articles", name), text)));
  const result = await build(fixture.root, fixture.out);
  if (result.code !== 0) throw new Error(`fixture build failed:\n${result.stderr}`);
  await addFixtureImage(fixture.out);
  return { ...fixture, result };
}

/** Images are published by the image pipeline, not by search: puts the file where the page points. */
export async function addFixtureImage(out: string): Promise<void> {
  await mkdir(path.join(out, "images"), { recursive: true });
  await writeFile(path.join(out, "images/gull.png"), PNG);
}
