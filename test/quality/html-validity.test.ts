import { readdir } from "node:fs/promises";
import { expect, inject, it } from "vitest";
import { nuCheck, unexcused } from "../helpers/nu-checker.ts";

it("every page of the fixture build is valid HTML with no warning (Nu HTML Checker)", async () => {
  const site = inject("fixtureSite");
  const pages = (await readdir(site, { recursive: true })).filter((f) => f.endsWith(".html"));
  expect(pages.length).toBeGreaterThanOrEqual(6);
  expect(unexcused(await nuCheck([site]), site)).toEqual([]);
});
