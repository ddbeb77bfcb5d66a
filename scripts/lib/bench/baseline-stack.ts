/**
 * The benchmark's baseline, "the bare stack": Eleventy 3 with one minimal
 * layout rendering the same Markdown files, one template per file, then the
 * Pagefind CLI on its output. It is generated as a throwaway project so
 * nothing of ours (loader, templates, Node API indexing) takes part.
 */
import { cp, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { PROJECT_ROOT } from "../util/project-root.ts";
import { pagefindBinary } from "../search/search-index.ts";

const ELEVENTY_CLI = path.join(PROJECT_ROOT, "node_modules/@11ty/eleventy/cmd.cjs");

const CONFIG = `export const config = {
  dir: { input: "src", includes: "../_includes", output: "out" },
  templateFormats: ["md"],
};
`;

const LAYOUT = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{ title }}</title></head>
<body>
<main data-pagefind-body>
<h1>{{ title }}</h1>
{{ content | safe }}
</main>
</body>
</html>
`;

/** Writes the bare project into `dir` with the articles of `contentRoot`; its pages go to `dir/out`. */
export async function prepareBareStack(contentRoot: string, dir: string): Promise<void> {
  await mkdir(path.join(dir, "_includes"), { recursive: true });
  await cp(path.join(contentRoot, "src/articles"), path.join(dir, "src/articles"), { recursive: true });
  await writeFile(path.join(dir, "eleventy.config.mjs"), CONFIG);
  await writeFile(path.join(dir, "_includes/base.njk"), LAYOUT);
  await writeFile(path.join(dir, "src/articles/articles.json"), JSON.stringify({ layout: "base.njk" }));
}

/** The bare stack's page for an article file `src/articles/<id>.md`. */
export const bareArticleUrl = (id: string) => `/articles/${id}/`;
export const isBareArticlePage = (relative: string) => relative.startsWith("articles/");

export const bareBuildCommand = (): [string, string[]] => [process.execPath, [ELEVENTY_CLI, "--config=eleventy.config.mjs", "--quiet"]];
export const bareIndexCommand = (): [string, string[]] => [pagefindBinary(), ["--site", "out"]];
export const bareServeArgs = (port: number): string[] => [
  ELEVENTY_CLI,
  "--config=eleventy.config.mjs",
  "--quiet",
  "--serve",
  "--incremental",
  `--port=${port}`,
];
