import { describe, expect, it } from "vitest";
import { checkBodyImages, checkSiteLinks } from "../../../scripts/lib/content/site-links.ts";
import { formatProblem, type Problem } from "../../../scripts/lib/content/content-error.ts";

type Linking = Parameters<typeof checkSiteLinks>[0][number];

/** A link as the parse reads it: a path, or a whole address split at its path. */
const linkTo = (href: string, line: number) => {
  const whole = /^((?:https?:)?\/\/[^/]*)(.*)$/.exec(href);
  return whole ? { line, origin: whole[1] as string, path: whole[2] as string } : { line, path: href };
};

const draft = (name: string, links: string[] = [], aliases: string[] = [], images: string[] = []): Linking => ({
  file: `src/articles/${name}.md`,
  fileDate: name.slice(0, 10),
  slug: name.slice(11),
  fm: { aliases },
  siteLinks: links.map((href, i) => linkTo(href, 10 + i)),
  siteImages: images.map((src, i) => ({ line: 9 + 2 * i, src })),
});

const lists = new Set(["/section/world/", "/author/ada-reporter/", "/tag/ferries/"]);

function check(drafts: Linking[], published: string[], latest: { url?: string }[] = []): { problems: string[]; warnings: string[] } {
  const problems: Problem[] = [];
  const warnings: string[] = [];
  checkSiteLinks(drafts, latest, { published: new Set(published), lists, siteUrl: "https://broadsheet.example.org" }, problems, warnings);
  return { problems: problems.map(formatProblem), warnings };
}

describe("links from article bodies to the site's articles", () => {
  const harbour = draft("2025-03-10-harbour-tariffs", [], ["/news/tariffs/", "/2025/03/10/harbour-dues/"]);
  const draftStory = draft("2025-03-20-unpublished-draft");
  const published = ["/2025/03/10/harbour-tariffs/", "/2025/04/01/links/"];

  it("lets through links to an article, with or without its slash, a fragment or a query, and to an alias", () => {
    const linking = draft("2025-04-01-links", ["/2025/03/10/harbour-tariffs/", "/2025/03/10/harbour-tariffs", "/2025/03/10/harbour-dues/"]);
    expect(check([harbour, linking], published)).toEqual({ problems: [], warnings: [] });
  });

  it("reports a link to no article, with the nearest article of the link's day, and a case that differs", () => {
    const linking = draft("2025-04-01-links", ["/2025/03/10/harbour-tarifs/", "/2025/03/11/no-story/", "/2025/03/10/Harbour-Tariffs/"]);
    expect(check([harbour, linking], published).problems).toEqual([
      "src/articles/2025-04-01-links.md: (body): links at line 10 to /2025/03/10/harbour-tarifs/, which no article has; did you mean /2025/03/10/harbour-tariffs/? (expected the path of an article of this site, or an old path of one (its aliases))",
      "src/articles/2025-04-01-links.md: (body): links at line 11 to /2025/03/11/no-story/, which no article has (expected the path of an article of this site, or an old path of one (its aliases))",
      "src/articles/2025-04-01-links.md: (body): links at line 12 to /2025/03/10/Harbour-Tariffs/, which no article has; did you mean /2025/03/10/harbour-tariffs/? (expected the path of an article of this site, or an old path of one (its aliases))",
    ]);
  });

  it("reads a whole address on the site's host, by any scheme, as its path, and leaves other hosts alone", () => {
    const linking = draft("2025-04-01-links", [
      "https://broadsheet.example.org/2025/03/10/harbour-tariffs/",
      "//BROADSHEET.example.org/2025/03/10/harbour-dues",
      "http://broadsheet.example.org/2025/03/10/harbour-tarifs/",
      "https://broadsheet.example.org:8443/2025/03/10/nothing/",
      "https://example.com/2025/03/10/nothing/",
      "https://news.broadsheet.example.org/2025/03/10/nothing/",
    ]);
    expect(check([harbour, linking], published).problems).toEqual([
      "src/articles/2025-04-01-links.md: (body): links at line 12 to http://broadsheet.example.org/2025/03/10/harbour-tarifs/, which no article has; did you mean http://broadsheet.example.org/2025/03/10/harbour-tariffs/? (expected the path of an article of this site, or an old path of one (its aliases))",
    ]);
  });

  it("warns when a published article links to one this build does not publish, and not when an unpublished one does", () => {
    const linking = draft("2025-04-01-links", ["/2025/03/20/unpublished-draft/"]);
    expect(check([draftStory, linking], ["/2025/04/01/links/"])).toEqual({
      problems: [],
      warnings: [
        "src/articles/2025-04-01-links.md: (body): links at line 10 to /2025/03/20/unpublished-draft/, a draft or scheduled article: the link leads nowhere until it is published",
      ],
    });
    expect(check([draftStory, linking], [])).toEqual({ problems: [], warnings: [] });
  });
});

