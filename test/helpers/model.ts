/** Small in-memory site models for unit tests of the builders that read them. */
import { memoryBodies } from "../../scripts/lib/content/article-bodies.ts";
import type { Article, Author, DateStamp, Section, Site, Tag } from "../../scripts/lib/content/site-model.ts";
import { articleUrl, authorUrl, sectionUrl, tagUrl } from "../../scripts/lib/content/urls.ts";

export const BASE = "https://news.example";

export function stampOf(iso: string): DateStamp {
  const [year = 0, month = 0] = iso.slice(0, 7).split("-").map(Number);
  return { iso, datetime: iso, human: iso.slice(0, 10), precision: "day", year, month };
}

/** A date known only to its year (`date: 1790`): its first instant in London, shown and published as the year. */
export function yearStampOf(year: number): DateStamp {
  const iso = `${year}-01-01T00:00:00+00:00`;
  return { iso, datetime: String(year), human: String(year), precision: "year", year };
}

/** A date known only to its month (`date: 2025-03`), like `yearStampOf`. */
export function monthStampOf(year: number, month: number): DateStamp {
  const datetime = `${year}-${String(month).padStart(2, "0")}`;
  return { iso: `${datetime}-01T00:00:00+00:00`, datetime, human: datetime, precision: "month", year, month };
}

export const sections: Section[] = [
  { id: "world", name: "World", slug: "world", description: "From everywhere.", url: sectionUrl("world") },
  { id: "opinion", name: "Opinion", slug: "views", description: "", url: sectionUrl("views") },
];
export const authors: Author[] = [{ id: "ada", name: "Ada Reporter", slug: "ada", bio: "", url: authorUrl("ada"), type: "person" }];
export const tag = (name: string): Tag => ({ name, slug: name.toLowerCase(), url: tagUrl(name.toLowerCase()) });

/** The bodies of every article made here; `makeSite` gives them to its sites. */
const bodies = memoryBodies();
let made = 0;

/** An article dated `iso` (which also names its file); override anything, and give its body as `html`. */
export function makeArticle(
  iso: string,
  slug: string,
  { html = `<p>Body of ${slug}.</p>`, ...overrides }: Partial<Article> & { html?: string } = {},
): Article {
  const date = stampOf(iso);
  const section = sections[0] as Section;
  const bodyKey = `test-body-${++made}`;
  bodies.put(bodyKey, html);
  return {
    id: `${iso.slice(0, 10)}-${slug}`,
    file: `src/articles/${iso.slice(0, 10)}-${slug}.md`,
    title: `Story ${slug}`,
    url: articleUrl(iso.slice(0, 10), slug),
    lead: `Lead of ${slug}.`,
    teaser: { text: `Lead of ${slug}.`, full: `Lead of ${slug}.`, cut: false },
    summary: `Summary of ${slug}.`,
    standfirst: `Summary of ${slug}.`,
    bodyKey,
    wordCount: 3,
    readingMinutes: 1,
    date,
    section,
    authors,
    tags: [],
    aliases: [],
    state: "published",
    further: [],
    rail: { links: [], notes: [] },
    ...overrides,
  };
}

/** A site with `articles` (sorted newest first, as the loader does) and the build's `now`. */
export function makeSite(articles: Article[], now = "2025-04-01T12:00:00+01:00", overrides: Partial<Site> = {}): Site {
  return {
    settings: {
      title: "The Example",
      tagline: "All the news",
      url: BASE,
      language: "en-GB",
      locale: "en-GB",
      timeZone: "Europe/London",
      teaserLength: 60,
      standfirstLength: 200,
      perPage: 20,
      searchPartitionSize: 500,
    },
    articles: [...articles].sort((a, b) => Date.parse(b.date.iso) - Date.parse(a.date.iso)),
    sections,
    navSections: sections.filter((s) => articles.some((a) => a.section.id === s.id)),
    authors,
    tags: [...new Map(articles.flatMap((a) => a.tags).map((t) => [t.slug, t])).values()],
    latest: [],
    rail: { links: [], notes: [] },
    preview: false,
    now: stampOf(now),
    warnings: [],
    listings: { lists: [], directories: [] },
    front: { latest: [], sections: [] },
    imageCacheDir: "",
    cardCacheDir: "",
    bodies,
    contentHash: "0123456789abcdef",
    ...overrides,
  };
}
