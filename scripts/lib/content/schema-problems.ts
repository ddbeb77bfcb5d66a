import { z } from "zod";
import { didYouMean } from "../../../src/assets/did-you-mean.ts";
import { describeValue, type Problem } from "./content-error.ts";

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function whatIsWrong(issue: z.core.$ZodIssue, value: unknown): string {
  if (value === undefined && (issue.code === "invalid_type" || issue.code === "invalid_union")) return "is missing";
  switch (issue.code) {
    case "invalid_type":
    case "invalid_union":
      return "has the wrong type";
    case "too_small":
      if (typeof value === "string" && value.trim() === "") return "is empty";
      return issue.origin === "string" ? "is too short" : issue.origin === "array" ? "has too few items" : "is too small";
    case "too_big":
      return issue.origin === "string" ? "is too long" : issue.origin === "array" ? "has too many items" : "is too large";
    case "invalid_format":
    case "invalid_value":
      return "is not valid";
    default:
      return "is not valid";
  }
}

const TYPE_WORDS: Record<string, string> = {
  string: "text",
  array: "a list",
  object: "a set of `key: value` fields",
  boolean: "true or false",
  number: "a number",
  int: "a whole number",
};

/** What a bound on a number, text or list asks for, in words: "a number of at least 10", "text of at most 80 characters". */
function boundWords(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === "too_small";
  const bound = small ? issue.minimum : issue.maximum;
  const exclusive = issue.inclusive === false;
  const plural = Number(bound) === 1 ? "" : "s";
  const counted = `${small ? (exclusive ? "more than" : "at least") : exclusive ? "fewer than" : "at most"} ${bound}`;
  if (issue.origin === "string") return `text of ${counted} character${plural}`;
  if (issue.origin === "array" || issue.origin === "set") return `a list of ${counted} item${plural}`;
  return `a number ${small ? (exclusive ? "greater than" : "of at least") : exclusive ? "less than" : "of at most"} ${bound}`;
}

/** Our schemas phrase messages as "expected …"; zod's own defaults ("Invalid input: …", "Too small: …") are reworded. */
function expectation(issue: z.core.$ZodIssue): string {
  if (/^expected\s/i.test(issue.message)) return issue.message.replace(/^expected\s+/i, "");
  if (issue.code === "invalid_type") return TYPE_WORDS[issue.expected] ?? issue.expected;
  if (issue.code === "too_small" || issue.code === "too_big") return boundWords(issue);
  return issue.message;
}

/**
 * The fields an object at `path` of `schema` takes, read from the schema
 * itself (through optional, default and piped values, list items and the
 * options of a union), so a mistyped field can be told the one it meant.
 */
export function fieldsAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  if (schema instanceof z.ZodObject) {
    if (!path.length) return Object.keys(schema.shape);
    const field = schema.shape[String(path[0])];
    return field ? fieldsAt(field, path.slice(1)) : [];
  }
  if (schema instanceof z.ZodArray) return path.length ? fieldsAt(schema.element, path.slice(1)) : [];
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault)
    return fieldsAt(schema.unwrap(), path);
  if (schema instanceof z.ZodPipe) return fieldsAt(schema.in, path);
  if (schema instanceof z.ZodUnion) return [...new Set(schema.options.flatMap((option) => fieldsAt(option, path)))];
  return [];
}

/**
 * Turns a zod error into problems a person can act on: one line per issue,
 * naming the field, what is wrong, what was found and what is expected.
 * Schemas phrase their messages as "expected …"; custom checks carry their
 * own complaint and put the expectation in `params.expected`.
 */
export function problemsFromZod(file: string, error: z.ZodError, input: unknown, schema: z.core.$ZodType): Problem[] {
  const problems: Problem[] = [];
  const field = (path: readonly PropertyKey[]) => path.map(String).join(".") || "(file)";
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      const known = fieldsAt(schema, issue.path);
      for (const key of issue.keys) {
        const suggestion = didYouMean(key, known);
        problems.push({
          file,
          field: field([...issue.path, key]),
          message: suggestion ? `is not a known field; did you mean \`${suggestion}\`?` : "is not a known field",
          ...(known.length ? { expected: `one of ${known.join(", ")}` } : {}),
        });
      }
      continue;
    }
    if (issue.code === "invalid_key") {
      // A map's key (an author id) that breaks its rule: the key is what is wrong, not the fields under it.
      const [rule] = issue.issues;
      problems.push({
        file,
        field: field(issue.path),
        message: "is not a valid id",
        got: describeValue(issue.path.at(-1)),
        ...(rule ? { expected: expectation(rule) } : {}),
      });
      continue;
    }
    const custom = issue.code === "custom";
    // Where the path does not lead into the source (a single `authors: id` read as a list), show what the check saw.
    const value = valueAt(input, issue.path) ?? (custom && "input" in issue ? issue.input : undefined);
    const expectedParam = custom ? (issue.params as { expected?: unknown } | undefined)?.expected : undefined;
    const expected = custom ? (typeof expectedParam === "string" ? expectedParam : undefined) : expectation(issue);
    problems.push({
      file,
      field: field(issue.path),
      message: custom ? issue.message : whatIsWrong(issue, value),
      got: describeValue(value),
      ...(expected !== undefined ? { expected } : {}),
    });
  }
  return problems;
}
