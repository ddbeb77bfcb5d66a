import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: fileURLToPath(new URL("..", import.meta.url)),
    include: ["test/**/*.test.ts"],
    // Builds run Eleventy with a TypeScript config, which needs tsx in the worker.
    execArgv: ["--import", "tsx"],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
