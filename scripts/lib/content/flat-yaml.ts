/**
 * A fast reader for the YAML most front matter is: one `key: value` per line,
 * values double-quoted text without escapes, plain text, or a one-line list
 * of those, e.g. `tags: ["Economy", Europe]`, hundreds of times faster than
 * the `yaml` package's full parser (docs/performance.md). Anything
 * else (nesting, escapes, numbers, booleans, comments after values, a repeated
 * key...) gives undefined, and the caller uses the full parser, which also
 * words any error. Where it gives data, it is what `yaml` (core schema) gives.
 */

/** Printable characters YAML allows in a scalar, tab and quotes aside; a surrogate only in a pair. */
const TEXT = String.raw`(?:[\x20\x21\x23-\x5B\x5D-\x7E\u00A0-\uD7FF\uE000-\uFFFD]|[\uD800-\uDBFF][\uDC00-\uDFFF])`;
const QUOTED = new RegExp(String.raw`^"(${TEXT}*)"`);
const COMMENT = new RegExp(String.raw`^#(?:${TEXT}|["\\])*$`);
const LINE = /^([A-Za-z][A-Za-z0-9_-]*): +(.*?) *$/;
/** Plain scalars: a letter or digit, then text without YAML's indicators `#`, `:`+space, or (in a list) `,[]{}`. */
const PLAIN = /^[A-Za-z0-9][A-Za-z0-9 _.,:'()/+-]*$/;
const PLAIN_IN_LIST = /^[A-Za-z0-9][A-Za-z0-9 _.'()/+-]*$/;
/** What the core schema reads as null, a boolean or a number: left to the full parser. */
const NOT_TEXT =
  /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;

/** YAML separates with spaces only; `trim()` would also take no-break spaces and BOMs. */
const skipSpaces = (text: string) => text.replace(/^ +/, "");

function plain(text: string, pattern: RegExp): string | undefined {
  if (!pattern.test(text) || NOT_TEXT.test(text) || text.includes(": ") || text.endsWith(":")) return undefined;
  return text;
}

/** A one-line flow list `[a, "b c"]`, or undefined. */
function list(text: string): string[] | undefined {
  const items: string[] = [];
  let rest = skipSpaces(text.slice(1));
  if (rest === "]") return items;
  for (;;) {
    let item: string | undefined;
    const quoted = QUOTED.exec(rest);
    if (quoted) {
      item = quoted[1];
      rest = skipSpaces(rest.slice(quoted[0].length));
    } else {
      const end = rest.search(/[,\]]/);
      if (end < 0) return undefined;
      item = plain(rest.slice(0, end).replace(/ +$/, ""), PLAIN_IN_LIST);
      rest = rest.slice(end);
    }
    if (item === undefined) return undefined;
    items.push(item);
    if (rest === "]") return items;
    if (!rest.startsWith(",")) return undefined;
    rest = skipSpaces(rest.slice(1));
  }
}

function value(text: string): string | string[] | undefined {
  if (text.startsWith('"')) {
    const quoted = QUOTED.exec(text);
    return quoted && quoted[0].length === text.length ? quoted[1] : undefined;
  }
  if (text.startsWith("[")) return list(text);
  return plain(text, PLAIN);
}

/** The mapping a flat YAML text holds, or undefined when the text is not of that simple form. */
export function parseFlatYaml(text: string): Record<string, string | string[]> | undefined {
  if (text.includes("\r") || text.includes("\t")) return undefined;
  const data: Record<string, string | string[]> = {};
  let keys = 0;
  for (const line of text.split("\n")) {
    if (line === "" || COMMENT.test(line)) continue;
    const match = LINE.exec(line);
    if (!match) return undefined;
    const [, key = "", raw = ""] = match;
    const parsed = NOT_TEXT.test(key) || Object.hasOwn(data, key) ? undefined : value(raw);
    if (parsed === undefined) return undefined;
    data[key] = parsed;
    keys++;
  }
  return keys > 0 ? data : undefined;
}
