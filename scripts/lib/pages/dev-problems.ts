/**
 * What the dev server shows while the content has problems. A save that
 * breaks the content leaves the preview on the last good content, so an
 * author looking at the browser would see nothing wrong: instead, every page
 * a browser navigates to is a page listing the problems, file, field and
 * what is expected, as the terminal does. The dev server's reload script,
 * which it adds to every HTML response, brings the page back once a save
 * fixes them. Scripts fetching the site's files (search) and direct requests
 * for files are served as before.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Problem } from "../content/content-error.ts";
import { escapeHtml } from "../util/html.ts";

/** The content's problems as the last load found them; none once a load succeeds. */
export class ContentProblems {
  #problems: readonly Problem[] = [];

  get current(): readonly Problem[] {
    return this.#problems;
  }

  found(problems: readonly Problem[]): void {
    this.#problems = problems;
  }

  cleared(): void {
    this.#problems = [];
  }
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

/** The page listing `problems`: self-contained (no stylesheet, no script of its own), legible in light and dark. */
export function problemsPage(problems: readonly Problem[]): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>The content has ${count(problems.length)}: preview</title>
<style>
body { font: 1rem/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 48rem; padding: 1.5rem; overflow-wrap: anywhere; }
h1 { font-size: 1.5rem; }
li { margin-block-end: 1rem; }
li p { margin: 0; }
code { font-size: 0.95em; }
</style>
</head>
<body>
<main>
<h1>The content has ${count(problems.length)}</h1>
<p>Fix ${problems.length === 1 ? "it" : "them"} and save: this page then shows the site again by itself. Until then the preview keeps the last content that built.</p>
<ol>
${problems.map(problemItem).join("\n")}
</ol>
</main>
</body>
</html>
`;
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

/** Dev server middleware: while `problems` has any, a browser opening a page gets the page listing them. */
export function problemsMiddleware(problems: ContentProblems): Middleware {
  return (req, res, next) => {
    const found = problems.current;
    if (found.length === 0 || !opensPage(req)) return next();
    const body = problemsPage(found);
    res.statusCode = 500;
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.setHeader("Cache-Control", "no-store");
    res.end(req.method === "HEAD" ? undefined : body);
  };
}
