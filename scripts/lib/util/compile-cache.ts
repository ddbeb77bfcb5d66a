/**
 * V8's compile cache for every module the build loads, the project's own and
 * its dependencies': each thread (the main one and every worker) otherwise
 * parses and compiles Eleventy, markdown-it and the rest anew on every run.
 * Node keys each entry by the module's text and its own version, so a stale
 * entry is never used; the folder is safe to delete.
 *
 * It lives in node_modules/.cache/, beside the code it caches: Netlify keeps
 * node_modules between deploys, and a content build cache (`.cache/`) stays
 * about content. NODE_COMPILE_CACHE chooses another folder and
 * NODE_DISABLE_COMPILE_CACHE=1 turns it off, as for any Node program.
 */
import module from "node:module";
import path from "node:path";
import { PROJECT_ROOT } from "./project-root.ts";

export const COMPILE_CACHE_DIR = path.join(PROJECT_ROOT, "node_modules", ".cache", "node-compile-cache");

/**
 * Turns the cache on for this thread and, through the environment, for the
 * worker threads and processes started after it. Only modules loaded after
 * the call use it, so an entry point calls it before importing the rest.
 */
export function useCompileCache(folder = process.env.NODE_COMPILE_CACHE ?? COMPILE_CACHE_DIR): void {
  if (module.enableCompileCache(folder).directory) process.env.NODE_COMPILE_CACHE = folder;
}
