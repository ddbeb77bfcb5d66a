/** The shared fixture build (test/global-setup.ts), served as `npm run serve` serves it: Netlify's headers, redirects and 404. */
import { inject } from "vitest";
import { startStaticServer, type StaticServer } from "../../scripts/lib/serve/static-server.ts";

export function serveFixtureSite(): Promise<StaticServer> {
  return startStaticServer({ root: inject("fixtureSite"), port: 0 });
}
