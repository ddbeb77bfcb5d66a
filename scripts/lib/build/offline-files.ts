/**
 * After Pagefind: lists the files offline search needs (the manifest the
 * "Save for offline" control downloads) and writes the service worker with
 * this build's id and precache list baked in. The worker lives at the stable
 * URL /sw.js (netlify.toml: no-cache), so browsers notice every new build.
 */
import { createHash } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  OFFLINE_MANIFEST_URL,
  OFFLINE_SUMMARY_URL,
  OFFLINE_URL,
  type OfflineManifest,
  type OfflineSummary,
} from "../../../src/assets/offline/offline-caches.ts";
import { bundleScript } from "../pages/assets.ts";
import { PROJECT_ROOT } from "../util/project-root.ts";
import { SEARCH_URL } from "../content/urls.ts";

/** Pagefind's ready-made UIs: this site uses its own markup, so they are never fetched. */
const UNUSED =
  /^pagefind\/pagefind-(ui|modular-ui|component-ui|highlight)\.|^pagefind\/(offline-manifest|offline-summary|build-info)\.json$/;
/** Fetched by every search, so cached on the first visit to the search page (every part's entry, metadata and filters). */
const RUNTIME =
  /^pagefind\/(pagefind\.js|pagefind-worker\.js|parts\.json|wasm\.[^/]+\.pagefind|(parts\/[^/]+\/)?(pagefind-entry\.json|[^/]+\.pf_meta|filter\/.+))$/;

/**
 * Every file under `under`, with its size. Synchronous: it runs once the rest
 * of the build is done, and a large archive's index has a hundred thousand
 * files, whose stats through the thread pool cost several times more.
 */
function listFiles(dir: string, under: string): { rel: string; bytes: number }[] {
  const root = path.join(dir, under);
  const entries = readdirSync(root, { recursive: true, withFileTypes: true });
  // Cut from each entry's folder, which starts with `root` (path.relative resolves both paths every time).
  const folderOf = (parent: string) =>
    parent === root
      ? ""
      : `${parent
          .slice(root.length + 1)
          .split(path.sep)
          .join("/")}/`;
  const files = entries.filter((e) => e.isFile()).map((e) => `${under}/${folderOf(e.parentPath)}${e.name}`);
  return files.map((rel) => ({ rel, bytes: statSync(path.join(dir, rel)).size })).sort((a, b) => a.rel.localeCompare(b.rel));
}

/** Languages the index holds; wasm files for others are never loaded. */
async function indexLanguages(siteDir: string): Promise<Set<string>> {
  const entry = JSON.parse(await readFile(path.join(siteDir, "pagefind/pagefind-entry.json"), "utf8")) as {
    languages: Record<string, { wasm?: string }>;
  };
  return new Set(Object.entries(entry.languages).map(([lang, l]) => l.wasm ?? lang));
}

export interface OfflineBuild {
  buildId: string;
  manifest: OfflineManifest;
}

export async function writeOfflineFiles(siteDir: string, contentHash: string): Promise<OfflineBuild> {
  const languages = await indexLanguages(siteDir);
  const wasmLanguage = (rel: string) => /^pagefind\/wasm\.([^/]+)\.pagefind$/.exec(rel)?.[1];
  const index = listFiles(siteDir, "pagefind").filter(
    (f) => !UNUSED.test(f.rel) && (wasmLanguage(f.rel) === undefined || languages.has(wasmLanguage(f.rel) ?? "")),
  );
  const assets = listFiles(siteDir, "assets").filter((f) => /\.(css|js)$/.test(f.rel));

  // Pagefind and asset names change with their content; the pages' content is in the content hash.
  const pages = await Promise.all([SEARCH_URL, OFFLINE_URL].map((u) => readFile(path.join(siteDir, u, "index.html"))));
  const hash = createHash("sha256").update(contentHash);
  for (const f of [...index, ...assets]) hash.update(`${f.rel}:${f.bytes}\n`);
  for (const page of pages) hash.update(page);
  const buildId = hash.digest("hex").slice(0, 12);

  const manifest: OfflineManifest = {
    buildId,
    bytes: index.reduce((n, f) => n + f.bytes, 0),
    files: index.map((f) => ({ url: `/${f.rel}`, bytes: f.bytes })),
  };
  const summary: OfflineSummary = { buildId, bytes: manifest.bytes, files: manifest.files.length };
  await writeFile(path.join(siteDir, OFFLINE_MANIFEST_URL), JSON.stringify(manifest));
  await writeFile(path.join(siteDir, OFFLINE_SUMMARY_URL), JSON.stringify(summary));

  const precache = [
    SEARCH_URL,
    OFFLINE_URL,
    OFFLINE_SUMMARY_URL,
    ...assets.map((f) => `/${f.rel}`),
    ...index.filter((f) => RUNTIME.test(f.rel)).map((f) => `/${f.rel}`),
  ];
  const worker = await bundleScript(path.join(PROJECT_ROOT, "src/assets/sw.ts"), {
    BUILD_ID: JSON.stringify(buildId),
    PRECACHE: JSON.stringify(precache),
  });
  await writeFile(path.join(siteDir, "sw.js"), worker);
  return { buildId, manifest };
}
