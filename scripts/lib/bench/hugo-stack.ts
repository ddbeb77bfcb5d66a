/**
 * The other stack a user would pick instead of ours: Hugo (Debian's `hugo`)
 * with one minimal layout rendering the same Markdown files, then the Pagefind
 * CLI on its output. Generated as a throwaway project; measured only when a
 * `hugo` binary is on the PATH (`apt-get install -y hugo`).
 */
import { accessSync, constants } from "node:fs";
import { cp, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { pagefindBinary } from "../search/search-index.ts";

const CONFIG = `baseURL = "https://example.org/"
# Only the article pages, as the bare Eleventy stack makes: no lists, feeds or sitemaps.
disableKinds = ["home", "section", "taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
# Every article is published, whatever its date.
buildFuture = true
`;

const LAYOUT = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{ .Title }}</title></head>
<body>
<main data-pagefind-body>
<h1>{{ .Title }}</h1>
{{ .Content }}
</main>
</body>
</html>
`;

/** The `hugo` binary on the PATH, if there is one. */
export function hugoBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, "hugo");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this folder of the PATH.
    }
  }
  return undefined;
}

/** Writes the Hugo project into `dir` with the articles of `contentRoot`; its pages go to `dir/out`. */
export async function prepareHugoStack(contentRoot: string, dir: string): Promise<void> {
  await mkdir(path.join(dir, "layouts/_default"), { recursive: true });
  // Hugo's default permalinks keep every file (a :slug permalink would merge articles with equal titles).
  await cp(path.join(contentRoot, "src/articles"), path.join(dir, "content/articles"), { recursive: true });
  await writeFile(path.join(dir, "hugo.toml"), CONFIG);
  await writeFile(path.join(dir, "layouts/_default/single.html"), LAYOUT);
}

export const hugoBuildCommand = (binary: string): [string, string[]] => [binary, ["--quiet", "--destination", "out"]];
export const hugoIndexCommand = (): [string, string[]] => [pagefindBinary(), ["--site", "out"]];
