import { isUtf8 } from "node:buffer";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  characterName,
  controlCharacters,
  controlProblemInText,
  controlProblemsInData,
  decodeContent,
  firstInvalidUtf8,
  loneSurrogates,
  withoutControlCharacters,
} from "../../../scripts/lib/content/text-hygiene.ts";

describe("firstInvalidUtf8", () => {
  it("agrees with Node's validator, and everything before the offset it names is valid", () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      fc.string({ unit: "binary" }).map((s) => new Uint8Array(Buffer.from(s))),
      // Valid text with one byte changed: the offset must point at or before the damage.
      fc.tuple(fc.string({ unit: "binary", minLength: 1 }), fc.nat(), fc.integer({ min: 0x80, max: 0xff })).map(([s, at, byte]) => {
        const b = new Uint8Array(Buffer.from(s));
        b[at % b.length] = byte;
        return b;
      }),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        const offset = firstInvalidUtf8(b);
        expect(offset === -1).toBe(isUtf8(b));
        if (offset >= 0) expect(isUtf8(b.subarray(0, offset))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("refuses overlong forms, surrogates and code points above U+10FFFF", () => {
    for (const bad of [
      [0xc0, 0x80],
      [0xe0, 0x80, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf5, 0x80, 0x80, 0x80],
    ]) {
      expect(firstInvalidUtf8(new Uint8Array([0x41, ...bad]))).toBe(1);
    }
  });
});

describe("decodeContent", () => {
  it("names the byte offset and line of a Latin-1 file", () => {
    const latin1 = Buffer.from("---\ntitle: Café naïve\n", "latin1");
    const result = decodeContent("src/articles/a.md", latin1);
    expect(result).toMatchObject({
      ok: false,
      problem: {
        file: "src/articles/a.md",
        field: "(file)",
        message: "is not UTF-8 text: byte 0xE9 at byte offset 14 (line 2) is not valid UTF-8",
      },
    });
  });

  it("says when a file is UTF-16, and keeps a UTF-8 byte-order mark", () => {
    expect(decodeContent("a.yaml", Buffer.from("\uFEFFtitle: x", "utf16le"))).toMatchObject({
      ok: false,
      problem: { message: "is UTF-16 text, not UTF-8" },
    });
    expect(decodeContent("a.yaml", Buffer.from("\uFEFFtitle: x"))).toEqual({ ok: true, text: "\uFEFFtitle: x" });
  });
});

describe("control characters", () => {
  it("are every C0 and C1 control, DEL and U+FFFE/U+FFFF, but tab and line feed", () => {
    const refused = [0, 1, 2, 7, 8, 0x0b, 0x0c, 0x0d, 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9b, 0x9f, 0xfffe, 0xffff];
    const allowed = [0x09, 0x0a, 0x20, 0xa0, 0xad, 0x200b, 0xfeff, 0xfffd];
    for (const code of refused) expect(controlCharacters(`a${String.fromCharCode(code)}b`), characterName(code)).toEqual([1]);
    for (const code of allowed) expect(controlCharacters(`a${String.fromCharCode(code)}b`)).toEqual([]);
  });

  it("in parsed data are reported by field and character, keys included", () => {
    const data = { title: "Caf\u000be", tags: ["ok", "a\u0008b\u001bc"], image: { alt: "x" }, "ke\u0007y": 1 };
    expect(controlProblemsInData("f.md", data)).toEqual([
      {
        file: "f.md",
        field: "title",
        message: "contains a control character, U+000B (vertical tab), at character 4",
        expected: expect.stringContaining("text without control characters"),
      },
      {
        file: "f.md",
        field: "tags.1",
        message: "contains 2 control characters, U+0008 (backspace), U+001B (escape), at character 2, character 4",
        expected: expect.any(String),
      },
      {
        file: "f.md",
        field: "ke\u0007y",
        message: "is a field name that contains a control character, U+0007 (bell), at character 3",
        expected: expect.any(String),
      },
    ]);
  });

  it("include halves of surrogate pairs that a YAML escape left alone, but not whole pairs", () => {
    expect(loneSurrogates("pair \uD83D\uDE00 ok")).toEqual([]);
    expect(loneSurrogates("a\uD800b\uDC00\uDBFF")).toEqual([1, 3, 4]);
    expect(loneSurrogates("\uDE00\uD83D")).toEqual([0, 1]);
    const data = { title: "Harbour \uD800 strike 🙂", tags: ["\uDC00"], "k\uDBFF": 1 };
    expect(controlProblemsInData("f.md", data)).toEqual([
      {
        file: "f.md",
        field: "title",
        message: "contains half of a surrogate pair, U+D800, at character 9: no page can show it",
        expected: expect.stringContaining("whole characters"),
      },
      { file: "f.md", field: "tags.0", message: expect.stringContaining("U+DC00, at character 1"), expected: expect.any(String) },
      {
        file: "f.md",
        field: "k\uDBFF",
        message: expect.stringMatching(/^is a field name that contains half of a surrogate pair, U\+DBFF/),
        expected: expect.any(String),
      },
    ]);
  });

  it("in file text are reported by line and column; CR is allowed only before LF", () => {
    const text = "a\r\nb\u000cc\r\nemoji 🙂\u001b[2J\rx";
    expect(controlProblemInText("f.md", "(body)", text)?.message).toBe(
      "contains 3 control characters, U+000C (form feed), U+001B (escape), U+000D (carriage return), at line 2, column 2, line 3, column 8, line 3, column 12",
    );
    expect(controlProblemInText("f.md", "(body)", "a\r\nb\r\n")).toBeUndefined();
    expect(controlProblemInText("f.md", "(body)", "x\u0001y", 2)).toBeUndefined();
  });

  it("are removed from imported text, white-space ones becoming spaces", () => {
    expect(withoutControlCharacters("4 1\u0002 per cent\u000bbonds\r\nnext\u0085")).toBe("4 1 per cent bonds \nnext");
  });
});
