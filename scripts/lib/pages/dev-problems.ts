/**
 * What the dev server shows while the content has problems, or a build
 * failed for another reason. A save that breaks the content leaves the
 * preview on the last good content, and a save that breaks a template or a
 * script fails the build and leaves the last pages built, so an author or a
 * developer looking at the browser would see nothing wrong: instead, every
 * page a browser navigates to is a page listing the problems (file, field and
 * what is expected, as the terminal has them) or the build's error. The dev
 * server's reload script, which it adds to every HTML response, brings the
 * page back once a save fixes them. Scripts fetching the site's files
 * (search) and direct requests for files are served as before.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Problem } from "../content/content-error.ts";
import { escapeHtml } from "../util/html.ts";
import { terminalSafe } from "../util/terminal-text.ts";

/** What went wrong in the preview, as the last load and the last build found it; nothing once they succeed. */
export class PreviewProblems {
  #problems: readonly Problem[] = [];
  #failure: readonly string[] | undefined;

  /** The content's problems. */
  get current(): readonly Problem[] {
    return this.#problems;
  }

  /** The last build's error, when it failed: each message of its chain of causes, outermost first. */
  get failure(): readonly string[] | undefined {
    return this.#failure;
  }

  found(problems: readonly Problem[]): void {
    this.#problems = problems;
  }

  cleared(): void {
    this.#problems = [];
  }

  buildFailed(error: unknown): void {
    this.#failure = errorMessages(error);
  }

  built(): void {
    this.#failure = undefined;
  }
}

/**
 * The one a dev server shows: `npm start` tells it of failed builds, and the
 * dev session, which Eleventy's config makes in the same process, of the
 * content's problems.
 */
export const previewProblems = new PreviewProblems();

/** Most causes an error chain is followed through: Eleventy wraps a template's error two or three deep. */
const MAX_CAUSES = 8;

/** `error` and the errors it wraps (Eleventy's `originalError`, or `cause`), outermost first. */
export function errorChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let at = error; at !== undefined && at !== null && chain.length < MAX_CAUSES;) {
    chain.push(at);
    if (!(at instanceof Error)) break;
    at = (at as Error & { originalError?: unknown }).originalError ?? at.cause;
  }
  return chain;
}

/** The messages of `error` and the errors it wraps, outermost first, without repeats. */
export function errorMessages(error: unknown): string[] {
  const messages = errorChain(error).map((at) => terminalSafe(at instanceof Error ? at.message : String(at)).trim());
  const unique = [...new Set(messages.filter(Boolean))];
  return unique.length ? unique : ["The build failed without saying why."];
}

const count = (n: number) => `${n} ${n === 1 ? "problem" : "problems"}`;

function problemItem(p: Problem): string {
  const detail = [p.got !== undefined ? `got ${p.got}` : "", p.expected !== undefined ? `expected ${p.expected}` : ""].filter(Boolean);
  return [
    "<li>",
    `<p><code>${escapeHtml(p.file)}</code>, <strong>${escapeHtml(p.field)}</strong>: ${escapeHtml(p.message)}</p>`,
    detail.length ? `<p>${escapeHtml(detail.join("; "))}</p>` : "",
    "</li>",
  ].join("");
}

/** A self-contained page (no stylesheet, no script of its own), legible in light and dark. */
function previewPage(heading: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${heading}: preview</title>
<style>
body { font: 1rem/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 48rem; padding: 1.5rem; overflow-wrap: anywhere; }
h1 { font-size: 1.5rem; }
li { margin-block-end: 1rem; }
li p { margin: 0; }
code, pre { font-size: 0.95em; }
pre { white-space: pre-wrap; }
</style>
</head>
<body>
<main>
<h1>${heading}</h1>
${body}
</main>
</body>
</html>
`;
}

/** The page listing `problems`. */
export function problemsPage(problems: readonly Problem[]): string {
  return previewPage(
    `The content has ${count(problems.length)}`,
    `<p>Fix ${problems.length === 1 ? "it" : "them"} and save: this page then shows the site again by itself. Until then the preview keeps the last content that built.</p>
<ol>
${problems.map(problemItem).join("\n")}
</ol>`,
  );
}

/** The page saying the build failed, with its error's messages (a template's names its file, line and column). */
export function buildFailurePage(messages: readonly string[]): string {
  return previewPage(
    "The site did not build",
    `<p>Fix the error and save: this page then shows the site again by itself. The terminal has the whole error.</p>
${messages.map((m) => `<pre>${escapeHtml(m)}</pre>`).join("\n")}`,
  );
}

/** A browser opening a page, rather than a script fetching a file or a request for a file that is not a page. */
function opensPage(req: IncomingMessage): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const mode = req.headers["sec-fetch-mode"];
  if (mode !== undefined ? mode !== "navigate" : !/\btext\/html\b/.test(req.headers.accept ?? "")) return false;
  const file = new URL(req.url ?? "/", "http://preview.invalid/").pathname.split("/").at(-1) ?? "";
  return !file.includes(".") || file.endsWith(".html");
}

export type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** Dev server middleware: while the last build failed, or the content has problems, a browser opening a page gets the page saying so. */
export function problemsMiddleware(problems: PreviewProblems): Middleware {
  return (req, res, next) => {
    const { current, failure } = problems;
    if ((current.length === 0 && !failure) || !opensPage(req)) return next();
    const body = failure ? buildFailurePage(failure) : problemsPage(current);
    res.statusCode = 500;
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.setHeader("Cache-Control", "no-store");
    res.end(req.method === "HEAD" ? undefined : body);
  };
}
