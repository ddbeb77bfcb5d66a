import * as pagefind from "pagefind";
import { afterAll, describe, expect, it } from "vitest";
import { searchDocument, utcIso } from "../../../scripts/lib/search/search-document.ts";
import { makeArticle, tag } from "../../helpers/model.ts";

const image = {
  src: "/images/harbour.jpg",
  file: "/content/src/images/harbour.jpg",
  alt: "The harbour at dawn",
  caption: "Boats & nets",
  credit: "Photo: A. Smith",
};
const article = makeArticle("2025-03-10T08:15:00+01:00", "strike", {
  title: `Keepers "strike" over <automation>`,
  summary: "Pay & hours are at stake.",
  tags: [tag("Trade"), tag("Coasts")],
  image,
});
const BODY = "<p>The keepers walked out at dawn.</p>";

afterAll(() => pagefind.close());

/** What Pagefind itself reads from a document: its metadata and how many distinct words it indexed. */
async function pagefindView(html: string) {
  const { index } = await pagefind.createIndex({});
  const { file, errors } = await index!.addHTMLFile({ url: "/x/", content: html });
  await index!.deleteIndex();
  expect(errors).toEqual([]);
  return file;
}

describe("searchDocument", () => {
  it("gives Pagefind the headline, date, section and image a result shows, from attributes", async () => {
    const file = await pagefindView(searchDocument(article, "en-GB", BODY));
    expect(file.meta).toMatchObject({
      title: `Keepers "strike" over <automation>`,
      date: article.date.human,
      section: article.section.name,
      image: "/images/harbour.jpg",
      image_alt: "The harbour at dawn",
    });
  });

  it("indexes the words a reader sees — headline, standfirst, caption, credit, body — and no metadata", async () => {
    const doc = searchDocument(article, "en-GB", BODY);
    const words = (html: string) =>
      html
        .replace(/<[^>]*>/g, " ")
        .replace(/&[a-z]+;/g, " ")
        .split(/\s+/)
        .filter(Boolean);
    expect(words(doc)).toEqual(
      expect.arrayContaining(["Keepers", "automation", "Pay", "hours", "Boats", "nets", "Photo:", "Smith", "walked", "dawn."]),
    );
    // Section, tags, authors and the date are filters and metadata, not words.
    for (const absent of ["Trade", "Coasts", "Ada", "Reporter", article.section.name, "March"]) expect(words(doc)).not.toContain(absent);
    const file = await pagefindView(doc);
    expect(file.uniqueWords).toBeGreaterThanOrEqual(14);
  });

  it("weights the headline above the standfirst, and leaves out a standfirst that only repeats the lead", () => {
    expect(searchDocument(article, "en-GB", BODY)).toMatch(
      /data-pagefind-weight="10">Keepers &quot;strike&quot; over &lt;automation&gt;<\/h1>[\s\S]*data-pagefind-weight="4">Pay &amp; hours/,
    );
    const sameAsLead = { ...article, summary: article.lead };
    expect(searchDocument(sameAsLead, "en-GB", BODY)).not.toContain('data-pagefind-weight="4"');
  });

  it("carries filters for section, year, each author and each tag, and a UTC sort key", () => {
    const doc = searchDocument(article, "en-GB", BODY);
    expect(doc).toContain('<data value="2025-03-10T07:15:00.000Z" data-pagefind-sort="date[value]">');
    expect(doc).toContain('<data value="2025" data-pagefind-filter="year[value]">');
    expect(doc).toContain('<data value="Ada Reporter" data-pagefind-filter="author[value]">');
    expect(doc.match(/data-pagefind-filter="tag\[value\]"/g)).toHaveLength(2);
    expect(doc).toMatch(/^<!doctype html><html lang="en-GB">/);
  });
});

describe("utcIso", () => {
  it("sorts as text in time order whatever the offsets", () => {
    const times = ["2025-03-30T01:30:00+00:00", "2025-03-30T03:00:00+02:00", "2025-03-30T00:59:00-01:00"];
    expect(times.map(utcIso).sort()).toEqual(["2025-03-30T01:00:00.000Z", "2025-03-30T01:30:00.000Z", "2025-03-30T01:59:00.000Z"]);
  });
});
