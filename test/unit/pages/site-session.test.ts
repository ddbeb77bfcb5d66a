/** How a session reaches the templates: as global data Eleventy shares with every page rather than copying. */
import { describe, expect, it } from "vitest";
import { globalData, type SiteSession } from "../../../scripts/lib/pages/site-session.ts";

/** A session whose every kind of content is a distinct object, so each can be told apart. */
function session(offline: boolean) {
  const content = {
    site: { settings: { title: "Site" } },
    renderSet: { articles: [], lists: [] },
    feeds: [{ path: "/feed.xml" }],
    sitemaps: { index: "" },
    images: { "/a.jpg": { src: "/a.jpg" } },
    previews: { site: { url: "/card.png" } },
    icons: { links: [] },
    assets: { css: { href: "/s.css" } },
  };
  const asked = (value: object) => () => Promise.resolve(value);
  const given = Object.fromEntries(Object.entries(content).map(([name, value]) => [name, asked(value)]));
  return { content, session: { ...given, offline } as unknown as SiteSession };
}

describe("globalData", () => {
  it("gives the templates the session's own objects, frozen at the top so Eleventy shares them as they are", async () => {
    const { content, session: s } = session(true);
    const data = globalData(s);
    expect(Object.keys(data).sort()).toEqual([...Object.keys(content), "offline"].sort());
    for (const [name, value] of Object.entries(content)) {
      const given = await data[name]?.();
      expect(given, name).toBe(value);
      expect(Object.isFrozen(given), name).toBe(true);
    }
  });

  it("passes on whether the site works offline", async () => {
    expect(await globalData(session(true).session).offline?.()).toBe(true);
    expect(await globalData(session(false).session).offline?.()).toBe(false);
  });
});
