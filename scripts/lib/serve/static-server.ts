/** A small static server for built sites, honouring Netlify's headers, redirects, pretty URLs and 404 page. */
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { PROJECT_ROOT } from "../util/project-root.ts";
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

export interface StaticServer {
  root: string;
  url: string;
  port: number;
  close(): Promise<void>;
}

async function fileAt(p: string): Promise<{ path: string; size: number; mtime: Date } | undefined> {
  try {
    const s = await stat(p);
    return s.isFile() ? { path: p, size: s.size, mtime: s.mtime } : undefined;
  } catch {
    return undefined;
  }
}

async function isDir(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

export async function startStaticServer(options: {
  root: string;
  port: number;
  host?: string;
  netlifyToml?: string;
}): Promise<StaticServer> {
  const root = path.resolve(options.root);
  if (!(await isDir(root))) throw new Error(`Nothing to serve: ${root} does not exist. Run \`npm run build\` first.`);
  const config: NetlifyConfig = parseNetlifyToml(await readFile(options.netlifyToml ?? path.join(PROJECT_ROOT, "netlify.toml"), "utf8"));
  const published = await readFile(path.join(root, "_redirects"), "utf8").then(parseRedirectsFile, () => [] as RedirectRule[]);
  const redirects = [...published, ...config.redirects];

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      let pathname: string;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        res.writeHead(400).end("Bad request");
        return;
      }
      const send = async (file: { path: string; size: number; mtime: Date }, status: number, headerPath: string) => {
        const etag = `"${file.size.toString(16)}-${file.mtime.getTime().toString(16)}"`;
        // A Content-Type from netlify.toml wins over the extension's, as on Netlify.
        const headers = {
          "Content-Type": TYPES[path.extname(file.path)] ?? "application/octet-stream",
          ...headersFor(config.headers, headerPath),
          ETag: etag,
        };
        if (status === 200 && req.headers["if-none-match"] === etag) {
          res.writeHead(304, headers).end();
          return;
        }
        res.writeHead(status, { ...headers, "Content-Length": file.size });
        if (req.method === "HEAD") res.end();
        else createReadStream(file.path).pipe(res);
      };

      const target = path.join(root, pathname);
      // The separator matters: `/srv/_site-old` starts with `/srv/_site` too.
      if (target !== root && !target.startsWith(root + path.sep)) {
        res.writeHead(403).end("Forbidden");
        return;
      }
      // Files win over redirects, as with Netlify's default (non-forced) rules.
      const direct = (await fileAt(target)) ?? (pathname.endsWith("/") ? await fileAt(path.join(target, "index.html")) : undefined);
      if (direct) return send(direct, 200, pathname);
      if (!pathname.endsWith("/") && (await fileAt(path.join(target, "index.html")))) {
        res.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
        return;
      }
      const redirect = redirectFor(redirects, pathname);
      if (redirect) {
        res.writeHead(redirect.status, { ...headersFor(config.headers, pathname), Location: redirect.to }).end();
        return;
      }
      const notFound = await fileAt(path.join(root, "404.html"));
      if (notFound) return send(notFound, 404, "/404.html");
      res.writeHead(404, { "Content-Type": "text/plain" }).end("Not found");
    })().catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500).end("Internal error");
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", resolve);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    root,
    port,
    url: `http://localhost:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
