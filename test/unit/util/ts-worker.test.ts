import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { startTsWorker } from "../../../scripts/lib/util/ts-worker.ts";

const fixture = (name: string) => new URL(`../../fixtures/workers/${name}`, import.meta.url);

describe("startTsWorker", () => {
  it("runs a TypeScript module in a worker thread with the data it is given", async () => {
    const worker = startTsWorker(fixture("double.ts"), { numbers: [1, 2, 3] });
    const [message] = (await once(worker, "message")) as [number[]];
    expect(message).toEqual([2, 4, 6]);
    await worker.terminate();
  });

  it("reports a module that throws as the worker's error", async () => {
    const worker = startTsWorker(fixture("fails.ts"), {});
    const [error] = (await once(worker, "error")) as [Error];
    expect(error.message).toContain("the worker failed on purpose");
  });
});
