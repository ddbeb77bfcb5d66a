/**
 * A content problem is reported, never thrown one at a time: loaders collect
 * every problem across all files so an author fixes them in one pass.
 */
import { terminalSafe } from "../util/terminal-text.ts";

export interface Problem {
  /** Path relative to the content root, e.g. `src/articles/2025-03-12-x.md`. */
  file: string;
  /** Dotted field path, e.g. `image.alt`; `(file)` for whole-file problems. */
  field: string;
  message: string;
  got?: string;
  expected?: string;
}

export function formatProblem(p: Problem): string {
  const detail = [p.got !== undefined ? `got ${p.got}` : "", p.expected !== undefined ? `expected ${p.expected}` : ""]
    .filter(Boolean)
    .join(", ");
  // A problem may quote what it found (a key, a value): shown anywhere, it must not carry a control character.
  return terminalSafe(`${p.file}: ${p.field}: ${p.message}${detail ? ` (${detail})` : ""}`);
}

/** What parsing one file gave: its value, unless a problem stopped it, and every problem found. */
export interface Parsed<T> {
  value: T | undefined;
  problems: Problem[];
}

/** Thrown once, after collection, when any problem was found. */
export class ContentError extends Error {
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    const sorted = [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.field.localeCompare(b.field));
    const noun = sorted.length === 1 ? "problem" : "problems";
    super(`Content has ${sorted.length} ${noun}:\n${sorted.map((p) => `  ${formatProblem(p)}`).join("\n")}`);
    this.name = "ContentError";
    this.problems = sorted;
  }
}

/** Short, single-line rendering of a received value for messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") {
    const oneLine = value.replace(/\s+/g, " ");
    return JSON.stringify(oneLine.length > 40 ? `${oneLine.slice(0, 39)}…` : oneLine);
  }
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value instanceof Date) return `a date (${value.toISOString()})`;
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}
