/**
 * Command lines of the npm scripts: a mistyped option, a missing value or a
 * value that is not what the option takes gets the reason and the usage, and
 * exit status 2, never a stack trace; `--help` (or `-h`) gets the usage, and
 * exit status 0.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { didYouMean } from "../../../src/assets/did-you-mean.ts";
import { complain } from "./terminal-text.ts";

/** The exit status of a command whose command line could not be understood. */
export const USAGE_EXIT = 2;

/** The highest TCP port. */
export const MAX_PORT = 65_535;

/** Prints `message` and `usage`, and exits. */
export function usageError(message: string, usage: string): never {
  complain(`${message}\n${usage}`);
  process.exit(USAGE_EXIT);
}

const isParseArgsError = (error: unknown): error is Error =>
  error instanceof Error && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS");

/**
 * What `parseArgs` says, in the words of an npm script: an unknown option
 * gets the options the command takes and the nearest of them, not Node's
 * advice to put it after `--`, which means nothing to someone who typed
 * `npm run new -- --date 2025-03-12`.
 */
function reason(error: Error, config: ParseArgsConfig): string {
  const unknown =
    "code" in error && error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ? /'(-{1,2}[^']*)'/.exec(error.message)?.[1] : undefined;
  if (unknown === undefined) return error.message;
  const names = Object.keys(config.options ?? {});
  const near = didYouMean(unknown.replace(/^-+/, "").split("=")[0] ?? "", names);
  const options = names.map((name) => `--${name}`).join(", ");
  return `${unknown}: is not an option of this command${near ? `; did you mean --${near}?` : ""} (options: ${options || "none"})`;
}

/**
 * `parseArgs` over this process's arguments; what it cannot parse is a usage
 * error, and so is an option given an empty value: most often an unset shell
 * variable (`--content "$DIR"`), which must not quietly mean the default. A
 * value of white space alone is taken as empty: `--out " "` would otherwise
 * build into a folder named by a space, beside the project.
 */
export function parseCommandLine<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  // Asked for, before anything else is read: the usage on standard output, and success.
  const args = config.args ?? process.argv.slice(2);
  const options = args.slice(0, args.includes("--") ? args.indexOf("--") : args.length);
  if (options.some((a) => a === "--help" || a === "-h")) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    if (isParseArgsError(error)) usageError(reason(error, config), usage);
    throw error;
  }
  // The tokens say what was typed; an option's empty default is not.
  for (const token of parseArgs({ ...config, tokens: true }).tokens ?? []) {
    if (token.kind === "option" && token.value?.trim() === "")
      usageError(`--${token.name}: expected a value (got ${token.value === "" ? "an empty one" : "only white space"})`, usage);
  }
  return parsed;
}

/**
 * A whole number from `min` to `max` given for `--option`, or undefined when the option was left out.
 * Written in decimal digits only: `Number` would also take "1e3", "0x10" or " 12 ", which nobody means as a count.
 */
export function wholeNumber(
  option: string,
  value: string | undefined,
  min: number,
  usage: string,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (value === undefined) return undefined;
  const n = /^[0-9]+$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= min && n <= max)) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    usageError(`--${option}: expected a whole number ${range}, in digits (got ${JSON.stringify(value)})`, usage);
  }
  return n;
}
