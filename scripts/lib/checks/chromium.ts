/** Where a system Chromium is, for the browser tests and `npm run lighthouse`. */
import { accessSync, constants, statSync } from "node:fs";

const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  process.env.CHROME_PATH,
  "/usr/lib/chromium/chromium",
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
];

function isExecutableFile(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

export function findChromium(): string | undefined {
  return CANDIDATES.find((p): p is string => !!p && isExecutableFile(p));
}
