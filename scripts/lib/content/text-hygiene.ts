/**
 * Text hygiene at the door: every content file must be UTF-8, and no text
 * may carry a control character. One stray byte from a word processor (a
 * vertical tab, a backspace) makes every feed and sitemap that quotes it
 * invalid XML, which readers then drop; an ESC reaches terminals; a file
 * saved as Latin-1 would be published as "Caf� na�ve". So the loader refuses
 * them, naming the file, the field and the position, before anything is built.
 *
 * Allowed: tab and line feed, and carriage return as part of a CR LF line end
 * in a file (never inside a value). Refused: the other C0 controls, DEL, the
 * C1 controls (U+0080-U+009F, often the trace of text decoded with the wrong
 * encoding) and the noncharacters U+FFFE and U+FFFF, which XML cannot hold.
 */
import { isUtf8 } from "node:buffer";
import type { Problem } from "./content-error.ts";

/** Index of the first byte that does not begin a well-formed UTF-8 sequence, or -1 (RFC 3629: no overlongs, surrogates or values above U+10FFFF). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    // The second byte's range rules out overlong forms, surrogates and code points above U+10FFFF.
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    const second = bytes[i + 1];
    if (second === undefined || second < low || second > high) return i;
    for (let k = 2; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return -1;
}

const lineAtByte = (bytes: Uint8Array, offset: number): number => {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
};

const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, "0");

// Keeps a byte-order mark, so a file decodes the same on every thread and in the dev server's cache.
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** A content file's text, or the problem that it is not UTF-8 (naming the byte offset and line). */
export function decodeContent(file: string, bytes: Uint8Array): { ok: true; text: string } | { ok: false; problem: Problem } {
  if (isUtf8(bytes)) return { ok: true, text: decoder.decode(bytes) };
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const offset = firstInvalidUtf8(bytes);
  return {
    ok: false,
    problem: {
      file,
      field: "(file)",
      message: utf16
        ? "is UTF-16 text, not UTF-8"
        : `is not UTF-8 text: byte 0x${hex(bytes[offset] ?? 0, 2)} at byte offset ${offset} (line ${lineAtByte(bytes, offset)}) is not valid UTF-8`,
      expected: "a file saved as UTF-8 (an editor's “Save with encoding”, or `iconv -f windows-1252 -t utf-8` for a Latin-1 file)",
    },
  };
}

const NAMES: Record<number, string> = {
  0x00: "null",
  0x07: "bell",
  0x08: "backspace",
  0x0b: "vertical tab",
  0x0c: "form feed",
  0x0d: "carriage return",
  0x1b: "escape",
  0x7f: "delete",
  0x85: "next line",
};

/** How a message names a refused character: its code point, and its name where it has a familiar one. */
export function characterName(code: number): string {
  const name = NAMES[code] ?? (code >= 0xfffe ? "noncharacter" : undefined);
  return `U+${hex(code, 4)}${name ? ` (${name})` : ""}`;
}

/** Every refused character in a value (CR included: in a file it is judged by what follows it). */
const REFUSED_CHARACTER = String.raw`[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFE\uFFFF]`;
const REFUSED = new RegExp(REFUSED_CHARACTER, "g");
/** Tests first, without collecting: almost no text has any. A class alone is scanned far faster than an alternation. */
const HAS_REFUSED = new RegExp(REFUSED_CHARACTER);
const HAS_REFUSED_BUT_CR_LF = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|\r(?!\n)/;

/** Positions (UTF-16 indices) of refused characters in a value: any control but tab and line feed. */
export function controlCharacters(text: string): number[] {
  return HAS_REFUSED.test(text) ? [...text.matchAll(REFUSED)].map((m) => m.index) : [];
}

/** Whether a file's text holds a refused character anywhere: a CR is allowed before an LF. */
export function fileHasControlCharacters(text: string): boolean {
  // Most files have LF line ends and fail the first test; a CR LF file needs the second.
  return HAS_REFUSED.test(text) && HAS_REFUSED_BUT_CR_LF.test(text);
}

/** Positions of refused characters in a whole file. */
function controlCharactersInFile(text: string): number[] {
  if (!fileHasControlCharacters(text)) return [];
  return controlCharacters(text).filter((i) => !(text[i] === "\r" && text[i + 1] === "\n"));
}

