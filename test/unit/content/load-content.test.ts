import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ContentError } from "../../../scripts/lib/content/content-error.ts";
import { loadContent } from "../../../scripts/lib/content/load-content.ts";
import { RAIL_SIZE } from "../../../scripts/lib/content/teaser-lists.ts";
import { article, BASE_FILES, contentRoot, problemLines, removeContentRoots } from "../../helpers/content-root.ts";

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

  it("reports a YAML tag it does not read, naming the field and line, in front matter and data files", async () => {
    const tagged = article({ title: '!!js/function "function(){}"', tags: "[a, !!binary b]", summary: "!!str kept" });
    const sections = "- id: world\n  name: !custom World\n- id: opinion\n  name: Opinion\n";
    expect(await problemLines({ [A]: tagged, "_data/sections.yaml": sections })).toEqual([
      "_data/sections.yaml: 0.name: has a YAML tag this site does not read, !custom, at line 2 (expected a plain value: remove the tag)",
      `${A}: tags.1: has a YAML tag this site does not read, !!binary, at line 6 (expected a plain value: remove the tag)`,
      `${A}: title: has a YAML tag this site does not read, !!js/function, at line 2 (expected a plain value: remove the tag)`,
    ]);
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

  it("reports quotations or lists nested so deeply that Markdown would drop what is inside, with the line", async () => {
    const list = (depth: number) => Array.from({ length: depth }, (_, i) => `${"  ".repeat(i)}- item ${i + 1}`).join("\n");
    const quote = (depth: number) => `${">".repeat(depth)} The innermost words.`;
    expect(await problemLines({ [A]: article({}, `A lead paragraph.\n\n${list(49)}\n\n${quote(99)}\n\nThe end.`) })).toEqual([]);
    expect(
      await problemLines({
        [A]: article({}, `A lead paragraph.\n\n${list(60)}\n\nThe end.`),
        [B]: article({}, `A lead.\n\n${quote(100)}`),
      }),
    ).toEqual([
      `${A}: (body): nests quotations or lists so deeply at line 59 that Markdown drops what is inside them (expected quotations 99 deep at most, or lists 49 deep)`,
      `${B}: (body): nests quotations or lists so deeply at line 10 that Markdown drops what is inside them (expected quotations 99 deep at most, or lists 49 deep)`,
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

  it("words a number out of range as an author would", async () => {
    const site = `${BASE_FILES["_data/site.yaml"]}teaserLength: 5
perPage: 500
`;
    expect(await problemLines({ [A]: article(), "_data/site.yaml": site })).toEqual([
      "_data/site.yaml: perPage: is too large (got number 500, expected a number of at most 200)",
      "_data/site.yaml: teaserLength: is too small (got number 5, expected a number of at least 10)",
    ]);
  });

  it("reports a locale dates cannot be written in, and an unknown time zone, instead of failing on the first date", async () => {
    const site = (locale: string) => `title: Test\nurl: https://example.org\ntimeZone: Mars/Olympus\nlocale: ${locale}\n`;
    const expected = "expected a BCP 47 locale such as en-GB, fr or de-CH";
    const zone = `_data/site.yaml: timeZone: is not a known time zone (got "Mars/Olympus", expected an IANA time zone such as Europe/London)`;
    expect(await problemLines({ [A]: article(), "_data/site.yaml": site("en_GB") })).toEqual([
      `_data/site.yaml: locale: is not a well-formed locale tag (got "en_GB", ${expected})`,
      zone,
    ]);
    expect(await problemLines({ [A]: article(), "_data/site.yaml": site("xx") })).toEqual([
      `_data/site.yaml: locale: is not a locale dates can be written in (got "xx", ${expected})`,
      zone,
    ]);
  });

  it("takes tags differing only in case, accents and separators as one, and reports different names that make one URL", async () => {
    const root = await contentRoot({
      [A]: article({ tags: '[Économie, New-York, "C++"]' }),
      [B]: article({ tags: "[economie, new york]" }),
    });
    const site = await loadContent({ root, preview: false, now: "2025-04-01T00:00:00Z" });
    expect(site.tags.map((t) => [t.name, t.url]).sort()).toEqual([
      ["C++", "/tag/c/"],
      ["New-York", "/tag/new-york/"],
      ["Économie", "/tag/economie/"],
    ]);
    expect(await problemLines({ [A]: article({ tags: '["C++"]' }), [B]: article({ tags: "[Harbour, C]" }) })).toEqual([
      `${B}: tags.1: makes the same URL, /tag/c/, as the tag "C++" of ${A} (got "C", expected the same tag spelt as there, or a name that makes another URL)`,
    ]);
  });

  it("reports an image without alt text and a link without text in the body, by the file's line", async () => {
    expect(await problemLines({ [A]: article({}, "A lead.\n\nA photo: ![](harbour.jpg)\n\n[](https://example.org)") })).toEqual([
      `${A}: (body): has an image without alt text at line 10 (expected ![what the image shows](src), for readers who cannot see it)`,
      `${A}: (body): has a link without text at line 12 (expected [the words a reader follows](address))`,
    ]);
  });

  it("reports alt text that describes nothing, on a lead image and in the body", async () => {
    const lead = 'image:\n  src: /images/harbour-2.jpg\n  alt: "harbour-2"';
    const files = {
      [A]: article({}, "A lead.\n\n![IMG_2034](/images/a.jpg) and ![Photo](/images/b.jpg)").replace("---\n\n", `${lead}\n---\n\n`),
    };
    expect(await problemLines(files)).toEqual([
      `${A}: (body): has an image whose alt text describes nothing at line 13 (got "IMG_2034", expected ![what the image shows](src), not its file name or the word “photo”)`,
      `${A}: (body): has an image whose alt text describes nothing at line 13 (got "Photo", expected ![what the image shows](src), not its file name or the word “photo”)`,
      `${A}: image.alt: is a file name, which tells a reader who cannot see the image nothing (got "harbour-2", expected alt text describing what the image shows, for readers who cannot see it)`,
    ]);
  });

  it("reports a body's link to an article that does not exist, with the article of that day it may mean", async () => {
    expect(await problemLines({ [A]: article({}, "See [the other story](/2025/03/11/b-stroy/)."), [B]: article() })).toEqual([
      `${A}: (body): links at line 8 to /2025/03/11/b-stroy/, which no article has; did you mean /2025/03/11/b-story/? (expected the path of an article of this site, or an old path of one (its aliases))`,
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

  it("reports a published article's `updated` later than the build's time, and not a scheduled one's", async () => {
    expect(await problemLines({ [A]: article({ updated: "2025-04-02" }) })).toEqual([
      `${A}: updated: is later than the build's time: an update not made yet (got "2025-04-02T00:00:00+01:00", expected a time on or before 2025-04-01T00:00:00Z, when the article was last changed)`,
    ]);
    expect(await problemLines({ [A]: article({ date: "2025-05-01", updated: "2025-05-02" }) })).toEqual([]);
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
    // A section id in capitals is told the id, as an author's is.
    expect(await problemLines({ [A]: article({ section: "World", authors: "[Ada]" }) })).toEqual([
      `${A}: authors.0: is not a known author; did you mean \`ada\`? (got "Ada", expected one of ada, ben (from _data/authors.yaml))`,
      `${A}: section: is not a known section; did you mean \`world\`? (got "World", expected one of world, opinion (from _data/sections.yaml))`,
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

  it("reports unknown keys in data files too, with the fields the schema takes there", async () => {
    expect(
      await problemLines({
        [A]: article(),
        "_data/teasers.yaml": "latest:\n  - artcle: 2025-03-10-a-story\nlatst: []\n",
      }),
    ).toEqual([
      "_data/teasers.yaml: latest.0: needs exactly one of `article` and `text` (got an object, expected `article` (an article's file name without .md) or `text` with an optional `url`)",
      "_data/teasers.yaml: latest.0.artcle: is not a known field; did you mean `article`? (expected one of article, text, url)",
      "_data/teasers.yaml: latst: is not a known field; did you mean `latest`? (expected one of latest)",
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
    // Its own address, with or without the slash: a redirect to itself, which check:content finds as the build does.
    expect(await problemLines({ [A]: article({ aliases: "[/2025/03/10/a-story, /2025/03/10/A-Story/]" }) })).toEqual([
      `${A}: aliases.0: is the article's own address (expected an old path that no page or file of the site uses)`,
      `${A}: aliases.1: is the article's own address (expected an old path that no page or file of the site uses)`,
    ]);
  });

  it("reports section and author slugs that collide", async () => {
    const lines = await problemLines({
      "_data/sections.yaml": "- id: world\n  name: World\n- id: globe\n  name: Globe\n  slug: world\n",
      "_data/authors.yaml": "ada:\n  name: Ada\nada-r:\n  name: Ada R\n  slug: ada\n",
      [A]: article(),
    });
    // Each clash once, at the slug: not again for the pages of the section's or author's list.
    expect(lines).toEqual([
      "_data/authors.yaml: ada-r.slug: URL /author/ada/ is already used by author ada (expected a URL no other page uses)",
      "_data/sections.yaml: globe.slug: URL /section/world/ is already used by section world (expected a URL no other page uses)",
    ]);
  });

  it("reports an author id outside the rule as the id, not as the fields under it", async () => {
    expect(await problemLines({ "_data/authors.yaml": "ada:\n  name: Ada\nBen Columnist:\n  name: Ben\n", [A]: article() })).toEqual([
      `_data/authors.yaml: Ben Columnist: is not a valid id (got "Ben Columnist", expected an author id: lower-case letters, digits and hyphens)`,
    ]);
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

  it("reports two sections, or two authors, that readers would know by the same name", async () => {
    expect(
      await problemLines({
        [A]: article(),
        "_data/sections.yaml": "- id: world\n  name: World\n- id: abroad\n  name: world\n- id: opinion\n  name: Opinion\n",
        "_data/authors.yaml": "ada:\n  name: Ada Reporter\nada-r:\n  name: Ada  Reporter\nben:\n  name: Ben Columnist\n",
      }),
    ).toEqual([
      `_data/authors.yaml: ada-r.name: is the name of the author ada too: bylines and search's author filter could not tell them apart (got "Ada  Reporter", expected a name no other author has (a middle initial, say))`,
      `_data/sections.yaml: abroad.name: is the name of the section world too: the navigation and search's section filter could not tell them apart (got "world", expected a name no other section has)`,
    ]);
  });

  it("reports an author or an old path given twice in one article", async () => {
    expect(await problemLines({ [A]: article({ authors: "[ada, ada]", aliases: "[/old/a/, /old/b/, /old/a]" }) })).toEqual([
      `${A}: aliases.2: repeats aliases.0 (a path with or without its slash is one address) (got "/old/a", expected each old path once)`,
      `${A}: authors.1: repeats authors.0, so the byline would name them twice (got "ada", expected each author once)`,
    ]);
  });

  it("reports a teaser linking to a page of the site that does not exist, by path or by the site's address", async () => {
    const teasers =
      "latest:\n  - text: Ours\n    url: /2025/03/10/a-stroy/\n  - text: Also ours\n    url: https://example.org/section/wrold/\n";
    expect(await problemLines({ [A]: article(), "_data/teasers.yaml": teasers })).toEqual([
      `_data/teasers.yaml: latest.0.url: links to /2025/03/10/a-stroy/, which no article has; did you mean /2025/03/10/a-story/? (expected the path of an article of this site, or an old path of one (its aliases))`,
      `_data/teasers.yaml: latest.1.url: links to https://example.org/section/wrold/, which no section has; did you mean https://example.org/section/world/? (expected the path of a section of _data/sections.yaml)`,
    ]);
  });

  it("reports a teaser repeating an earlier one's story: the same article, a link to it, the same link or the same text", async () => {
    const teasers = [
      "latest:",
      "  - article: 2025-03-10-a-story",
      "  - text: Wire one",
      "    url: https://example.org/wire/1",
      "  - text: A note",
      "  - article: 2025-03-10-a-story",
      "  - text: The same story by its address",
      "    url: /2025/03/10/a-story",
      "  - text: Wire one again",
      "    url: https://example.org/wire/1/",
      "  - text: A note",
      "  - text: Another note",
    ].join("\n");
    const repeats = (i: number, field: string, got: string, earlier: number) =>
      `_data/teasers.yaml: latest.${i}.${field}: repeats latest.${earlier}, so the rail on every page would show the story twice (got "${got}", expected each article, link and text once in the list)`;
    expect(await problemLines({ [A]: article(), "_data/teasers.yaml": `${teasers}\n` })).toEqual([
      repeats(3, "article", "2025-03-10-a-story", 0),
      repeats(4, "url", "/2025/03/10/a-story", 0),
      repeats(5, "url", "https://example.org/wire/1/", 1),
      repeats(6, "text", "A note", 2),
    ]);
  });

  it("names the file a slug outside the rule should make, when the date and extension are right", async () => {
    expect(
      await problemLines({ "src/articles/2025-03-02-Café Crisis.md": article(), "src/articles/2025-03-03-Дума.md": article() }),
    ).toEqual([
      `src/articles/2025-03-02-Café Crisis.md: (file name): does not follow the naming rule (got "2025-03-02-Café Crisis.md", expected a slug of lowercase letters a-z, digits and single hyphens after the date, e.g. 2025-03-02-cafe-crisis.md)`,
      `src/articles/2025-03-03-Дума.md: (file name): does not follow the naming rule (got "2025-03-03-Дума.md", expected a slug of lowercase letters a-z, digits and single hyphens after the date, e.g. 2025-03-03-us-resumes-intelligence-sharing.md)`,
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

describe("a data file's problems", () => {
  const strip = (lines: string[]) => lines.map((l) => l.split(" (got")[0]?.split(": ").slice(0, 2).join(": "));

  it("do not hide the problems of the articles and teasers that depend on it", async () => {
    const lines = await problemLines({
      [A]: article({ section: "nosuch", authors: "[nobody]", tittle: "x" }),
      [B]: article({ authors: "[ada]" }),
      "_data/site.yaml": `${BASE_FILES["_data/site.yaml"]}teaserLength: 5\nperPage: many\n`,
      "_data/authors.yaml": 'ada:\n  name: Ada\n  url: "javascript:x"\nben:\n  bio: no name\n',
      "_data/sections.yaml": "- id: world\n  name: World\n  pageBudgetKB: 2\n- id: opinion\n",
      "_data/teasers.yaml": 'latest:\n  - text: Bad\n    url: "javascript:x"\n  - article: 2025-99-99-missing\n',
    });
    expect(strip(lines)).toEqual([
      "_data/authors.yaml: ada.url",
      "_data/authors.yaml: ben.name",
      "_data/sections.yaml: 0.pageBudgetKB",
      "_data/sections.yaml: 1.name",
      "_data/site.yaml: perPage",
      "_data/site.yaml: teaserLength",
      "_data/teasers.yaml: latest.0.url",
      "_data/teasers.yaml: latest.1.article",
      `${A}: authors.0`,
      `${A}: section`,
      `${A}: tittle`,
    ]);
  });

  it("stop the load alone when a setting the articles need is invalid", async () => {
    const lines = await problemLines({
      [A]: article({ section: "nosuch" }),
      "_data/site.yaml": "title: Test\nurl: https://example.org\ntimeZone: Mars/Olympus\n",
    });
    expect(strip(lines)).toEqual(["_data/site.yaml: timeZone"]);
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

describe("text hygiene at the door", () => {
  const VT = "\u000b";
  /** Lines about control characters only: some fields have other problems here too (an image file that does not exist). */
  const controlLines = async (files: Record<string, string>) => (await problemLines(files)).filter((l) => l.includes("control character"));

  it.each([
    ["title", { title: `"Harbour${VT}tariffs"` }, "title", 8],
    ["summary", { summary: `"A summary\\u0008 with an escape"` }, "summary", 10],
    ["a tag", { tags: `[Harbour, "Ta\\u001bg"]` }, "tags.1", 3],
    ["an author id", { authors: `["ad\\u0085a"]` }, "authors.0", 3],
    ["the section", { section: `"wor\\u007fld"` }, "section", 4],
    ["image alt text", { image: `{ src: a.jpg, alt: "A${VT}harbour" }` }, "image.alt", 2],
    ["an image caption", { image: `{ src: a.jpg, alt: A harbour, caption: "x\\u009by" }` }, "image.caption", 2],
    ["an image credit", { image: `{ src: a.jpg, alt: A harbour, credit: "\\u0007Ann" }` }, "image.credit", 1],
    ["an alias", { aliases: `["/old\\u0000/"]` }, "aliases.0", 5],
  ])("refuses a control character in %s, naming the field and position", async (_, fields, field, at) => {
    const lines = await controlLines({ [A]: article(fields) });
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${A}: ${field.replace(".", "\\.")}: contains a control character, U\\+00[0-9A-F]{2}( \\([a-z ]+\\))?, at character ${at} \\(expected text without control characters`,
        ),
      ),
    ]);
  });

  it("refuses control characters in the body and in comments by line and column, allowing CR LF", async () => {
    const source = `---\r\ntitle: A headline\r\n# a comment\u001b[31m\r\ndate: 2025-03-10\r\nsection: world\r\nauthors: [ada]\r\n---\r\n\r\nA lead\u0008 paragraph.\r\n\r\nMore \u001b]8;;https://evil.example\u0007text.\r\n`;
    expect(await controlLines({ [A]: source })).toEqual([
      `${A}: (body): contains 3 control characters, U+0008 (backspace), U+001B (escape), U+0007 (bell), at line 9, column 7, line 11, column 6, line 11, column 31 (expected text without control characters (tab and line breaks only): delete it, or retype the text around it)`,
      `${A}: (front matter): contains a control character, U+001B (escape), at line 3, column 12 (expected text without control characters (tab and line breaks only): delete it, or retype the text around it)`,
    ]);
  });

  it.each([
    [
      "_data/site.yaml",
      `title: "Te${VT}st"\ntagline: "\\u001b[2J"\nurl: https://example.org\ntimeZone: Europe/London\n`,
      ["tagline", "title"],
    ],
    ["_data/authors.yaml", `ada:\n  name: "Ada\\bReporter"\n  bio: "x\\u0085"\nben:\n  name: Ben\n`, ["ada.bio", "ada.name"]],
    [
      "_data/sections.yaml",
      `- id: world\n  name: "Wor${VT}ld"\n  description: "\\u009b"\n- id: opinion\n  name: Opinion\n`,
      ["0.description", "0.name"],
    ],
    [
      "_data/teasers.yaml",
      `latest:\n  - text: "Hello\\u0007"\n    url: "https://example.org/\\u0000"\n`,
      ["latest.0.text", "latest.0.url"],
    ],
  ])("refuses control characters in %s by field", async (file, text, fields) => {
    const lines = await controlLines({ [A]: article(), [file]: text });
    expect(lines.map((l) => l.split(": ").slice(0, 2).join(": "))).toEqual(fields.map((f) => `${file}: ${f}`));
  });

  it.each(["_data/site.yaml", "_data/authors.yaml", "_data/sections.yaml", "_data/teasers.yaml", A])(
    "refuses %s saved as Latin-1, naming the byte offset and line",
    async (file) => {
      const text = file === A ? article({ title: "Café naïve" }) : `# Café naïve\n${BASE_FILES[file] ?? ""}`;
      const root = await contentRoot({ [A]: article() });
      await writeFile(path.join(root, file), Buffer.from(text, "latin1"));
      const offset = Buffer.from(text, "latin1").indexOf(0xe9);
      const line = text.slice(0, offset).split("\n").length;
      await expect(loadContent({ root, preview: false, now: "2025-04-01T00:00:00Z" })).rejects.toThrow(
        `${file}: (file): is not UTF-8 text: byte 0xE9 at byte offset ${offset} (line ${line}) is not valid UTF-8`,
      );
    },
  );

  it("stops an alias bomb in front matter or a data file with a message naming the file", async () => {
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 0; i < 8; i++) {
      const [prev, name] = [String.fromCharCode(97 + i), String.fromCharCode(98 + i)];
      bomb.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(",")}]`);
    }
    const message =
      "expands its aliases (*name) into too much data, the mark of an “alias bomb” (billion laughs) that would exhaust memory";
    expect(await problemLines({ [A]: `---\n${bomb.join("\n")}\n---\n\nBody.\n` })).toEqual([
      `${A}: (yaml): ${message} (expected YAML without anchors (&name) and aliases (*name), or only a few)`,
    ]);
    expect(await problemLines({ [A]: article(), "_data/authors.yaml": bomb.join("\n") })).toEqual([
      `_data/authors.yaml: (yaml): ${message} (expected YAML without anchors (&name) and aliases (*name), or only a few)`,
    ]);
  });
});

describe("warnings", () => {
  it("name each published article with sentences run together, by line, without failing the load", async () => {
    const root = await contentRoot({
      [A]: article({}, "America is free.In 9 years.\n\nFine here. And here, e.g.This is U.S.Navy talk.\n\nYou.It and them.The end."),
    });
    const site = await loadContent({ root, preview: false, now: "2025-04-01T00:00:00Z" });
    expect(site.warnings).toEqual([
      `${A}: (body): has 3 sentences that run into the next without a space: line 8 (“free.In”), line 12 (“You.It”), line 12 (“them.The”) (expected a space after the full stop; “free.In” also reads as a web address)`,
    ]);
  });
});

describe("links and paths in content", () => {
  const TEASERS = "_data/teasers.yaml";
  it("refuses a teaser link to a script or to another site disguised as a path, saying why", async () => {
    const lines = await problemLines({
      [A]: article(),
      [TEASERS]:
        'latest:\n  - text: Phish\n    url: "//evil.example/phish"\n  - text: Script\n    url: "javascript:alert(document.cookie)"\n',
    });
    expect(lines).toEqual([
      `${TEASERS}: latest.0.url: is protocol-relative (//host): it leads to another site, not to a path of this one (got "//evil.example/phish", expected an absolute https:// (or http://) address, or a path on this site starting with a single /)`,
      `${TEASERS}: latest.1.url: uses the javascript: scheme; only https: and http: links are allowed (got "javascript:alert(document.cookie)", expected an absolute https:// (or http://) address, or a path on this site starting with a single /)`,
    ]);
  });

  it("refuses an author's page that is not a web address", async () => {
    const lines = await problemLines({
      [A]: article(),
      "_data/authors.yaml": 'ada:\n  name: Ada\n  url: "javascript:alert(1)"\nben:\n  name: Ben\n  url: "mailto:ben@example.org"\n',
    });
    expect(lines.map((l) => l.split(" (got")[0])).toEqual([
      "_data/authors.yaml: ada.url: uses the javascript: scheme; only https: and http: links are allowed",
      "_data/authors.yaml: ben.url: uses the mailto: scheme; only https: and http: links are allowed",
    ]);
  });

  it("refuses aliases that are patterns or shadow the site's own files", async () => {
    const lines = await problemLines({
      [A]: article({ aliases: '["/*", "/:year/story", "/old?id=3", "/pagefind/pagefind.js", "/sw.js", "/feed.xml", "/about/", "/fine/"]' }),
    });
    expect(lines.map((l) => l.split(" (got")[0]?.split(" (expected")[0])).toEqual([
      `${A}: aliases.0: has a *, which _redirects reads as a splat matching any path`,
      `${A}: aliases.1: has a placeholder (:year), which _redirects reads as matching any segment`,
      `${A}: aliases.2: has a query or fragment (? or #); an alias is a path alone`,
    ]);
    const shadows = await problemLines({
      [A]: article({ aliases: '["/pagefind/pagefind.js", "/sw.js", "/Feed.xml", "/about/", "/fine/"]' }),
    });
    expect(shadows).toEqual([
      `${A}: aliases.0: is inside /pagefind/, where the build keeps files of its own (expected an old path that no page or file of the site uses)`,
      `${A}: aliases.1: is the address of the site's own /sw.js (expected an old path that no page or file of the site uses)`,
      `${A}: aliases.2: is the address of the site's own /Feed.xml (expected an old path that no page or file of the site uses)`,
      `${A}: aliases.3: URL /about/ is already used by a built-in page (expected a URL no other page uses)`,
    ]);
  });
});

describe("the Latest rail", () => {
  it("shows the first teasers only, and says how many a long list left out, naming the file", async () => {
    const entries = Array.from({ length: 10_000 }, (_, i) => `  - text: Teaser ${i}`).join("\n");
    const root = await contentRoot({ [A]: article(), "_data/teasers.yaml": `latest:\n  - article: 2025-03-10-a-story\n${entries}\n` });
    const site = await loadContent({ root, preview: false, now: "2025-04-01T00:00:00Z" });
    expect(site.latest).toHaveLength(RAIL_SIZE);
    expect(site.latest[0]?.url).toBe("/2025/03/10/a-story/");
    expect(site.latest.at(-1)?.text).toBe(`Teaser ${RAIL_SIZE - 2}`);
    expect(site.warnings).toEqual([
      `_data/teasers.yaml: latest: has 10,001 teasers to show; the rail shows the first ${RAIL_SIZE} and leaves out ${(10_001 - RAIL_SIZE).toLocaleString("en")}`,
    ]);
  });

  it("still reports a teaser beyond the rail that names no article", async () => {
    const entries = Array.from({ length: 30 }, (_, i) => `  - text: Teaser ${i}`).join("\n");
    const lines = await problemLines({ [A]: article(), "_data/teasers.yaml": `latest:\n${entries}\n  - article: 2025-01-01-gone\n` });
    expect(lines).toEqual([expect.stringContaining("_data/teasers.yaml: latest.30.article: names an article that does not exist")]);
  });
});
