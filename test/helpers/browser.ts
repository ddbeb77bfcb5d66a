/**
 * Headless Chromium for browser tests. Locally the tests skip when no
 * Chromium is installed; in CI (CI=true) a missing browser is a failure.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext } from "playwright-core";
import { findChromium } from "../../scripts/lib/checks/chromium.ts";

export const chromiumPath: string | undefined = findChromium();

if (!chromiumPath && process.env.CI) {
  throw new Error(
    "CI=true but no Chromium was found: browser tests cannot run. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.",
  );
}

/** `describe.skipIf(!hasBrowser)` locally; always true in CI (the import above throws otherwise). */
export const hasBrowser = chromiumPath !== undefined;

// Flags that keep Chromium from reaching for the (closed) network on start.
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
  "--disable-dev-shm-usage",
];

export async function launch(
  options: {
    colorScheme?: "light" | "dark";
    width?: number;
    height?: number;
    javaScriptEnabled?: boolean;
    /** Keep pages out of the back/forward cache, so Back loads them again as a browser that evicted them would. */
    noBackForwardCache?: boolean;
  } = {},
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!chromiumPath) throw new Error("no Chromium");
  const userDataDir = await mkdtemp(path.join(tmpdir(), "broadsheet-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: options.noBackForwardCache ? [...ARGS, "--disable-features=BackForwardCache"] : ARGS,
    colorScheme: options.colorScheme ?? "light",
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