/** Removes control characters (tab and line feed kept), for text from sources the importer does not control. */
export function withoutControlCharacters(text: string): string {
  return text.replace(REFUSED, (c) => (c === "\r" || c === "\u000B" || c === "\u000C" ? " " : ""));
}

const EXPECTED = "text without control characters (tab and line breaks only): delete it, or retype the text around it";
/** Messages name at most this many per field; the count says how many more. */
const LISTED = 3;

function positions(list: string[], total: number): string {
  const more = total - list.length;
  return `${list.join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
}

function controlProblem(file: string, field: string, text: string, found: number[], at: (index: number) => string): Problem {
  const first = found.slice(0, LISTED);
  const codes = [...new Set(first.map((i) => characterName(text.codePointAt(i) ?? 0)))];
  return {
    file,
    field,
    message: `contains ${found.length === 1 ? "a control character" : `${found.length} control characters`}, ${codes.join(", ")}, at ${positions(first.map(at), found.length)}`,
    expected: EXPECTED,
  };
}

/** Character `index` of `text` counted as a reader would, from 1, in code points. */
const characterNumber = (text: string, index: number) => `character ${[...text.slice(0, index)].length + 1}`;

/**
 * Half of a surrogate pair with no other half. Only a YAML escape makes one
 * ("\uD83D" alone: a file's bytes decode to whole characters), and it cannot
 * be written as UTF-8: every page, feed and share link would show U+FFFD, the
 * replacement character, in its place.
 */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const HAS_SURROGATE = /[\uD800-\uDFFF]/;

/** Positions (UTF-16 indices) of lone surrogates in a value. */
export function loneSurrogates(text: string): number[] {
  return HAS_SURROGATE.test(text) ? [...text.matchAll(LONE_SURROGATE)].map((m) => m.index) : [];
}

function surrogateProblem(file: string, field: string, text: string, found: number[]): Problem {
  const first = found.slice(0, LISTED);
  const codes = [...new Set(first.map((i) => characterName(text.charCodeAt(i))))];
  const what = found.length === 1 ? "half of a surrogate pair" : `${found.length} halves of surrogate pairs`;
  return {
    file,
    field,
    message: `contains ${what}, ${codes.join(", ")}, at ${positions(
      first.map((i) => characterNumber(text, i)),
      found.length,
    )}: no page can show it`,
    expected: String.raw`whole characters: type the character itself, or escape one beyond U+FFFF as "\U0001F600" or as both halves together ("\uD83D\uDE00")`,
  };
}

/** The problems of one value or field name: control characters, then lone surrogates. */
function valueProblems(file: string, field: string, text: string): Problem[] {
  const problems: Problem[] = [];
  const controls = controlCharacters(text);
  if (controls.length) problems.push(controlProblem(file, field, text, controls, (i) => characterNumber(text, i)));
  const halves = loneSurrogates(text);
  if (halves.length) problems.push(surrogateProblem(file, field, text, halves));
  return problems;
}

/** One problem per field (dotted path) of parsed data whose text holds a control character or a lone surrogate, keys included. */
export function controlProblemsInData(file: string, data: unknown, prefix: readonly string[] = []): Problem[] {
  const problems: Problem[] = [];
  const visit = (value: unknown, path: readonly string[]) => {
    if (typeof value === "string") {
      problems.push(...valueProblems(file, path.join(".") || "(file)", value));
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, String(i)]));
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        const field = [...path, key].join(".");
        for (const problem of valueProblems(file, field, key))
          problems.push({ ...problem, message: `is a field name that ${problem.message}` });
        visit(item, [...path, key]);
      }
    }
  };
  visit(data, prefix);
  return problems;
}

/** A problem for the refused characters of a file's text between `from` and `to` (its body, or its front matter), by line and column in the file. */
export function controlProblemInText(file: string, field: string, text: string, from = 0, to = text.length): Problem | undefined {
  const found = controlCharactersInFile(text).filter((i) => i >= from && i < to);
  if (!found.length) return undefined;
  const at = (index: number) => {
    const before = text.slice(0, index);
    const line = (before.match(/\n/g)?.length ?? 0) + 1;
    return `line ${line}, column ${[...before.slice(before.lastIndexOf("\n") + 1)].length + 1}`;
  };
  return controlProblem(file, field, text, found, at);
}
