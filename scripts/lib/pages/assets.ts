/**
 * The site's CSS and scripts, fingerprinted so the CDN can cache them
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
  /** On every page: service worker registration and search-term highlighting. Nothing depends on it. */
  siteScript: AssetFile;
  files: AssetFile[];
}

function fingerprint(name: string, ext: string, content: string): AssetFile {
  const hash = createHash("sha256").update(content).digest("hex").slice(0, 10);
  return { href: `/assets/${name}.${hash}.${ext}`, content };
}

/**
 * V8's explicit compile hint (Chrome 136 on): every function in the file is
 * compiled while it streams in, off the main thread, instead of on its first
 * call. Only for a script whose functions nearly all run as the page loads.
 */
const COMPILE_ON_LOAD = "//# allFunctionsCalledOnLoad";

/** `define` replaces global names with build-time values (JSON source text), e.g. the service worker's build id. */
export async function bundleScript(
  entry: string,
  define: Record<string, string> = {},
  { compileOnLoad = false }: { compileOnLoad?: boolean } = {},
): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    define,
    // The hint must open the file.
    banner: { js: compileOnLoad ? COMPILE_ON_LOAD : "" },
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
  const [css, search, site] = await Promise.all([
    readFile(path.join(dir, "site.css"), "utf8"),
    // A search page's first search runs nearly all of its script at once.
    bundleScript(path.join(dir, "search.ts"), {}, { compileOnLoad: true }),
    bundleScript(path.join(dir, "site.ts")),
  ]);
  const assets = {
    css: fingerprint("site", "css", css),
    searchScript: fingerprint("search", "js", search),
    siteScript: fingerprint("site", "js", site),
  };
  return { ...assets, files: [assets.css, assets.searchScript, assets.siteScript] };
}
