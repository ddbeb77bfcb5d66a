/**
 * A small static server for built sites, honouring Netlify's headers,
 * redirects, pretty URLs and 404 page, and behaving as a static host does
 * where a local server is easily careless:
 *
 * - Every file is opened before anything is sent, and streamed from that
 *   handle: a file deleted between a look and a read is a 404, and an aborted
 *   download or a failed read closes the handle (no descriptor leaks).
 * - Only GET and HEAD; anything else is 405 with `Allow`.
 * - The security headers of netlify.toml go with every response, redirects
 *   and errors included.
 * - `_redirects`, `_headers`, the build's marker and other dotfiles are never
 *   served (`/.well-known/` is).
 * - The site may be a link swapped by each build (build/publish.ts): each
 *   request resolves it once and reads only from the build it found, and the
 *   redirects are read again when the build or its `_redirects` changes.
 * - A `Location` is always a path on this server, never `//host`.
 * - Text is gzip-compressed for clients that accept it, as Netlify's CDN
 *   does (content-encoding.ts).
 */
import { readFile, realpath, stat, open, type FileHandle } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import path from "node:path";
import { pipeline } from "node:stream";
import { createGzip } from "node:zlib";
import { PROJECT_ROOT } from "../util/project-root.ts";
import { complain, describeError } from "../util/terminal-text.ts";
import { acceptsGzip, isCompressible } from "./content-encoding.ts";
import { headersFor, parseNetlifyToml, parseRedirectsFile, redirectFor, type NetlifyConfig, type RedirectRule } from "./netlify-config.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".webmanifest": "application/manifest+json",
  ".woff2": "font/woff2",
};

const METHODS = "GET, HEAD";

export interface StaticServer {
  root: string;
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Files a static host keeps to itself: its configuration, and dotfiles but the well-known folder. */
export function isPrivatePath(pathname: string): boolean {
  const segments = pathname.split("/").filter(Boolean);
  if (segments.some((s, i) => s.startsWith(".") && !(i === 0 && s === ".well-known"))) return true;
  const first = segments[0]?.toLowerCase();
  return segments.length === 1 && (first === "_redirects" || first === "_headers");
}

/**
 * The request path decoded and normalised (`.`/`..` resolved, repeated `/`
 * collapsed), so what is looked up, matched and redirected to is one path
 * under the root; undefined when it cannot be decoded or holds a NUL.
 */
export function requestPath(rawUrl: string | undefined): { pathname: string; search: string } | undefined {
  let url: URL;
  let decoded: string;
  try {
    url = new URL(rawUrl ?? "/", "http://localhost");
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0")) return undefined;
  return { pathname: path.posix.normalize(`/${decoded}`), search: url.search };
}

/** A path as a `Location`: each segment escaped, so it always starts with exactly one `/`. */
const locationOf = (pathname: string): string => pathname.split("/").map(encodeURIComponent).join("/");

/** A redirect's target as sent: a rule may name another site in full, but a path never becomes `//host` or `/\host`. */
export function safeLocation(to: string): string {
  return /^[/\\]{2}|^\/\\/.test(to) ? `/${to.replace(/^[/\\]+/, "")}` : to;
}

interface Opened {
  handle: FileHandle;
  size: number;
  mtime: Date;
  file: string;
}

/** The file at `file`, opened, or undefined when there is none (or it is a folder). */
/** Whether `file`, its links followed, lies inside `dir` (a real path): Netlify publishes no link that leads out of the site. */
async function isInside(file: string, dir: string): Promise<boolean> {
  const real = await realpath(file).catch(() => undefined);
  return real !== undefined && real.startsWith(`${dir}${path.sep}`);
}

/** A file of the site folder `dir`, opened, or undefined when it is missing, not a file, or leads out of the folder. */
async function openFile(file: string, dir: string): Promise<Opened | undefined> {
  if (!(await isInside(file, dir))) return undefined;
  let handle: FileHandle;
  try {
    handle = await open(file, "r");
  } catch {
    return undefined;
  }
  try {
    const info = await handle.stat();
    if (info.isFile()) return { handle, size: info.size, mtime: info.mtime, file };
  } catch {
    // Treated as missing, below.
  }
  await handle.close();
  return undefined;
}

const hasIndex = async (folder: string, dir: string) =>
  (await isInside(folder, dir)) &&
  stat(path.join(folder, "index.html")).then(
    (s) => s.isFile(),
    () => false,
  );

/**
 * Whether an If-None-Match header names `etag`: a list, weak validators
 * (`W/"…"`, compared weakly as RFC 9110 asks for GET) and `*` included.
 */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const trimmed = tag.trim();
    return trimmed === "*" || trimmed.replace(/^W\//, "") === etag;
  });
}

/** A redirect's Location: the query string asked with goes along, as on Netlify, unless the rule's target has its own. */
export const withQuery = (to: string, search: string): string => (search && !to.includes("?") ? `${to}${search}` : to);

interface SiteState {
  /** The build folder the root resolves to now. */
  dir: string;
  redirects: RedirectRule[];
}

