import { describe, expect, it } from "vitest";
import { buildListings, pageLinks, paginate, type ListingInput } from "../../../scripts/lib/content/listings.ts";
import type { PageLink } from "../../../scripts/lib/content/site-model.ts";
import { ada, article, ben, opinion, section, tag, world } from "../../helpers/listing-articles.ts";

const numbers = (links: PageLink[]) => links.map((l) => (l.gap ? "…" : l.current ? `[${l.number}]` : String(l.number))).join(" ");

describe("page numbers", () => {
  it("show every page of a short list", () => {
    expect(numbers(pageLinks("/t/", 2, 4))).toBe("1 [2] 3 4");
  });

  it("show the first, the last and two either side of the current page, with gaps", () => {
    expect(numbers(pageLinks("/t/", 1, 50))).toBe("[1] 2 3 … 50");
    expect(numbers(pageLinks("/t/", 25, 50))).toBe("1 … 23 24 [25] 26 27 … 50");
    expect(numbers(pageLinks("/t/", 50, 50))).toBe("1 … 48 49 [50]");
  });

  it("show a single missing page instead of a gap", () => {
    expect(numbers(pageLinks("/t/", 4, 7))).toBe("1 2 3 [4] 5 6 7");
  });

  it("link page 1 to the list's own URL and later pages below it", () => {
    expect(pageLinks("/tag/x/", 1, 2)).toEqual([
      { gap: false, number: 1, url: "/tag/x/", current: true },
      { gap: false, number: 2, url: "/tag/x/page/2/", current: false },
    ]);
  });
});

describe("paginate", () => {
  const spec = { kind: "tag" as const, label: "Tag", name: "Coasts", description: "", url: "/tag/coasts/", owner: "tag Coasts" };
  const items = Array.from({ length: 7 }, (_, i) => article(i, world, [], []));

  it("splits a list into pages with their neighbours, numbers and titles", () => {
    const pages = paginate({ ...spec, items }, 3);
    expect(pages.map((p) => [p.url, p.items.length, p.prevUrl, p.nextUrl])).toEqual([
      ["/tag/coasts/", 3, undefined, "/tag/coasts/page/2/"],
      ["/tag/coasts/page/2/", 3, "/tag/coasts/", "/tag/coasts/page/3/"],
      ["/tag/coasts/page/3/", 1, "/tag/coasts/page/2/", undefined],
    ]);
    expect(pages.map((p) => p.title)).toEqual(["Coasts (tag)", "Coasts (tag), page 2 of 3", "Coasts (tag), page 3 of 3"]);
    expect(pages.flatMap((p) => p.items)).toEqual(items);
    expect(pages.every((p) => p.pageCount === 3 && p.firstUrl === "/tag/coasts/")).toBe(true);
  });

  it("gives an empty list one page and no page numbers", () => {
    const [only, ...rest] = paginate({ ...spec, items: [] }, 3);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ url: "/tag/coasts/", pageNumber: 1, pageCount: 1, items: [], pageLinks: [] });
    expect(only?.prevUrl).toBeUndefined();
    expect(only?.nextUrl).toBeUndefined();
  });
});

