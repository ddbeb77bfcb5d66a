/** The flat front-matter reader gives exactly what the `yaml` package gives, or steps aside. */
import fc from "fast-check";
import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { parseFlatYaml } from "../../../scripts/lib/content/flat-yaml.ts";

/** As front-matter.ts reads YAML: a text `yaml` warns of (an unknown tag) is refused there, so the flat reader must step aside. */
const full = (text: string) => {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, schema: "core", resolveKnownTags: false });
  return doc.errors.length ? "error" : doc.warnings.length ? "warning" : doc.toJS();
};

/** Bits of scalars: every kind YAML reads as something other than text, and characters near the edges of what is allowed. */
const CLEAN = [
  "a",
  "Z",
  "word",
  "two words",
  "9",
  "0",
  "-",
  "+",
  ".",
  ",",
  ":",
  "'",
  "(",
  "/",
  "_",
  " ",
  "  ",
  "~",
  "null",
  "Null",
  "true",
  "FALSE",
  "yes",
  "on",
  ".inf",
  ".NaN",
  "0x1F",
  "0o17",
  "1e3",
  "1_000",
  "2025-03-12",
  "2025-03-12T09:30:00Z",
  "09:30",
  "é",
  "“",
  "\u00a0",
  "\u2028",
  "\ufeff",
  "\ud83d\ude00",
];
const ROUGH = [
  "#",
  " #",
  '"',
  "\\",
  "[",
  "]",
  "{",
  "}",
  "\t",
  "\u0085",
  "\ud83d",
  "\u0007",
  "\r",
  "\n",
  "&",
  "*",
  "!",
  "|",
  ">",
  "%",
  "@",
  "`",
  "?",
  ": ",
  " :",
];
const bits = fc
  .array(fc.oneof({ weight: 40, arbitrary: fc.constantFrom(...CLEAN) }, { weight: 1, arbitrary: fc.constantFrom(...ROUGH) }), {
    maxLength: 4,
  })
  .map((b) => b.join(""));
const scalar = fc.oneof(
  bits,
  bits.map((b) => `"${b}"`),
);
const listValue = fc
  .array(scalar, { maxLength: 4 })
  .chain((items) => fc.constantFrom(", ", ",", " , ").map((sep) => `[${items.join(sep)}]`));
const key = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("title", "date", "tags", "a-b", "x_y", "constructor") },
  fc.constantFrom("true", "null", "2", "~"),
  bits,
);
const line = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .tuple(
        key,
        fc.constantFrom(": ", ": ", ": ", ":  ", ":", ": \t"),
        fc.oneof(scalar, listValue),
        fc.constantFrom("", "", "", "", "", " ", " # note", "\t"),
      )
      .map((p) => p.join("")),
  },
  { weight: 1, arbitrary: fc.constantFrom("", "# a comment", "  indented: x", "- item", "---", "...") },
);
const text = fc.array(line, { minLength: 0, maxLength: 5 }).map((lines) => lines.join("\n") + "\n");

describe("parseFlatYaml", () => {
  it("gives what the yaml package gives whenever it gives anything", () => {
    let read = 0;
    fc.assert(
      fc.property(text, (t) => {
        const flat = parseFlatYaml(t);
        if (flat !== undefined) read++;
        if (flat !== undefined) expect(flat, JSON.stringify(t)).toEqual(full(t));
      }),
      { numRuns: 20000 },
    );
    // Not vacuous: hundreds of the texts are of the flat form.
    expect(read).toBeGreaterThan(300);
  });

  it("steps aside for tags, anchors and aliases, which the full parser reports or expands", () => {
    for (const t of ['title: !!js/function "function(){}"\n', "title: !x a\n", "tags: [a, !!binary b]\n", "a: &x b\nc: *x\n"])
      expect(parseFlatYaml(t), t).toBeUndefined();
  });

  it("reads typical front matter itself", () => {
    const fm =
      'title: "Storm surge: floods in the “lower” harbour"\ndate: 2025-03-12T09:30:00+00:00\nsection: world\nauthors: [ada, ben-q]\ntags: ["Coasts", Weather, "A, B"]\nsummary: "It rose 2.5 m."\n# a note\n\ntags2: []\n';
    expect(parseFlatYaml(fm)).toEqual({
      title: "Storm surge: floods in the “lower” harbour",
      date: "2025-03-12T09:30:00+00:00",
      section: "world",
      authors: ["ada", "ben-q"],
      tags: ["Coasts", "Weather", "A, B"],
      summary: "It rose 2.5 m.",
      tags2: [],
    });
    expect(parseFlatYaml(fm)).toEqual(full(fm));
  });

  it("leaves nesting, escapes, numbers, booleans and repeated keys to the full parser", () => {
    for (const t of [
      "image:\n  src: a.jpg\n",
      'title: "a \\" b"\n',
      "perPage: 20\n",
      "draft: true\n",
      "a: x\na: y\n",
      "a: ~\n",
      "a: b # c\n",
      "a:\n",
      "",
    ]) {
      expect(parseFlatYaml(t), JSON.stringify(t)).toBeUndefined();
    }
  });
});
