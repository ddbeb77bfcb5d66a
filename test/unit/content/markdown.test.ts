/** The renderer's shortcuts give what the plain ways give. */
import fc from "fast-check";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { countWords, createMarkdown, MAY_LINK, plainText, renderArticleBody } from "../../../scripts/lib/content/markdown.ts";

/** Pieces of links, emails and hosts, in both cases, with look-alikes (long s, Kelvin sign, Cyrillic) and prose. */
const PIECES = [
  "http:",
  "a.m.",
  "U.S.",
  "3.5",
  ".S",
  ".рф",
  ".Рф",
  "https://",
  "ftp:",
  "mailto:",
  "//",
  "/",
  ":",
  "@",
  ".",
  "..",
  "com",
  "org",
  "uk",
  "io",
  "xn--p1ai",
  "рф",
  "РФ",
  "www",
  "WWW.",
  "localhost",
  "LocalHost",
  "ſ",
  "\u212A",
  "a",
  "Z",
  "1",
  "23",
  "456",
  " ",
  "\n",
  "\u00a0",
  "(",
  ")",
  ">",
  "<",
  "_",
  "-",
  "é",
  "“",
  "”",
  "example",
];
const pieced = fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((p) => p.join(""));

describe("MAY_LINK", () => {
  const plain = new MarkdownIt({ linkify: true }).linkify;

  it("matches every text linkify-it's pretest matches", () => {
    fc.assert(
      fc.property(fc.oneof(pieced, fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" })), (text) => {
        if (plain.pretest(text)) expect(MAY_LINK.test(text), JSON.stringify(text)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it("lets prose without links skip the pretest", () => {
    expect(MAY_LINK.test("Rain fell. The harbour — closed for a week — reopened on 3 March, said Mr O’Neill.")).toBe(false);
  });

  it("leaves links, emails and bare hosts linkified", () => {
    const md = createMarkdown();
    expect(md.render("See https://example.org/a, www.example.org, ed@example.org and example.com.")).toBe(
      new MarkdownIt({ linkify: true, typographer: true, quotes: "“”‘’" }).render(
        "See https://example.org/a, www.example.org, ed@example.org and example.com.",
      ),
    );
    expect(md.render("Mail ed@example.org")).toContain('<a href="mailto:ed@example.org">');
  });
});

describe("countWords", () => {
  const md = createMarkdown();
  const markdown = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          "word",
          "two words",
          " ",
          "\n",
          "\t",
          "\u00a0",
          "\u2003",
          "`code x`",
          "![alt text](a.png)",
          "![ spaced ](b.png)",
          "[link text](/x)",
          "*em*",
          "**strong**",
          "  \n",
          "\\",
          "-",
          "é",
          "\u3000",
        ),
        fc.string({ maxLength: 4 }),
      ),
      { maxLength: 20 },
    )
    .map((p) => p.join(""));

  it("counts the words of the plain text of any inline Markdown", () => {
    fc.assert(
      fc.property(markdown, (source) => {
        for (const token of md.parse(source, {})) {
          if (token.type === "inline")
            expect(countWords(token), JSON.stringify(source)).toBe(plainText(token).split(/\s+/).filter(Boolean).length);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("counts an article's words across paragraphs, lists and code; an image's text joins the words beside it", () => {
    expect(renderArticleBody(md, "One two `three four`.\n\n- five\n- six seven\n\nEight![nine](n.png)ten eleven").wordCount).toBe(9);
  });
});
