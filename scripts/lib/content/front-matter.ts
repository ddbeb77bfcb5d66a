import { isNode, isPair, isSeq, LineCounter, parseDocument, visit, type Document } from "yaml";
import { parseFlatYaml } from "./flat-yaml.ts";
import type { Problem } from "./content-error.ts";

export type Split = { ok: true; data: unknown; body: string } | { ok: false; problems: Problem[] };

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSING = /^---[ \t]*$/m;

/** How much aliased data `toJS` expands before it stops (the `yaml` package's default): content has no use for more. */
const MAX_ALIAS_COUNT = 100;

const UNRESOLVED_TAG = /^Unresolved tag: (.*)$/;

/** The dotted field (`image.alt`, `tags.1`) of the first node after `offset` tagged `tag`, or undefined. */
function taggedField(doc: Document, tag: string, offset: number): string | undefined {
  let field: string | undefined;
  visit(doc, (_, node, path) => {
    if (!isNode(node) || node.tag !== tag || (node.range?.[0] ?? -1) < offset) return undefined;
    const chain = [...path, node];
    field = chain
      .flatMap((step, i) => (isPair(step) ? [String(step.key)] : isSeq(step) ? [String(step.items.indexOf(chain[i + 1]))] : []))
      .join(".");
    return visit.BREAK;
  });
  return field || undefined;
}

/**
 * What `yaml` warns of, as problems. A tag it does not know (`!!js/function`,
 * `!!binary`, `!custom`) is dropped by it with the value kept, so
 * `title: !!js/function "…"` would become a headline without a word.
 */
function warningProblems(file: string, text: string, doc: Document, lines: LineCounter, lineOffset: number): Problem[] {
  return doc.warnings.map((w) => {
    const line = lines.linePos(w.pos[0]).line + lineOffset;
    const tag = UNRESOLVED_TAG.exec(w.message)?.[1];
    if (w.code !== "TAG_RESOLVE_FAILED" || tag === undefined)
      return { file, field: "(yaml)", message: `has a problem at line ${line}: ${w.message.split("\n")[0]}`, expected: "plain YAML" };
    return {
      file,
      field: taggedField(doc, tag, w.pos[1]) ?? "(yaml)",
      message: `has a YAML tag this site does not read, ${text.slice(w.pos[0], w.pos[1])}, at line ${line}`,
      expected: "a plain value: remove the tag",
    };
  });
}

/** Parses a YAML text; errors carry the line within the file (`lineOffset` lines precede the YAML). */
export function parseYaml(file: string, text: string, lineOffset = 0): { ok: true; data: unknown } | { ok: false; problems: Problem[] } {
  const flat = parseFlatYaml(text);
  if (flat) return { ok: true, data: flat };
  // YAML 1.2 core schema: `2025-03-12` stays a string, so dates are read by our own rules.
  const lines = new LineCounter();
  // Tags beyond the core schema's (`!!binary`, `!!timestamp`) are refused as unknown, not made into buffers and dates.
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, schema: "core", resolveKnownTags: false, lineCounter: lines });
  if (doc.errors.length) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        file,
        field: "(yaml)",
        message: `does not parse at line ${lines.linePos(e.pos[0]).line + lineOffset}: ${e.message.split("\n")[0]}`,
        expected: "valid YAML",
      })),
    };
  }
  if (doc.warnings.length) return { ok: false, problems: warningProblems(file, text, doc, lines, lineOffset) };
  try {
    return { ok: true, data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    // `yaml` refuses to expand aliases beyond the limit ("billion laughs"); its message names no file.
    return {
      ok: false,
      problems: [
        {
          file,
          field: "(yaml)",
          message: "expands its aliases (*name) into too much data, the mark of an “alias bomb” (billion laughs) that would exhaust memory",
          expected: "YAML without anchors (&name) and aliases (*name), or only a few",
        },
      ],
    };
  }
}

/** Splits `---` YAML front matter from a Markdown body. */
export function splitFrontMatter(file: string, source: string): Split {
  const opening = OPENING.exec(source);
  if (!opening) {
    return {
      ok: false,
      problems: [{ file, field: "(front matter)", message: "is missing", expected: "the file to start with a line `---`" }],
    };
  }
  const rest = source.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) {
    return {
      ok: false,
      problems: [{ file, field: "(front matter)", message: "is not closed", expected: "a line `---` after the front matter" }],
    };
  }
  const yamlText = rest.slice(0, closing.index);
  const body = rest.slice(closing.index + closing[0].length).replace(/^\r?\n/, "");
  const parsed = parseYaml(file, yamlText, 1);
  if (!parsed.ok) return parsed;
  if (parsed.data === null || typeof parsed.data !== "object" || Array.isArray(parsed.data)) {
    return { ok: false, problems: [{ file, field: "(front matter)", message: "is not a set of fields", expected: "`key: value` lines" }] };
  }
  return { ok: true, data: parsed.data, body };
}
