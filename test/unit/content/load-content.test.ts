import { afterAll, describe, expect, it } from "vitest";
import { ContentError } from "../../../scripts/lib/content/content-error.ts";
import { loadContent } from "../../../scripts/lib/content/load-content.ts";
import { article, contentRoot, problemLines, removeContentRoots } from "../../helpers/content-root.ts";

afterAll(removeContentRoots);

const A = "src/articles/2025-03-10-a-story.md";
const B = "src/articles/2025-03-11-b-story.md";
const DATE_FORMS = "an ISO 8601 date (2025-03-12) or date-time with offset (2025-03-12T09:30:00+00:00)";
const PUBLICATION_DATE_FORMS = `${DATE_FORMS}, or a year (1790) or month (1790-12) when the day is not known`;

describe("content errors, one line each: file: field: what is wrong (got …, expected …)", () => {
  it("accepts valid content", async () => {
    expect(await problemLines({ [A]: article() })).toEqual([]);
  });

  it("reports YAML that does not parse, with its line in the file", async () => {
    const source = "---\ntitle: A headline\ndate: 2025-03-10\ntags: [one, two\nsection: world\n---\n\nBody.\n";
    const [line, ...rest] = await problemLines({ [A]: source });
    expect(rest).toEqual([]);
    expect(line).toMatch(/^src\/articles\/2025-03-10-a-story\.md: \(yaml\): does not parse at line 5: .+ \(expected valid YAML\)$/);
  });

  it("reports a duplicated key as YAML that does not parse", async () => {
    const lines = await problemLines({
      [A]: "---\ntitle: One\ntitle: Two\ndate: 2025-03-10\nsection: world\nauthors: [ada]\n---\n\nBody.\n",
    });
    expect(lines).toEqual([`${A}: (yaml): does not parse at line 3: Map keys must be unique (expected valid YAML)`]);
  });

  it("reports missing front matter and missing required fields", async () => {
    expect(await problemLines({ [A]: "Just text.\n" })).toEqual([
      `${A}: (front matter): is missing (expected the file to start with a line \`---\`)`,
    ]);
    expect(await problemLines({ [A]: article({ title: null, section: null, authors: null }) })).toEqual([
      `${A}: authors: is missing (got nothing, expected one or more author ids from _data/authors.yaml)`,
      `${A}: section: is missing (got nothing, expected a section id from _data/sections.yaml)`,
      `${A}: title: is missing (got nothing, expected a headline)`,
    ]);
  });

  it("reports wrong types in words an author knows", async () => {
    expect(await problemLines({ [A]: article({ image: "{ src: /images/a.jpg, alt: A harbour, caption: 5 }" }) })).toEqual([
      `${A}: image.caption: has the wrong type (got number 5, expected text)`,
    ]);
    expect(
      await problemLines({ [A]: article({ title: "[a, list]", draft: '"yes"', tags: "Economy", image: "/photo.jpg", aliases: "/old/" }) }),
    ).toEqual([
      `${A}: aliases: has the wrong type (got "/old/", expected a list of old site paths, e.g. [/old/path/])`,
      `${A}: draft: has the wrong type (got "yes", expected true or false)`,
      `${A}: image: has the wrong type (got "/photo.jpg", expected an image with \`src\` and \`alt\` (and optionally \`caption\`, \`credit\`))`,
      `${A}: tags: has the wrong type (got "Economy", expected a list of tags, e.g. [Economy, Europe])`,
      `${A}: title: has the wrong type (got a list of 2, expected a headline)`,
    ]);
  });

  it("reports impossible dates, saying why", async () => {
    expect(await problemLines({ [A]: article({ date: "2025-02-30" }) })).toEqual([
      `${A}: date: no such date or time: February 2025 has 28 days, not day 30 (got "2025-02-30", expected ${PUBLICATION_DATE_FORMS})`,
    ]);
    expect(await problemLines({ [A]: article({ date: "2025-13-01" }) })).toEqual([
      `${A}: date: no such date or time: there is no month 13 (got "2025-13-01", expected ${PUBLICATION_DATE_FORMS})`,
    ]);
    expect(await problemLines({ [A]: article({ date: "2025-03-10T09:30" }) })).toEqual([
      `${A}: date: a date-time needs an offset such as +00:00 or Z (got "2025-03-10T09:30", expected ${PUBLICATION_DATE_FORMS})`,
    ]);
  });

  it("reports a year or month a source gives that is not one, and a partial `updated`", async () => {
    expect(await problemLines({ [A]: article({ date: "2025-13" }) })).toEqual([
      `${A}: date: no such month: there is no month 13 (got "2025-13", expected ${PUBLICATION_DATE_FORMS})`,
    ]);
    expect(await problemLines({ [A]: article({ date: "790" }) })).toEqual([
      `${A}: date: a year is written with four digits, a month with two (1790, 1790-12) (got number 790, expected ${PUBLICATION_DATE_FORMS})`,
    ]);
    expect(await problemLines({ [A]: article({ date: "1790-3" }) })).toEqual([
      `${A}: date: a year is written with four digits, a month with two (1790, 1790-12) (got "1790-3", expected ${PUBLICATION_DATE_FORMS})`,
    ]);
    expect(await problemLines({ [A]: article({ date: "March 1790" }) })).toEqual([
      `${A}: date: is not a date in a form this site reads (got "March 1790", expected ${PUBLICATION_DATE_FORMS})`,
    ]);
    expect(await problemLines({ [A]: article({ updated: "2025" }) })).toEqual([
      `${A}: updated: needs the day: only \`date\` may give just a year or a month (got number 2025, expected ${DATE_FORMS})`,
    ]);
  });

  it("reports `updated` before `date`, also when the file has other problems", async () => {
    const line = `${A}: updated: is before \`date\` (got "2025-03-09T23:59:00Z", expected a time on or after \`date\`)`;
    expect(await problemLines({ [A]: article({ updated: "2025-03-09T23:59:00Z" }) })).toEqual([line]);
    expect(await problemLines({ [A]: article({ updated: "2025-03-09T23:59:00Z", title: '""' }) })).toEqual([
      `${A}: title: is empty (got "", expected a headline, not empty text)`,
      line,
    ]);
    // On the same day, later is fine: a date alone is midnight in the site zone.
    expect(await problemLines({ [A]: article({ updated: "2025-03-10T08:00:00+00:00" }) })).toEqual([]);
  });

  it("reports unknown section and author ids with the valid ones and a suggestion", async () => {
    expect(await problemLines({ [A]: article({ section: "wrold", authors: "[ada, bne, zed]" }) })).toEqual([
      `${A}: authors.1: is not a known author; did you mean \`ben\`? (got "bne", expected one of ada, ben (from _data/authors.yaml))`,
      `${A}: authors.2: is not a known author (got "zed", expected one of ada, ben (from _data/authors.yaml))`,
      `${A}: section: is not a known section; did you mean \`world\`? (got "wrold", expected one of world, opinion (from _data/sections.yaml))`,
    ]);
    expect(await problemLines({ [A]: article({ authors: "zed" }) })).toEqual([
      `${A}: authors.0: is not a known author (got "zed", expected one of ada, ben (from _data/authors.yaml))`,
    ]);
  });

  it("reports unknown keys with a did-you-mean for near misses", async () => {
    const keys = "title, date, updated, section, authors, tags, summary, image, draft, aliases";
    expect(await problemLines({ [A]: article({ tittle: "Typo", colour: "red" }) })).toEqual([
      `${A}: colour: is not a known field (expected one of ${keys})`,
      `${A}: tittle: is not a known field; did you mean \`title\`? (expected one of ${keys})`,
    ]);
    expect(await problemLines({ [A]: article({ image: "{ src: /a.jpg, alt: A harbour, credits: AP }" }) })).toEqual([
      `${A}: image.credits: is not a known field; did you mean \`credit\`? (expected one of src, alt, caption, credit)`,
    ]);
  });

  it("reports an image without alt text, or with empty alt text", async () => {
    expect(await problemLines({ [A]: article({ image: "{ src: /a.jpg }" }) })).toEqual([
      `${A}: image.alt: is missing (got nothing, expected alt text describing the image for readers who cannot see it)`,
    ]);
    expect(await problemLines({ [A]: article({ image: '{ src: /a.jpg, alt: "  " }' }) })).toEqual([
      `${A}: image.alt: is empty (got " ", expected alt text describing the image for readers who cannot see it)`,
    ]);
  });

  it("reports two files with the same output URL, and an alias that takes another page's URL", async () => {
    expect(await problemLines({ [A]: article(), "src/articles/opinion/2025-03-10-a-story.md": article() })).toEqual([
      `src/articles/opinion/2025-03-10-a-story.md: (file name): URL /2025/03/10/a-story/ is already used by ${A} (expected a URL no other page uses)`,
    ]);
    expect(await problemLines({ [A]: article(), [B]: article({ aliases: "[/2025/03/10/a-story/]" }) })).toEqual([
      `${B}: aliases.0: URL /2025/03/10/a-story/ is already used by ${A} (expected a URL no other page uses)`,
    ]);
  });

  it("reports section and author slugs that collide", async () => {
    const lines = await problemLines({
      "_data/sections.yaml": "- id: world\n  name: World\n- id: globe\n  name: Globe\n  slug: world\n",
      "_data/authors.yaml": "ada:\n  name: Ada\nada-r:\n  name: Ada R\n  slug: ada\n",
      [A]: article(),
    });
    // Pages derived from a section or author (e.g. its later pages) may report the clash too.
    expect(lines).toEqual(
      expect.arrayContaining([
        "_data/authors.yaml: ada-r.slug: URL /author/ada/ is already used by author ada (expected a URL no other page uses)",
        "_data/sections.yaml: globe.slug: URL /section/world/ is already used by section world (expected a URL no other page uses)",
      ]),
    );
  });

  it("reports a teaser that names an article that does not exist", async () => {
    expect(
      await problemLines({
        [A]: article(),
        "_data/teasers.yaml": "latest:\n  - article: 2025-03-10-a-story\n  - article: 2025-03-10-no-such-story\n",
      }),
    ).toEqual([
      `_data/teasers.yaml: latest.1.article: names an article that does not exist (got "2025-03-10-no-such-story", expected a file name (without .md) under src/articles/)`,
    ]);
  });

  it("reports a file name that breaks the naming rule or starts with a date that does not exist", async () => {
    expect(await problemLines({ "src/articles/My Story.md": article(), "src/articles/2025-02-30-x.md": article() })).toEqual([
      `src/articles/2025-02-30-x.md: (file name): starts with a date that does not exist (got "2025-02-30", expected a real date YYYY-MM-DD)`,
      `src/articles/My Story.md: (file name): does not follow the naming rule (got "My Story.md", expected YYYY-MM-DD-slug.md, e.g. 2025-03-12-us-resumes-intelligence-sharing.md)`,
    ]);
  });

  it("lists every problem across all files in one run", async () => {
    const root = await contentRoot({
      [A]: article({ date: "2025-02-30", section: "sport", tittle: "x", image: "{ src: /a.jpg }" }),
      [B]: "---\ntitle: [unclosed\n---\n\nBody.\n",
      "src/articles/2025-03-12-c-story.md": article({ title: null, updated: "2025-03-01" }),
      "_data/teasers.yaml": "latest:\n  - article: nowhere\n",
    });
    const error = await loadContent({ root, preview: false, now: "2025-04-01T00:00:00Z" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    const message = (error as ContentError).message;
    expect(message.split("\n")[0]).toBe("Content has 8 problems:");
    // Every problem of every file, sorted by file and field, each on its own indented line.
    expect(
      message
        .split("\n")
        .slice(1)
        .map((l) => l.replace(/^  (\S+?): (\S+?): .*$/, "$1 $2")),
    ).toEqual([
      "_data/teasers.yaml latest.0.article",
      `${A} date`,
      `${A} image.alt`,
      `${A} section`,
      `${A} tittle`,
      `${B} (yaml)`,
      "src/articles/2025-03-12-c-story.md title",
      "src/articles/2025-03-12-c-story.md updated",
    ]);
  });
});

describe("the order of articles", () => {
  it("orders articles by instant across the autumn clock change, not by the text of their dates", async () => {
    // 01:30 BST is 00:30 UTC; 01:10 GMT, an hour later on the clock's second pass, is 01:10 UTC.
    const root = await contentRoot({
      "src/articles/2025-10-26-first-pass.md": article({ title: "First pass", date: "2025-10-26T00:30:00Z" }),
      "src/articles/2025-10-26-second-pass.md": article({ title: "Second pass", date: "2025-10-26T01:10:00Z" }),
    });
    const site = await loadContent({ root, preview: false, now: "2025-11-01T00:00:00Z" });
    expect(site.articles.map((a) => [a.title, a.date.iso])).toEqual([
      ["Second pass", "2025-10-26T01:10:00+00:00"],
      ["First pass", "2025-10-26T01:30:00+01:00"],
    ]);
  });
});

describe("dates known only to the year or month", () => {
  it("shows and files them as far as they are known, sorted as the start of their year or month", async () => {
    const root = await contentRoot({
      "src/articles/1790-01-01-year.md": article({ title: "Year", date: "1790" }),
      "src/articles/1790-01-02-month.md": article({ title: "Month", date: '"1790-12"' }),
      "src/articles/1790-03-05-day.md": article({ title: "Day", date: "1790-03-05" }),
    });
    const site = await loadContent({ root, preview: false, now: "2025-11-01T00:00:00Z" });
    expect(site.articles.map((a) => [a.title, a.date.datetime, a.date.human, a.date.precision, a.date.month])).toEqual([
      ["Month", "1790-12", "December 1790", "month", 12],
      ["Day", site.articles[1]?.date.iso, "5 March 1790", "day", 3],
      ["Year", "1790", "1790", "year", undefined],
    ]);
    const lists = new Map(site.listings.lists.map((l) => [l.url, l.items.map((i) => i.title)]));
    expect(lists.get("/archive/1790/")).toEqual(["Month", "Day", "Year"]);
    expect(lists.get("/archive/1790/12/")).toEqual(["Month"]);
    expect(lists.get("/archive/1790/03/")).toEqual(["Day"]);
    expect(lists.get("/archive/1790/01/")).toBeUndefined();
    // URLs still come from the file name.
    expect(site.articles.find((a) => a.title === "Year")?.url).toBe("/1790/01/01/year/");
  });
});
