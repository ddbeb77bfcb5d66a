import { describe, expect, it } from "vitest";
import { PAGEFIND_ALLOCATOR, pagefindEnv } from "../../../scripts/lib/search/pagefind-env.ts";

describe("pagefindEnv", () => {
  it("gives a run its threads and the allocator settings, keeping the rest of the environment", () => {
    const env = pagefindEnv(3, { PATH: "/usr/bin", HOME: "/home/site" });
    expect(env).toEqual({ RAYON_NUM_THREADS: "3", _RJEM_MALLOC_CONF: PAGEFIND_ALLOCATOR, PATH: "/usr/bin", HOME: "/home/site" });
  });

  it("lets the operator's own settings win", () => {
    const env = pagefindEnv(1, { RAYON_NUM_THREADS: "8", _RJEM_MALLOC_CONF: "narenas:1" });
    expect(env.RAYON_NUM_THREADS).toBe("8");
    expect(env._RJEM_MALLOC_CONF).toBe("narenas:1");
  });
});
