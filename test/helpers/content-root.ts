/** Small content roots written to temp folders, for tests of the loader and the CLIs. */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadContent, type LoadOptions } from "../../scripts/lib/content/load-content.ts";
import { ContentError, formatProblem } from "../../scripts/lib/content/content-error.ts";

export const BASE_FILES: Readonly<Record<string, string>> = {
  "_data/site.yaml": "title: Test\nurl: https://example.org\ntimeZone: Europe/London\n",
  "_data/authors.yaml": "# People\nada:\n  name: Ada Reporter\nben:\n  name: Ben Columnist\n",
  "_data/sections.yaml": "- id: world\n  name: World\n- id: opinion\n  name: Opinion\n",
  "_data/teasers.yaml": "latest: []\n",
};

/** A valid article's text; `fields` replace or add front-matter lines (null removes one). */
export function article(fields: Record<string, string | null> = {}, body = "A lead paragraph."): string {
  const all: Record<string, string | null> = { title: "A headline", date: "2025-03-10", section: "world", authors: "[ada]", ...fields };
  const lines = Object.entries(all).flatMap(([k, v]) => (v === null ? [] : [`${k}: ${v}`]));
  return `---\n${lines.join("\n")}\n---\n\n${body}\n`;
}

const roots: string[] = [];

/** Writes BASE_FILES overlaid with `files` (path → text; null leaves a base file out) to a new temp folder, with src/articles/. */
export async function contentRoot(files: Record<string, string | null>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "broadsheet-content-"));
  roots.push(root);
  // A content root holds src/articles/ even before its first article.
  await mkdir(path.join(root, "src/articles"), { recursive: true });
  for (const [file, text] of Object.entries({ ...BASE_FILES, ...files })) {
    if (text === null) continue;
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  return root;
}

export async function removeContentRoots(): Promise<void> {
  await Promise.all(roots.splice(0).map((r) => rm(r, { recursive: true, force: true })));
}

/** The formatted problem lines a load with `options` reports; [] when the content is valid. */
export async function loadProblems(options: LoadOptions): Promise<string[]> {
  try {
    await loadContent(options);
    return [];
  } catch (error) {
    if (error instanceof ContentError) return error.problems.map(formatProblem);
    throw error;
  }
}

/** The formatted problem lines a load of `files` reports; [] when the content is valid. */
export async function problemLines(
  files: Record<string, string | null>,
  options: { preview?: boolean; now?: string } = {},
): Promise<string[]> {
  const root = await contentRoot(files);
  return loadProblems({ root, preview: options.preview ?? false, now: options.now ?? "2025-04-01T00:00:00Z" });
}
