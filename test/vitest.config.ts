import { fileURLToPath } from "node:url";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

const shared: TestProjectInlineConfiguration["test"] = {
  pool: "forks",
  testTimeout: 60_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    root: fileURLToPath(new URL("..", import.meta.url)),
    // One fixture build for every quality gate (test/global-setup.ts).
    globalSetup: ["test/global-setup.ts"],
    projects: [
      {
        test: {
          ...shared,
          name: "node",
          include: ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts", "test/quality/**/*.test.ts"],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // After the node tests, one file at a time: Chromium and Lighthouse
        // get the CPU to themselves, so timings (and scores) are not starved.
        // A poll waits as a reader would, not vitest's 1 s: a search re-run
        // after Back took longer than that on a slowed build machine.
        test: {
          ...shared,
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
