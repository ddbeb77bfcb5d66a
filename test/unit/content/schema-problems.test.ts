import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldsAt } from "../../../scripts/lib/content/schema-problems.ts";

describe("the fields a schema takes at a path", () => {
  const schema = z.strictObject({
    title: z.string(),
    image: z.strictObject({ src: z.string(), alt: z.string() }).optional(),
    links: z.array(z.union([z.strictObject({ url: z.string() }), z.strictObject({ text: z.string(), url: z.string() })])).default([]),
    byline: z
      .string()
      .transform((s) => ({ name: s }))
      .pipe(z.strictObject({ name: z.string() })),
  });

  it("reads an object's fields through optional and default values, list items and a union's options", () => {
    expect(fieldsAt(schema, [])).toEqual(["title", "image", "links", "byline"]);
    expect(fieldsAt(schema, ["image"])).toEqual(["src", "alt"]);
    expect(fieldsAt(schema, ["links", 3])).toEqual(["url", "text"]);
  });

  it("gives none where the path leads to no object, or past the schema", () => {
    expect(fieldsAt(schema, ["title"])).toEqual([]);
    expect(fieldsAt(schema, ["byline"])).toEqual([]);
    expect(fieldsAt(schema, ["nosuch", "deeper"])).toEqual([]);
  });
});
