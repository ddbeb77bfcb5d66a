import { afterEach, describe, expect, it, vi } from "vitest";
import { yieldToMain } from "../../../../src/assets/search/yield-to-main.ts";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("yieldToMain", () => {
  it("without scheduler.yield, ends the task: work queued before it runs before the code after it", async () => {
    const order: string[] = [];
    setTimeout(() => order.push("queued task"), 0);
    await Promise.resolve();
    order.push("after a microtask");
    await yieldToMain();
    order.push("after yielding");
    expect(order).toEqual(["after a microtask", "queued task", "after yielding"]);
  });

  it("uses the browser's scheduler.yield where there is one", async () => {
    const schedulerYield = vi.fn(() => Promise.resolve());
    vi.stubGlobal("scheduler", { yield: schedulerYield });
    await yieldToMain();
    expect(schedulerYield).toHaveBeenCalledOnce();
  });
});
