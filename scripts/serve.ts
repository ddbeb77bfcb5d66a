/**
 * `npm run serve`: serves the built site on localhost with the headers and
 * redirects Netlify would apply. No network needed.
 *   --dir DIR     the site to serve (default _site; a build's link is followed on every request)
 *   --port N      the port (default PORT, else 8080)
 *   --host HOST   the address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 for every interface)
 */
import { startStaticServer } from "./lib/serve/static-server.ts";
import { MAX_PORT, parseCommandLine, usageError, wholeNumber } from "./lib/util/cli-args.ts";
import { complain, say } from "./lib/util/terminal-text.ts";

const USAGE = "Usage: npm run serve [-- --dir DIR] [--port N] [--host HOST]";
const { values, positionals } = parseCommandLine(
  {
    allowPositionals: true,
    options: { dir: { type: "string", default: "_site" }, port: { type: "string" }, host: { type: "string", default: "127.0.0.1" } },
  },
  USAGE,
);
if (positionals.length) usageError(`Unexpected argument: ${positionals.join(" ")}`, USAGE);
const port = wholeNumber("port", values.port ?? process.env.PORT ?? "8080", 0, USAGE, MAX_PORT) ?? 8080;
try {
  const server = await startStaticServer({ root: values.dir, port, host: values.host });
  const where = values.host === "127.0.0.1" || values.host === "localhost" ? "" : ` (listening on ${values.host})`;
  say(`Serving ${server.root} at ${server.url}${where} (Ctrl+C to stop)`);
} catch (error) {
  complain(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
