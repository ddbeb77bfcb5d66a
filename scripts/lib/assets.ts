/**
 * The site's CSS and its one script, fingerprinted so the CDN can cache them
 * for a year. The script is TypeScript, bundled by esbuild at build time.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";

export interface AssetFile {
  href: string;
  content: string;
}

export interface Assets {
  css: AssetFile;
  searchScript: AssetFile;
  files: AssetFile[];
}

function fingerprint(name: string, ext: string, content: string): AssetFile {
  const hash = createHash("sha256").update(content).digest("hex").slice(0, 10);
  return { href: `/assets/${name}.${hash}.${ext}`, content };
}

async function bundleScript(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    target: "es2022",
    minify: true,
    write: false,
    legalComments: "none",
  });
  return result.outputFiles[0]?.text ?? "";
}

export async function buildAssets(projectRoot: string): Promise<Assets> {
  const dir = path.join(projectRoot, "src/assets");
  const [css, search] = await Promise.all([readFile(path.join(dir, "site.css"), "utf8"), bundleScript(path.join(dir, "search.ts"))]);
  const assets = { css: fingerprint("site", "css", css), searchScript: fingerprint("search", "js", search) };
  return { ...assets, files: [assets.css, assets.searchScript] };
}
