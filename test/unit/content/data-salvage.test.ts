import { describe, expect, it } from "vitest";
import { z } from "zod";
import { salvage } from "../../../scripts/lib/content/data-salvage.ts";

const settings = z.strictObject({ zone: z.string(), size: z.int().min(10).default(60), label: z.string().default("") });
const people = z.record(z.string(), z.strictObject({ name: z.string(), url: z.url().optional() }));
const list = z.array(z.strictObject({ id: z.string(), name: z.string() })).min(1);

/** What salvage makes of `data`, given the issues the schema finds in it. */
function saved<S extends z.ZodType>(schema: S, data: unknown): z.output<S> | undefined {
  const result = schema.safeParse(data);
  if (result.success) throw new Error("the data is valid");
  return salvage(schema, data, result.error.issues);
}

describe("what is left of a data file without its invalid values", () => {
  it("drops an invalid optional value or an unknown field, so its default applies", () => {
    expect(saved(settings, { zone: "UTC", size: 5, colour: "red" })).toEqual({ zone: "UTC", size: 60, label: "" });
  });

  it("drops the whole entry only where dropping its value does not do, and keeps its neighbours", () => {
    expect(saved(people, { ada: { name: "Ada", url: "nope" }, ben: { bio: "x" }, cy: { name: "Cy" } })).toEqual({
      ada: { name: "Ada" },
      cy: { name: "Cy" },
    });
    expect(saved(list, [{ id: "a" }, { id: "b", name: "B" }, { id: "c", name: 3 }])).toEqual([{ id: "b", name: "B" }]);
  });

  it("gives up when a required setting or the file as a whole is invalid", () => {
    expect(saved(settings, { zone: 3, size: 5 })).toBeUndefined();
    expect(saved(list, [{ id: "a" }])).toBeUndefined();
    expect(saved(settings, "text")).toBeUndefined();
  });
});
