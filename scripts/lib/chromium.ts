/** Where a system Chromium is, for the browser tests and `npm run lighthouse`. */
import { existsSync } from "node:fs";

const CANDIDATES = [process.env.CHROMIUM_PATH, process.env.CHROME_PATH, "/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export function findChromium(): string | undefined {
  return CANDIDATES.find((p): p is string => !!p && existsSync(p));
}
