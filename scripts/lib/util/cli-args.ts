/**
 * Command lines of the npm scripts: a mistyped option, a missing value or a
 * value that is not what the option takes gets the reason and the usage, and
 * exit status 2, never a stack trace.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { complain } from "./terminal-text.ts";

/** The exit status of a command whose command line could not be understood. */
export const USAGE_EXIT = 2;

/** Prints `message` and `usage`, and exits. */
export function usageError(message: string, usage: string): never {
  complain(`${message}\n${usage}`);
  process.exit(USAGE_EXIT);
}

const isParseArgsError = (error: unknown): error is Error =>
  error instanceof Error && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS");

/** `parseArgs` over this process's arguments; what it cannot parse is a usage error. */
export function parseCommandLine<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    if (isParseArgsError(error)) usageError(error.message, usage);
    throw error;
  }
}

/** A whole number of at least `min` given for `--option`, or undefined when the option was left out. */
export function wholeNumber(option: string, value: string | undefined, min: number, usage: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isInteger(n) || n < min)
    usageError(`--${option}: expected a whole number of at least ${min} (got ${JSON.stringify(value)})`, usage);
  return n;
}