describe("buildListings", () => {
  const coasts = tag("coasts");
  const trade = tag("trade");
  // 2025-03-31 back to 2025-01-31: newest first, across three months.
  const articles = [
    article(0, world, [ada], [coasts]),
    article(10, opinion, [ben], [coasts, trade]),
    article(20, world, [ada, ben], []),
    article(40, world, [ada], [trade]),
    article(59, opinion, [ben], [coasts]),
  ];
  const input: ListingInput = {
    articles,
    sections: [world, opinion, section("science")],
    authors: [ada, ben],
    tags: [coasts, trade],
    perPage: 2,
    locale: "en-GB",
  };
  const { lists, directories } = buildListings(input);
  const urlsOf = (url: string) => lists.find((l) => l.url === url)?.items.map((a) => a.url);

  it("makes every list's pages, keeping articles newest first", () => {
    expect(lists.map((l) => l.url)).toEqual([
      "/section/world/",
      "/section/world/page/2/",
      "/section/opinion/",
      "/section/science/",
      "/tag/coasts/",
      "/tag/coasts/page/2/",
      "/tag/trade/",
      "/author/ada/",
      "/author/ada/page/2/",
      "/author/ben/",
      "/author/ben/page/2/",
      "/archive/2025/",
      "/archive/2025/page/2/",
      "/archive/2025/page/3/",
      "/archive/2025/03/",
      "/archive/2025/03/page/2/",
      "/archive/2025/02/",
      "/archive/2025/01/",
    ]);
    expect(urlsOf("/section/world/")).toEqual(["/story-0/", "/story-20/"]);
    expect(urlsOf("/section/world/page/2/")).toEqual(["/story-40/"]);
    expect(urlsOf("/tag/coasts/page/2/")).toEqual(["/story-59/"]);
    expect(urlsOf("/author/ben/")).toEqual(["/story-10/", "/story-20/"]);
    expect(urlsOf("/archive/2025/02/")).toEqual(["/story-40/"]);
    expect(urlsOf("/archive/2025/01/")).toEqual(["/story-59/"]);
  });

  it("names lists for readers and owns later pages by the list's owner", () => {
    const byUrl = new Map(lists.map((l) => [l.url, l]));
    expect(byUrl.get("/archive/2025/03/page/2/")).toMatchObject({
      kind: "month",
      label: "Archive",
      name: "March 2025",
      description: "Articles published in March 2025.",
      owner: "archive March 2025",
    });
    expect(byUrl.get("/author/ada/page/2/")).toMatchObject({
      name: "Author ada",
      description: "Covers diplomacy.",
      author: ada,
      owner: "author ada",
    });
    expect(byUrl.get("/author/ben/")?.description).toBe("Articles by Author ben.");
    expect(byUrl.get("/section/science/")).toMatchObject({ items: [], section: { id: "science" }, description: "Articles in SCIENCE." });
  });

  it("indexes tags, authors and months with counts", () => {
    const [tags, authors, archive] = directories;
    expect(tags?.entries.map((e) => [e.label, e.count])).toEqual([
      ["coasts", 3],
      ["trade", 2],
    ]);
    expect(authors?.entries.map((e) => [e.label, e.count, e.description])).toEqual([
      ["Author ada", 3, "Covers diplomacy."],
      ["Author ben", 3, ""],
    ]);
    expect(archive?.entries).toEqual([
      {
        label: "2025",
        url: "/archive/2025/",
        count: 5,
        children: [
          { label: "March 2025", url: "/archive/2025/03/", count: 3 },
          { label: "February 2025", url: "/archive/2025/02/", count: 1 },
          { label: "January 2025", url: "/archive/2025/01/", count: 1 },
        ],
      },
    ]);
  });

  it("names months in the site's locale", () => {
    const german = buildListings({ ...input, locale: "de-DE" });
    expect(german.lists.find((l) => l.url === "/archive/2025/03/")?.name).toBe("März 2025");
  });

  it("puts each article on exactly one page of each of its lists, for a large site too", () => {
    const many = Array.from({ length: 1000 }, (_, i) =>
      article(i % 365, i % 2 ? world : opinion, [i % 3 ? ada : ben], i % 5 ? [coasts] : [coasts, trade]),
    );
    const big = buildListings({ ...input, articles: many, perPage: 20 });
    const count = (kind: string) => big.lists.filter((l) => l.kind === kind).reduce((n, l) => n + l.items.length, 0);
    expect(count("section")).toBe(1000);
    expect(count("author")).toBe(1000);
    expect(count("year")).toBe(1000);
    expect(count("month")).toBe(1000);
    expect(count("tag")).toBe(1200);
    expect(big.lists.filter((l) => l.url.startsWith("/tag/coasts/"))).toHaveLength(50);
  });
});
