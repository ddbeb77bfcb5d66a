import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { addAuthors, addSection } from "../../../scripts/lib/authoring/data-edit.ts";

const AUTHORS = `# Authors by id.
ada:   # our first
  name: "Ada Reporter"
  bio: 'Covers diplomacy.'
`;

describe("addAuthors", () => {
  it("appends missing authors and keeps existing entries, comments and quoting", () => {
    const { text, added } = addAuthors(AUTHORS, [
      { id: "ada", name: "Someone else", bio: "" },
      { id: "abraham-lincoln", name: "Abraham Lincoln", bio: "President of the United States (Republican)." },
    ]);
    expect(added).toEqual(["abraham-lincoln"]);
    expect(text.startsWith(AUTHORS)).toBe(true);
    expect(parse(text)).toEqual({
      ada: { name: "Ada Reporter", bio: "Covers diplomacy." },
      "abraham-lincoln": { name: "Abraham Lincoln", bio: "President of the United States (Republican)." },
    });
  });

  it("returns the text untouched when everyone exists", () => {
    expect(addAuthors(AUTHORS, [{ id: "ada", name: "A", bio: "" }])).toEqual({ text: AUTHORS, added: [] });
  });
});

describe("addSection", () => {
  const SECTIONS = "# Navigation order.\n- id: world\n  name: World\n";
  const sotu = { id: "state-of-the-union", name: "State of the Union", description: "Addresses." };

  it("appends the section once", () => {
    const first = addSection(SECTIONS, sotu);
    expect(first.added).toBe(true);
    expect(first.text).toBe(`${SECTIONS}- id: state-of-the-union\n  name: State of the Union\n  description: Addresses.\n`);
    expect(addSection(first.text, sotu)).toEqual({ text: first.text, added: false });
  });

  it("starts an empty file", () => {
    expect(addSection("", sotu).text).toBe("- id: state-of-the-union\n  name: State of the Union\n  description: Addresses.\n");
    expect(addAuthors("", [{ id: "ada", name: "Ada", bio: "" }]).text).toBe('ada:\n  name: Ada\n  bio: ""\n');
  });

  it("refuses a file that is not a list of sections", () => {
    expect(() => addSection("world: {}\n", sotu)).toThrow(/not a list of sections/);
  });
});

describe("files in flow style", () => {
  it("are rewritten as a whole and stay valid", () => {
    const { text } = addAuthors("{ ada: { name: Ada } }\n", [{ id: "ben", name: "Ben", bio: "" }]);
    expect(parse(text)).toEqual({ ada: { name: "Ada" }, ben: { name: "Ben", bio: "" } });
    expect(parse(addSection("[{ id: world, name: World }]\n", { id: "x", name: "X", description: "" }).text)).toHaveLength(2);
  });
});
