/**
 * `npm run serve`: serves the built site on localhost with the headers and
 * redirects Netlify would apply. No network needed; PORT sets the port.
 *   --dir DIR   the site to serve (default _site)
 */
import { parseArgs } from "node:util";
import { startStaticServer } from "./lib/serve/static-server.ts";

const { values } = parseArgs({ options: { dir: { type: "string", default: "_site" } } });
const port = Number.parseInt(process.env.PORT ?? "8080", 10);
const server = await startStaticServer({ root: values.dir ?? "_site", port });
console.log(`Serving ${server.root} at ${server.url} (Ctrl+C to stop)`);
