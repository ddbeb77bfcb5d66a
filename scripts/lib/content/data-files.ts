/** The `_data/` files: each read, parsed as YAML and checked against its schema, problems collected. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import type { Problem } from "./content-error.ts";
import { DATA_DIR, snapshotBytes, type ContentSnapshot } from "./content-files.ts";
import { parseYaml } from "./front-matter.ts";
import { problemsFromZod } from "./schema-problems.ts";

/** One `_data/` file, validated; problems are collected, never thrown. */
export async function readDataFile<S extends z.ZodType>(
  root: string,
  name: string,
  schema: S,
  problems: Problem[],
  snapshot?: ContentSnapshot,
): Promise<z.output<S> | undefined> {
  const file = `${DATA_DIR}/${name}`;
  let text: string;
  try {
    text = snapshot ? snapshotBytes(snapshot, file).toString("utf8") : await readFile(path.join(root, file), "utf8");
  } catch {
    problems.push({ file, field: "(file)", message: "cannot be read", expected: `a YAML file at ${file}` });
    return undefined;
  }
  const parsed = parseYaml(file, text);
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return undefined;
  }
  const result = schema.safeParse(parsed.data);
  if (!result.success) {
    problems.push(...problemsFromZod(file, result.error, parsed.data));
    return undefined;
  }
  return result.data;
}
