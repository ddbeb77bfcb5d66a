import { vi } from "vitest";

/**
 * Retries an assertion until it passes, or throws its last failure after
 * 15 s: for what a build finishes after it exits (removing the site it
 * replaced, in a process of its own, which a loaded machine starts slowly).
 */
export const eventually = (assertion: () => void | Promise<void>): Promise<void> =>
  vi.waitFor(assertion, { timeout: 15_000, interval: 50 });
