/**
 * `npm start`: Eleventy's dev server with live reload, for authors. It shows
 * drafts and scheduled articles, so it listens on this machine only unless
 * told otherwise, and it rebuilds when a file is deleted as when one is saved.
 * Content problems are shown in the browser until a save fixes them, also when
 * it starts with them (it then waits for that save to build), and so is the
 * error of a rebuild that failed (a template's, a script's) until one succeeds.
 *   --port N        the port (default 8080; the next free one if taken)
 *   --host HOST     the address to listen on (default 127.0.0.1; 0.0.0.0 for every network interface)
 *   --output DIR    where the preview is written (default .dev-site; never _site)
 *   --quiet         less of Eleventy's output
 * BROADSHEET_CONTENT, BROADSHEET_PREVIEW and BUILD_NOW as for the dev session (docs/architecture.md).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { MAX_PORT, parseCommandLine, usageError, wholeNumber } from "./lib/util/cli-args.ts";
import { useCompileCache } from "./lib/util/compile-cache.ts";
import { PROJECT_ROOT } from "./lib/util/project-root.ts";
import { exitOnSignals, onInterrupt } from "./lib/util/interrupts.ts";
import { complain } from "./lib/util/terminal-text.ts";

const USAGE = "Usage: npm start [-- --port N] [--host HOST] [--output DIR] [--quiet]";
const { values, positionals } = parseCommandLine(
  {
    allowPositionals: true,
    options: {
      port: { type: "string", default: "8080" },
      host: { type: "string", default: "127.0.0.1" },
      output: { type: "string", default: ".dev-site" },
      quiet: { type: "boolean", default: false },
    },
  },
  USAGE,
);
if (positionals.length) usageError(`Unexpected argument: ${positionals.join(" ")}`, USAGE);
const port = wholeNumber("port", values.port, 0, USAGE, MAX_PORT) ?? 8080;

useCompileCache();
// Imported once the compile cache is on: a static import is compiled before any of this module runs.
const { default: Eleventy } = await import("@11ty/eleventy");
const { ContentError } = await import("./lib/content/content-error.ts");
const { contentRootOf } = await import("./lib/pages/dev-session.ts");
const { errorChain, previewProblems } = await import("./lib/pages/dev-problems.ts");

// Eleventy resolves its folders against the working directory.
process.chdir(PROJECT_ROOT);
const eleventy = new Eleventy(undefined, path.resolve(values.output), {
  source: "cli",
  runMode: "serve",
  configPath: path.join(PROJECT_ROOT, "eleventy.config.ts"),
  quietMode: values.quiet,
});
// Ctrl+C or a kill runs the clean-ups of what is under way (the search index's scratch folder and Pagefind runs among them).
exitOnSignals((signal) => `Dev server stopped (${signal}).`);
onInterrupt(() => eleventy.stopWatch());
await eleventy.init();

/*
 * Eleventy's dev server 2.x listens on every interface and has no option for
 * the address; its instance is made here and its listen call bound to `host`
 * (the method it also uses to try the next port when one is taken).
 */
let serving = false;
async function serve(): Promise<void> {
  if (serving) return;
  serving = true;
  await eleventy.eleventyServe.init();
  await eleventy.eleventyServe.initServerInstance();
  const devServer = eleventy.eleventyServe.server;
  devServer._serverListen = (onPort: number) => devServer.server.listen({ port: onPort, host: values.host });
  if (values.host !== "127.0.0.1" && values.host !== "localhost" && values.host !== "::1")
    complain(`Listening on ${values.host}: drafts and scheduled articles are visible to other machines that can reach it.`);
  await eleventy.serve(port);
}

/** What the browser is to show of a failed build: the content's problems (the session has recorded them), or any other error (a template's). */
function failed(error: unknown): void {
  if (errorChain(error).some((at) => at instanceof ContentError)) previewProblems.built();
  else previewProblems.buildFailed(error);
}

// Eleventy tells the browser of a failed rebuild in its console alone: the browser is reloaded onto the error instead, until a build succeeds.
// (The serving side is made by init() and kept through restarts.)
const served = eleventy.eleventyServe;
const sendError = served.sendError.bind(served);
const reload = served.reload.bind(served);
served.sendError = async (event) => {
  failed(event.error);
  await sendError(event);
  await reload({});
};
served.reload = (event) => {
  previewProblems.built();
  return reload(event);
};

/**
 * Eleventy's first build, which starts its watcher. Content with problems,
 * or a broken template, fails it, and Eleventy would not watch: the dev
 * server then serves the problems or the error (dev-problems.ts), and starts
 * Eleventy's watcher after all, without building again (nothing has changed),
 * so each save builds as after a first build that succeeded, until one
 * succeeds and the browser is reloaded onto the site.
 */
async function firstBuild(): Promise<(file: string) => Promise<void>> {
  try {
    return await eleventy.watch();
  } catch (error) {
    failed(error);
  }
  // Eleventy has said what is wrong; a root that is not there will not be fixed by a save.
  if (!existsSync(contentRootOf(process.env, PROJECT_ROOT))) process.exit(1);
  await serve();
  // watch() builds before it watches; its rebuilds call write() anew, so only this call skips it.
  const write = eleventy.write;
  eleventy.write = async () => [[], []];
  try {
    const rebuild = await eleventy.watch();
    // Said once the watcher has seen every file (watch() waits for that): a save before then would be missed.
    complain("[broadsheet] The dev server is waiting for a save that fixes this; the browser shows what is wrong meanwhile.");
    return rebuild;
  } finally {
    eleventy.write = write;
  }
}

const rebuild = await firstBuild();
// Eleventy's watcher forgets a deleted file without rebuilding, so lists went on linking a deleted article.
eleventy.watcher?.on("unlink", (file) => void rebuild(file));
await serve();
