/** The renderer's shortcuts give what the plain ways give. */
import fc from "fast-check";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import {
  countWords,
  createMarkdown,
  linkifyUnmistakable,
  markUrlLinks,
  mayLink,
  plainText,
  renderArticleBody,
} from "../../../scripts/lib/content/markdown.ts";

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

describe("links in text", () => {
  const md = createMarkdown();
  const html = (text: string) => md.renderInline(text);

  it("are made of what is unmistakably a link: a scheme or www.", () => {
    expect(html("See https://example.org/a and http://example.org/b.")).toBe(
      'See <a href="https://example.org/a" class="link-url">https://example.org/a</a> and <a href="http://example.org/b" class="link-url">http://example.org/b</a>.',
    );
    expect(html("See www.example.org today")).toBe('See <a href="http://www.example.org" class="link-url">www.example.org</a> today');
    expect(html("Write to mailto:ed@example.org or <ed@example.org>")).toBe(
      'Write to <a href="mailto:ed@example.org" class="link-url">mailto:ed@example.org</a> or <a href="mailto:ed@example.org" class="link-url">ed@example.org</a>',
    );
  });

  it("are never made of sentences run together, bare hosts, bare emails or protocol-relative paths", () => {
    for (const text of [
      "America is free.In 9 years, the United States",
      "and you.It is time",
      "The report is on example.com now",
      "Mail ed@example.org",
      "See //evil.example/phish",
      "Call 192.168.0.1",
    ]) {
      expect(html(text), text).not.toContain("<a ");
    }
  });

  it("are looked for fully only where a scheme or www. stands (mayLink)", () => {
    const named = /https?:|ftp:|mailto:|www\./i;
    const near = fc.string({ unit: fc.constantFrom(..."httpsHTTPSftpFTPmailtoMAILTOwwwWWW:./ é\u0130"), maxLength: 24 });
    fc.assert(
      fc.property(near, (text) => {
        expect(mayLink(text), JSON.stringify(text)).toBe(named.test(text));
      }),
      { numRuns: 5000 },
    );
    for (const text of ["www.example.org", "WwW.x", "see HTTPS://a", "mailto:ed", "x ftp:", "ww.w", "http.", ".www", "https"])
      expect(mayLink(text), text).toBe(named.test(text));
  });

  it("skip the full link search only where it would find nothing (mayLink)", () => {
    // The same renderer without the shortcut: both must give the same HTML for any text.
    const reference = markUrlLinks(linkifyUnmistakable(new MarkdownIt({ html: false, linkify: true, typographer: true, quotes: "“”‘’" })));
    fc.assert(
      fc.property(fc.oneof(pieced, fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" })), (text) => {
        expect(md.renderInline(text), JSON.stringify(text)).toBe(reference.renderInline(text));
      }),
      { numRuns: 3000 },
    );
    expect(mayLink("Rain fell. The harbour — closed for a week — reopened on 3 March, said Mr O’Neill.")).toBe(false);
  });
});

describe("links whose text is their address", () => {
  const md = createMarkdown();

  it("are marked link-url, so a printed page does not write the address again after it; other links are not", () => {
    expect(md.renderInline("[https://example.org/a](https://example.org/a) and <https://example.org/b>")).toBe(
      '<a href="https://example.org/a" class="link-url">https://example.org/a</a> and <a href="https://example.org/b" class="link-url">https://example.org/b</a>',
    );
    expect(md.renderInline("[the report](https://example.org/a) and [https://example.org/a](https://example.org/b)")).toBe(
      '<a href="https://example.org/a">the report</a> and <a href="https://example.org/b">https://example.org/a</a>',
    );
  });
});

describe("code blocks and tables", () => {
  const md = createMarkdown();
  const box = (label: string) => `<div class="scroll-box" tabindex="0" role="region" aria-label="${label}">`;

  it("sit in a focusable, named box that scrolls sideways, fenced and indented code alike", () => {
    const { html } = renderArticleBody(
      md,
      "Before.\n\n```js\nconst a = 1;\n```\n\n    indented\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\nAfter.",
    );
    expect(html).toContain(`${box("Code")}<pre><code class="language-js">const a = 1;\n</code></pre>\n</div>\n`);
    expect(html).toContain(`${box("Code")}<pre><code>indented\n</code></pre>\n</div>\n`);
    expect(html).toContain(`${box("Table")}<table>\n<thead>`);
    expect(html).toContain("</table>\n</div>\n<p>After.</p>");
    expect(html.match(/<div /g)).toHaveLength(3);
  });
});

describe("sentences run together", () => {
  const md = createMarkdown();
  it("are found by line in paragraphs and lists, not in code or in URLs", () => {
    const body = [
      "America is free.In 9 years we will see.",
      "A second line of the paragraph: you.It is time.",
      "",
      "- a list item ends.Another begins",
      "",
      "Code `value.Field` and https://example.org/path.Name and U.S.The end, e.g.This too.",
    ].join("\n");
    expect(renderArticleBody(md, body).runTogether).toEqual([
      { line: 0, text: "free.In" },
      { line: 1, text: "you.It" },
      { line: 3, text: "ends.Another" },
    ]);
  });
});

