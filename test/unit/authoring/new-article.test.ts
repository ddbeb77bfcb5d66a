import { describe, expect, it } from "vitest";
import { articleFrontMatterSchema } from "../../../scripts/lib/content/content-schema.ts";
import { splitFrontMatter } from "../../../scripts/lib/content/front-matter.ts";
import { newArticle, type NewArticleRequest } from "../../../scripts/lib/authoring/new-article.ts";

const request: NewArticleRequest = {
  title: "Harbour pilots vote to strike",
  section: "world",
  today: "2025-03-14",
  sections: ["world", "opinion"],
  authors: ["ada", "ben"],
};

describe("newArticle", () => {
  it("names the file from today and the title, with front matter the schema accepts", () => {
    const result = newArticle({ ...request, author: "ben" });
    if (!result.ok) throw new Error(result.errors.join("\n"));
    expect(result.fileName).toBe("2025-03-14-harbour-pilots-vote-to-strike.md");
    const split = splitFrontMatter(result.fileName, result.text);
    if (!split.ok) throw new Error("front matter does not parse");
    const fm = articleFrontMatterSchema("Europe/London", { sections: request.sections, authors: request.authors }).parse(split.data);
    expect(fm).toMatchObject({ title: "Harbour pilots vote to strike", section: "world", authors: ["ben"], draft: true });
    expect(fm.date.value.toISO()).toBe("2025-03-14T00:00:00.000+00:00");
    expect(fm.date.precision).toBe("day");
    expect(split.body.trim()).not.toBe("");
  });

  it("defaults to the first author and quotes titles YAML would misread", () => {
    const result = newArticle({ ...request, title: 'Yes: "no" # maybe' });
    expect(result.ok && result.author).toBe("ada");
    expect(result.ok && result.authorDefaulted).toBe(true);
    expect(result.ok && result.text).toContain('title: "Yes: \\"no\\" # maybe"\n');
  });

  it("lists every mistake with the valid ids and a suggestion", () => {
    expect(newArticle({ ...request, title: " ", section: "wrold", author: "zed" })).toEqual({
      ok: false,
      errors: [
        '--title: expected a headline, e.g. --title "Harbour tariffs rise"',
        '--section: "wrold" is not a known section; did you mean world? (valid: world, opinion)',
        '--author: "zed" is not a known author (valid: ada, ben)',
      ],
    });
  });

  it("asks for a slug when the title has no Latin letters, and checks a given one", () => {
    expect(newArticle({ ...request, title: "東京" })).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/no Latin letters.*--slug/)],
    });
    expect(newArticle({ ...request, title: "東京", slug: "tokyo" })).toMatchObject({ ok: true, fileName: "2025-03-14-tokyo.md" });
    expect(newArticle({ ...request, slug: "Bad Slug" })).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^--slug: "Bad Slug" is not a slug .*bad-slug/)],
    });
  });
});
