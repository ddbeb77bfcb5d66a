/**
 * Text for a terminal. Whatever a command prints may quote content (a
 * headline in a search result, a value in an error message), and a terminal
 * acts on control characters: ESC starts sequences that retitle the window,
 * clear the screen or make fake hyperlinks, CR overwrites a line, C1's CSI
 * (U+009B) and OSC (U+009D) do what ESC [ and ESC ] do. Every command prints
 * through `say` and `complain`, which show such characters as escapes
 * (`\x1B`) and leave tab and newline alone. Bidirectional overrides, which can
 * make a line read differently from what it holds, are shown the same way.
 */

const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

const escaped = (c: string): string => {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, "0")}` : `\\u{${code.toString(16).toUpperCase()}}`;
};

/** `text` with every character a terminal would act on (tab and newline aside) written as an escape. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, escaped);
}

/** JSON for a terminal or a pipe: characters a terminal acts on are written as `\uXXXX` escapes, which any JSON reader reads back. */
export function terminalSafeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A line on standard output. */
export function say(text: string): void {
  process.stdout.write(`${terminalSafe(text)}\n`);
}

/** A line on standard error: errors, warnings, progress. */
export function complain(text: string): void {
  process.stderr.write(`${terminalSafe(text)}\n`);
}

/** An unexpected error as a line (with its stack, for a bug report), made safe to print. */
export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}