describe("body headings", () => {
  const md = createMarkdown();
  it("start at h2 under the headline and never skip a level going down", () => {
    const source = "Lead.\n\n### Background\n\n##### Deeper\n\n# Back up\n\n## Same\n\n#### Down two";
    const levels = [...renderArticleBody(md, source).html.matchAll(/<(h\d)[ >].*?<\/(h\d)>/g)].map((m) => `${m[1]}/${m[2]}`);
    expect(levels).toEqual(["h2/h2", "h3/h3", "h2/h2", "h2/h2", "h3/h3"]);
  });
});

describe("images and links some readers cannot use", () => {
  const md = createMarkdown();
  it("are found by line: an image without alt text, a link without text or without an address", () => {
    const body = [
      "A lead with ![](harbour.jpg) in it.",
      "",
      "- an item linking [](https://example.org) to nothing",
      "",
      "> A quote with [a link]() going nowhere, and ![  ](blank-alt.png).",
      "",
      "[][ref] by reference.",
      "",
      "[ref]: https://example.org/ref",
    ].join("\n");
    expect(renderArticleBody(md, body).unusable).toEqual([
      { line: 0, what: "an image without alt text" },
      { line: 2, what: "a link without text" },
      { line: 4, what: "a link without an address" },
      { line: 4, what: "an image without alt text" },
      { line: 6, what: "a link without text" },
    ]);
  });

  it("are read with the site's articles and lists a paragraph links to, by line", () => {
    const body = [
      "See [this](/2025/03/10/harbour-tariffs) and [that](/2025/03/12/strike/#votes).",
      "",
      "[Elsewhere](https://example.org/2025/03/10/x/) and [a tag](/tag/ferries/page/2/), [a page](https://example.org/about/), [a feed](/section/world/feed.xml).",
      "",
      "And [the vote] by reference.",
      "",
      "[the vote]: /2025/03/14/vote/",
    ].join("\n");
    expect(renderArticleBody(md, body).siteLinks).toEqual([
      { line: 0, path: "/2025/03/10/harbour-tariffs/" },
      { line: 0, path: "/2025/03/12/strike/" },
      // Whole addresses are kept with their host, which the loader compares with the site's.
      { line: 2, path: "/2025/03/10/x/", origin: "https://example.org" },
      { line: 2, path: "/tag/ferries/" },
      { line: 2, path: "/section/world/" },
      { line: 4, path: "/2025/03/14/vote/" },
    ]);
  });

  it("are read with the images no reader will see: from another site, or by a path relative to the article", () => {
    const body =
      "![Chart](https://example.org/c.png) ![Cdn](//cdn.example/x.png)\n\n![Here](chart.png) ![Site](/images/a.jpg) ![Dot](data:image/png;base64,AA==) ![Spaced](</images/harbour at dawn.jpg>)";
    const read = renderArticleBody(md, body);
    expect(read.unseenImages).toEqual([
      { line: 0, src: "https://example.org/c.png", why: "another site" },
      { line: 0, src: "//cdn.example/x.png", why: "another site" },
      { line: 2, src: "chart.png", why: "relative" },
    ]);
    // A path where lead images are published is left to the loader, which knows them.
    expect(read.siteImages).toEqual([
      { line: 2, src: "/images/a.jpg" },
      { line: 2, src: "/images/harbour at dawn.jpg" },
    ]);
  });

  it("let through images with alt text, links named by text, code or an image's alt text, and autolinks", () => {
    const body = "![A harbour](h.jpg) [text](/a/) [`code`](/b/) [![Logo](l.png)](/c/) <https://example.org> https://example.org/bare";
    expect(renderArticleBody(md, body).unusable).toEqual([]);
  });
});

describe("nesting deeper than Markdown reads", () => {
  const md = createMarkdown();
  const quote = (depth: number) => `Lead.\n\n${">".repeat(depth)} The innermost words.\n\nThe end.`;
  const list = (depth: number) =>
    `Lead.\n\n${Array.from({ length: depth }, (_, i) => `${"  ".repeat(i)}- item ${i + 1}`).join("\n")}\n\nThe end.`;

  it("is found where the parser would drop content, and only there", () => {
    for (const [source, innermost] of [
      [quote(99), "The innermost words."],
      [list(49), "item 49"],
    ] as const) {
      const body = renderArticleBody(md, source);
      expect(body.tooDeep).toBeUndefined();
      expect(body.html).toContain(innermost);
    }
    const deepQuote = renderArticleBody(md, quote(100));
    expect(deepQuote.html).not.toContain("The innermost words.");
    expect(deepQuote.tooDeep).toBe(2);
    const deepList = renderArticleBody(md, list(50));
    expect(deepList.html).not.toContain("item 50");
    expect(deepList.tooDeep).toBe(51);
  });

  it("is not found in emphasis nested deeply, which the parser keeps", () => {
    const body = renderArticleBody(md, `Lead ${"*a _b ".repeat(60)}x${" b_ a*".repeat(60)} and the end.`);
    expect(body.tooDeep).toBeUndefined();
    expect(body.html).toContain("and the end.");
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
