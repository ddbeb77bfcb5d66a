import { describe, expect, it } from "vitest";
import { measuredRun, waitedChildrenCpuSeconds } from "../../../scripts/lib/bench/measured-run.ts";

const onLinux = process.platform === "linux";

describe("waitedChildrenCpuSeconds", () => {
  it("reads cutime and cstime past a command name holding spaces and parentheses", () => {
    // Fields 3–17 of /proc/<pid>/stat: state … utime stime cutime cstime, in ticks of 1/100 s.
    const stat = "4242 (node (bench) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 700 300 1234 566 20 0 1 0";
    expect(waitedChildrenCpuSeconds(stat)).toBeCloseTo(18.0, 5);
  });

  it("is null for a stat it cannot read", () => {
    expect(waitedChildrenCpuSeconds("garbage")).toBeNull();
  });
});

describe.runIf(onLinux)("measuredRun's CPU time", () => {
  it("counts a child's busy time and its own child's, and not time spent waiting", async () => {
    // The child spins for 0.6 s of CPU in a grandchild it waits for, then sleeps 0.8 s.
    const spin = "let x = 0; while (process.cpuUsage().user < 600_000) for (let i = 0; i < 1e6; i++) x += i;";
    const child = `require("node:child_process").execFileSync(process.execPath, ["-e", ${JSON.stringify(spin)}]); setTimeout(() => {}, 800);`;
    // Twice: each run counts its own time, not the runs' before it.
    for (let i = 0; i < 2; i++) {
      const run = await measuredRun(process.execPath, ["-e", child]);
      expect(run.code).toBe(0);
      expect(run.seconds).toBeGreaterThan(1.3);
      expect(run.cpuSeconds).not.toBeNull();
      expect(run.cpuSeconds ?? 0).toBeGreaterThan(0.55);
      // Two Node start-ups and the spin, but not the sleep.
      expect(run.cpuSeconds ?? Infinity).toBeLessThan(run.seconds - 0.5);
    }
  });
});
