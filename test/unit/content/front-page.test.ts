import { describe, expect, it } from "vitest";
import { buildFrontPage } from "../../../scripts/lib/content/front-page.ts";
import { article, opinion, section, world } from "../../helpers/listing-articles.ts";

describe("the front page", () => {
  const articles = Array.from({ length: 20 }, (_, i) => article(i, i % 4 === 0 ? opinion : world, [], []));

  it("leads with the newest, then the latest, then per section what is not shown yet", () => {
    const front = buildFrontPage(articles, [world, opinion, section("science")], 6, 4);
    expect(front.lead?.url).toBe("/story-0/");
    expect(front.latest.map((a) => a.url)).toEqual(["/story-1/", "/story-2/", "/story-3/", "/story-4/", "/story-5/", "/story-6/"]);
    expect(front.sections.map((b) => [b.section.id, b.stories.map((a) => a.url)])).toEqual([
      ["world", ["/story-7/", "/story-9/", "/story-10/", "/story-11/"]],
      ["opinion", ["/story-8/", "/story-12/", "/story-16/"]],
    ]);
  });

  it("is empty but valid for a site with no articles", () => {
    expect(buildFrontPage([], [world])).toEqual({ latest: [], sections: [] });
  });
});
