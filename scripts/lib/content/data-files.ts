/** The `_data/` files: each read, parsed as YAML and checked against its schema, problems collected. */
import { lstat, readFile } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import type { Problem } from "./content-error.ts";
import { DATA_DIR, dataBytes, type ContentRead } from "./content-files.ts";
import { salvage } from "./data-salvage.ts";
import { parseYaml } from "./front-matter.ts";
import { problemsFromZod } from "./schema-problems.ts";
import { controlProblemInText, controlProblemsInData, decodeContent } from "./text-hygiene.ts";

/**
 * One `_data/` file, validated; problems are collected, never thrown. A file
 * with invalid values gives what is valid of it (data-salvage.ts) beside its
 * problems, so what depends on it is still checked; undefined when it cannot
 * be read, decoded or parsed, or its required settings are invalid.
 */
export async function readDataFile<S extends z.ZodType>(
  root: string,
  name: string,
  schema: S,
  problems: Problem[],
  read?: ContentRead,
): Promise<z.output<S> | undefined> {
  const file = `${DATA_DIR}/${name}`;
  let bytes: Uint8Array;
  try {
    // A link is not followed, as content-files.ts does not follow it: the dev server reads what a build reads.
    if (!read && (await lstat(path.join(root, file))).isSymbolicLink()) throw new Error("a link");
    bytes = read ? dataBytes(read, file) : await readFile(path.join(root, file));
  } catch {
    // Reported, with its reason, where it was read.
    if (read?.unreadable.some((p) => p.file === file)) return undefined;
    problems.push({ file, field: "(file)", message: "cannot be read", expected: `a YAML file at ${file}` });
    return undefined;
  }
  const decoded = decodeContent(file, bytes);
  if (!decoded.ok) {
    problems.push(decoded.problem);
    return undefined;
  }
  const text = decoded.text;
  const parsed = parseYaml(file, text);
  // By field where the YAML parses (escapes such as "\v" included), else by line and column.
  const inValues = parsed.ok ? controlProblemsInData(file, parsed.data) : [];
  const inText = inValues.length ? undefined : controlProblemInText(file, "(file)", text);
  problems.push(...inValues, ...(inText ? [inText] : []));
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return undefined;
  }
  const result = schema.safeParse(parsed.data);
  if (!result.success) {
    problems.push(...problemsFromZod(file, result.error, parsed.data, schema));
    return salvage(schema, parsed.data, result.error.issues);
  }
  return result.data;
}
