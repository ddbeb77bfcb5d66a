/** Small sections, authors, tags and article links for tests of what the loader derives from articles (lists, the front page). */
import type { Author, Section, Tag } from "../../scripts/lib/content/site-model.ts";

export const section = (id: string): Section => ({ id, name: id.toUpperCase(), slug: id, description: "", url: `/section/${id}/` });
export const author = (id: string, bio = ""): Author => ({
  id,
  name: `Author ${id}`,
  slug: id,
  bio,
  url: `/author/${id}/`,
  type: "person",
});
export const tag = (slug: string): Tag => ({ name: slug, slug, url: `/tag/${slug}/` });

export const world = section("world");
export const opinion = section("opinion");
export const ada = author("ada", "Covers diplomacy.");
export const ben = author("ben");

/** An article n days before 2025-03-31 (so newest first when n rises), dated in the month it falls in. */
export function article(n: number, s: Section, authors: Author[], tags: Tag[]) {
  const day = new Date(Date.UTC(2025, 2, 31 - n));
  return {
    title: `Story ${n}`,
    url: `/story-${n}/`,
    standfirst: "",
    date: {
      iso: day.toISOString(),
      datetime: day.toISOString(),
      human: "",
      precision: "day" as const,
      year: day.getUTCFullYear(),
      month: day.getUTCMonth() + 1,
    },
    section: s,
    authors,
    tags,
  };
}