describe("links from article bodies and teasers to the site's lists", () => {
  it("lets through a section's, author's or tag's list, any page of it and its feed", () => {
    const linking = draft("2025-04-01-links", [
      "/section/world/",
      "/author/ada-reporter/",
      "/tag/ferries/",
      "https://broadsheet.example.org/tag/ferries/",
    ]);
    expect(check([linking], ["/2025/04/01/links/"])).toEqual({ problems: [], warnings: [] });
  });

  it("reports one the site does not have, with the nearest of its kind", () => {
    const linking = draft("2025-04-01-links", ["/section/wrold/", "/author/ada/", "/tag/feries/", "/tag/zebras/"]);
    expect(check([linking], ["/2025/04/01/links/"]).problems).toEqual([
      "src/articles/2025-04-01-links.md: (body): links at line 10 to /section/wrold/, which no section has; did you mean /section/world/? (expected the path of a section of _data/sections.yaml)",
      "src/articles/2025-04-01-links.md: (body): links at line 11 to /author/ada/, which no author has (expected the path of an author of _data/authors.yaml)",
      "src/articles/2025-04-01-links.md: (body): links at line 12 to /tag/feries/, which no tag has; did you mean /tag/ferries/? (expected the path of a tag a published article has)",
      "src/articles/2025-04-01-links.md: (body): links at line 13 to /tag/zebras/, which no tag has (expected the path of a tag a published article has)",
    ]);
  });
});

describe("links from the teaser list to the site", () => {
  const harbour = draft("2025-03-10-harbour-tariffs");
  const draftStory = draft("2025-03-20-unpublished-draft");

  it("are checked as a body's are, by the entry's field, and other sites' left alone", () => {
    const latest = [
      { url: "/2025/03/10/harbour-tarifs/" },
      {},
      { url: "https://broadsheet.example.org/tag/feries/" },
      { url: "https://example.org/2025/03/10/nothing/" },
      { url: "/2025/03/10/harbour-tariffs/" },
      { url: "/2025/03/20/unpublished-draft" },
    ];
    expect(check([harbour, draftStory], ["/2025/03/10/harbour-tariffs/"], latest)).toEqual({
      problems: [
        "_data/teasers.yaml: latest.0.url: links to /2025/03/10/harbour-tarifs/, which no article has; did you mean /2025/03/10/harbour-tariffs/? (expected the path of an article of this site, or an old path of one (its aliases))",
        "_data/teasers.yaml: latest.2.url: links to https://broadsheet.example.org/tag/feries/, which no tag has; did you mean https://broadsheet.example.org/tag/ferries/? (expected the path of a tag a published article has)",
      ],
      warnings: [
        "_data/teasers.yaml: latest.5.url: links to /2025/03/20/unpublished-draft/, a draft or scheduled article: the link leads nowhere until it is published",
      ],
    });
  });
});

describe("images in article bodies under /images/", () => {
  it("warn of one no published article has as its lead image, not of one that is", () => {
    const drafts = [
      draft("2025-03-10-harbour"),
      draft("2025-04-01-body", [], [], ["/images/harbour.jpg", "/images/chart.png"]),
      // Not published in this build: not checked.
      draft("2025-04-02-draft", [], [], ["/images/chart.png"]),
    ];
    const articles = [{ url: "/2025/03/10/harbour/", image: { src: "/images/harbour.jpg" } }, { url: "/2025/04/01/body/" }];
    const warnings: string[] = [];
    checkBodyImages(drafts, articles, warnings);
    expect(warnings).toEqual([
      "src/articles/2025-04-01-body.md: (body): the image /images/chart.png at line 11 is not published: the build publishes under /images/ only articles' lead images (their `image` field), so readers see only its alt text",
    ]);
  });
});