export async function startStaticServer(options: {
  root: string;
  port: number;
  host?: string;
  netlifyToml?: string;
}): Promise<StaticServer> {
  const root = path.resolve(options.root);
  const isDir = await stat(root).then(
    (s) => s.isDirectory(),
    () => undefined,
  );
  if (isDir === undefined) throw new Error(`Nothing to serve: ${root} does not exist. Run \`npm run build\` first.`);
  if (!isDir) throw new Error(`Nothing to serve: ${root} is a file, not a built site's folder.`);
  const config: NetlifyConfig = parseNetlifyToml(await readFile(options.netlifyToml ?? path.join(PROJECT_ROOT, "netlify.toml"), "utf8"));

  let cached: { key: string; state: SiteState } | undefined;
  /** The build the root points to now, with its redirects, read again when the build or its `_redirects` changed. */
  async function siteState(): Promise<SiteState | undefined> {
    const dir = await realpath(root).catch(() => undefined);
    if (!dir) return undefined;
    const file = path.join(dir, "_redirects");
    const info = await stat(file).catch(() => undefined);
    const key = `${dir}\0${info?.mtimeMs ?? ""}\0${info?.size ?? ""}`;
    if (cached?.key !== key) {
      const published = await readFile(file, "utf8").then(parseRedirectsFile, () => [] as RedirectRule[]);
      cached = { key, state: { dir, redirects: [...published, ...config.redirects] } };
    }
    return cached.state;
  }

  /** A response without a file: a redirect, an error. Security headers go with it too. */
  const reply = (res: ServerResponse, status: number, headerPath: string, extra: Record<string, string> = {}, text = "") => {
    res.writeHead(status, {
      ...headersFor(config.headers, headerPath),
      ...(text ? { "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(text) } : { "Content-Length": 0 }),
      ...extra,
    });
    res.end(text);
  };

  async function send(req: IncomingMessage, res: ServerResponse, opened: Opened, status: number, headerPath: string): Promise<void> {
    // A client that hung up while the file was opened has no socket left to stream to: piping into it throws and leaves the handle
    // open, and Node ends the process when it collects an open FileHandle.
    if (res.destroyed) return opened.handle.close();
    // A Content-Type from netlify.toml wins over the extension's, as on Netlify.
    const typed: Record<string, string> = {
      "Content-Type": TYPES[path.extname(opened.file)] ?? "application/octet-stream",
      ...headersFor(config.headers, headerPath),
    };
    const compressible = isCompressible(typed["Content-Type"] ?? "");
    const gzip = compressible && acceptsGzip(req.headers["accept-encoding"]);
    // Each encoding is a different representation, so it has its own validator.
    const etag = `"${opened.size.toString(16)}-${opened.mtime.getTime().toString(16)}${gzip ? "-gzip" : ""}"`;
    const headers = {
      ...typed,
      ...(compressible ? { Vary: "Accept-Encoding" } : {}),
      ...(gzip ? { "Content-Encoding": "gzip" } : {}),
      ETag: etag,
    };
    if (status === 200 && matchesEtag(req.headers["if-none-match"], etag)) {
      await opened.handle.close();
      res.writeHead(304, headers).end();
      return;
    }
    // A compressed length is known only once compressed: such a body is sent in chunks.
    res.writeHead(status, gzip ? headers : { ...headers, "Content-Length": opened.size });
    if (req.method === "HEAD") {
      await opened.handle.close();
      res.end();
      return;
    }
    // The stream owns the handle from here: it closes it when done, failed or cut off by the client.
    const file = opened.handle.createReadStream({ autoClose: true });
    if (gzip) pipeline(file, createGzip(), res, () => {});
    else pipeline(file, res, () => {});
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== "GET" && req.method !== "HEAD") return reply(res, 405, "/", { Allow: METHODS }, "Method not allowed");
    const asked = requestPath(req.url);
    if (!asked) return reply(res, 400, "/", {}, "Bad request");
    const { pathname, search } = asked;
    const site = await siteState();
    if (!site) return reply(res, 503, pathname, { "Retry-After": "1" }, "No site is built here yet");

    const notFound = async () => {
      const page = await openFile(path.join(site.dir, "404.html"), site.dir);
      if (page) return send(req, res, page, 404, "/404.html");
      return reply(res, 404, pathname, {}, "Not found");
    };
    if (isPrivatePath(pathname)) return notFound();

    const target = path.join(site.dir, pathname);
    // Files win over redirects, as with Netlify's default (non-forced) rules.
    const direct = await openFile(pathname.endsWith("/") ? path.join(target, "index.html") : target, site.dir);
    if (direct) return send(req, res, direct, 200, pathname);
    if (!pathname.endsWith("/") && (await hasIndex(target, site.dir)))
      return reply(res, 301, pathname, { Location: `${locationOf(pathname)}/${search}` });
    const redirect = redirectFor(site.redirects, pathname);
    if (redirect) return reply(res, redirect.status, pathname, { Location: withQuery(safeLocation(redirect.to), search) });
    return notFound();
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      complain(`npm run serve: ${req.method} ${req.url}: ${describeError(error)}`);
      if (!res.headersSent) reply(res, 500, "/", {}, "Internal error");
      else res.destroy();
    });
  });

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`Port ${options.port} on ${host} is in use, by another server perhaps: choose another with --port N.`)
          : error,
      ),
    );
    server.listen(options.port, host, resolve);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    root,
    port,
    url: `http://localhost:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
