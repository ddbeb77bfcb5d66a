import { describe, expect, it } from "vitest";
import { boundedQueue } from "../../../scripts/lib/util/bounded-queue.ts";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("a bounded work queue", () => {
  it("works on every item in arrival order, never more than the limit at once", async () => {
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const queue = boundedQueue(3, async (item: number, index) => {
      expect(index).toBe(item);
      started.push(item);
      most = Math.max(most, ++running);
      await tick();
      running--;
    });
    queue.push([0, 1, 2, 3, 4]);
    queue.push([5, 6, 7, 8, 9]);
    await queue.done();
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(most).toBe(3);
  });

  it("settles done() with the first failure and starts nothing after it", async () => {
    const started: number[] = [];
    const queue = boundedQueue(1, async (item: number) => {
      started.push(item);
      await tick();
      if (item === 2) throw new Error("item 2 failed");
    });
    queue.push([1, 2, 3, 4]);
    await expect(queue.done()).rejects.toThrow("item 2 failed");
    expect(started).toEqual([1, 2]);
  });

  it("lets a producer wait for what it pushed so far, however many wait, and go on pushing", async () => {
    const finished: number[] = [];
    const queue = boundedQueue(2, async (item: number) => {
      await tick();
      finished.push(item);
    });
    queue.push([1, 2, 3]);
    await Promise.all([queue.done(), queue.done()]);
    expect(finished).toEqual([1, 2, 3]);
    const items = Array.from({ length: 3000 }, (_, i) => i);
    queue.push(items);
    await queue.done();
    expect(finished.slice(3)).toEqual(items);
  });

  it("is done at once when nothing was queued", async () => {
    await expect(boundedQueue(2, async () => {}).done()).resolves.toBeUndefined();
  });
});
