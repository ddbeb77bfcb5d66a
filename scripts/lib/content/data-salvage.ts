/**
 * What is left of a data file once its invalid values are taken out. The
 * file's own problems already stop the build; what is left lets the build
 * go on checking what depends on the file, so one mistyped setting or one
 * author's bad address does not hide every article's problems behind it.
 * An invalid optional value is dropped (its default then applies); an entry
 * whose required value is invalid goes whole; a file whose required setting
 * is invalid is beyond saving.
 */
import type { z } from "zod";

type Path = readonly PropertyKey[];

/** Where each issue lies; a field the schema does not know lies at its own key. */
function issuePaths(issues: readonly z.core.$ZodIssue[]): Path[] {
  return issues.flatMap((issue) => (issue.code === "unrecognized_keys" ? issue.keys.map((key) => [...issue.path, key]) : [issue.path]));
}

const isContainer = (value: unknown): value is Record<PropertyKey, unknown> => typeof value === "object" && value !== null;

/** A copy of `data` without the values at `paths` (list items removed, not left as holes). */
function without(data: unknown, paths: readonly Path[]): unknown {
  const copy: unknown = structuredClone(data);
  const cut = new Map<unknown[], Set<number>>();
  for (const path of paths) {
    let parent: unknown = copy;
    for (const key of path.slice(0, -1)) parent = isContainer(parent) ? parent[key] : undefined;
    const last = path.at(-1);
    if (Array.isArray(parent) && typeof last === "number") cut.set(parent, (cut.get(parent) ?? new Set()).add(last));
    else if (isContainer(parent) && last !== undefined) delete parent[last];
  }
  for (const [list, indexes] of cut) {
    const kept = list.filter((_, i) => !indexes.has(i));
    list.splice(0, list.length, ...kept);
  }
  return copy;
}

/** Rounds of taking values out before giving up: each round takes out at least one, each a level higher than the last try at its place. */
const ROUNDS = 16;

/**
 * The schema's output for `data` with the invalid values at `issues` taken
 * out: each value itself first, then, where that does not do, the value
 * holding it, up to the file's top level. Undefined when even that fails.
 */
export function salvage<S extends z.ZodType>(schema: S, data: unknown, issues: readonly z.core.$ZodIssue[]): z.output<S> | undefined {
  const tried = new Set<string>();
  const key = (path: Path) => JSON.stringify(path.map(String));
  let current = data;
  let found = issues;
  for (let round = 0; round < ROUNDS; round++) {
    const paths = issuePaths(found).map((path) => {
      let at = path;
      while (at.length > 1 && tried.has(key(at))) at = at.slice(0, -1);
      return at;
    });
    if (paths.some((path) => path.length === 0 || tried.has(key(path)))) return undefined;
    for (const path of paths) tried.add(key(path));
    current = without(current, paths);
    const result = schema.safeParse(current);
    if (result.success) return result.data;
    found = result.error.issues;
  }
  return undefined;
}
