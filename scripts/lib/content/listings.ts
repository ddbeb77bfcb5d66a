/**
 * Every list page of the site, paginated: sections, tags, authors and the date
 * archive, plus the index pages of all tags, authors and months. Computed once
 * from the articles (newest first) in one pass over them, so the whole set costs
 * O(articles × (tags + authors)); each page carries only its own slice and a
 * short window of page numbers, so no page's data grows with the page count.
 */
import type {
  ArticleLink,
  Author,
  DirectoryEntry,
  DirectoryPage,
  ListKind,
  ListPage,
  Listings,
  PageLink,
  Section,
  Tag,
} from "./site-model.ts";
import { ARCHIVE_URL, AUTHORS_INDEX_URL, listPageUrl, monthArchiveUrl, TAGS_INDEX_URL, yearArchiveUrl } from "./urls.ts";

export interface ListingInput {
  /** Newest first. */
  articles: readonly (ArticleLink & { authors: readonly Author[]; tags: readonly Tag[] })[];
  sections: readonly Section[];
  authors: readonly Author[];
  tags: readonly Tag[];
  perPage: number;
  locale: string;
}

/** Page numbers to show around `current`: always the first and last, and `radius` either side. */
export function pageLinks(base: string, current: number, count: number, radius = 2): PageLink[] {
  const links: PageLink[] = [];
  let last = 0;
  for (const n of [1, ...range(Math.max(2, current - radius), Math.min(count - 1, current + radius)), count]) {
    if (n <= last || n < 1) continue;
    // A gap of one page shows that page rather than "…".
    if (n === last + 2) links.push({ gap: false, number: last + 1, url: listPageUrl(base, last + 1), current: false });
    else if (n > last + 2) links.push({ gap: true });
    links.push({ gap: false, number: n, url: listPageUrl(base, n), current: n === current });
    last = n;
  }
  return links;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let n = from; n <= to; n++) out.push(n);
  return out;
}

interface ListSpec {
  kind: ListKind;
  label: string;
  name: string;
  description: string;
  url: string;
  owner: string;
  section?: Section;
  author?: Author;
  items: ArticleLink[];
}

/** Splits one list into pages of `perPage`. An empty list still gets its page 1, saying so. */
export function paginate(spec: ListSpec, perPage: number): ListPage[] {
  const pageCount = Math.max(1, Math.ceil(spec.items.length / perPage));
  const { items, ...rest } = spec;
  return range(1, pageCount).map((pageNumber) => {
    const prevUrl = pageNumber > 1 ? listPageUrl(spec.url, pageNumber - 1) : undefined;
    const nextUrl = pageNumber < pageCount ? listPageUrl(spec.url, pageNumber + 1) : undefined;
    return {
      ...rest,
      title: `${spec.kind === "tag" ? `${spec.name} (tag)` : spec.name}${pageNumber > 1 ? `, page ${pageNumber} of ${pageCount}` : ""}`,
      url: listPageUrl(spec.url, pageNumber),
      firstUrl: spec.url,
      items: items.slice((pageNumber - 1) * perPage, pageNumber * perPage),
      pageNumber,
      pageCount,
      ...(prevUrl ? { prevUrl } : {}),
      ...(nextUrl ? { nextUrl } : {}),
      pageLinks: pageCount > 1 ? pageLinks(spec.url, pageNumber, pageCount) : [],
    };
  });
}

function pushTo<K>(map: Map<K, ArticleLink[]>, key: K, article: ArticleLink): void {
  const list = map.get(key);
  if (list) list.push(article);
  else map.set(key, [article]);
}

export function buildListings(input: ListingInput): Listings {
  const bySection = new Map<string, ArticleLink[]>();
  const byTag = new Map<string, ArticleLink[]>();
  const byAuthor = new Map<string, ArticleLink[]>();
  const byYear = new Map<number, ArticleLink[]>();
  const byMonth = new Map<string, ArticleLink[]>();
  for (const a of input.articles) {
    pushTo(bySection, a.section.id, a);
    for (const t of a.tags) pushTo(byTag, t.slug, a);
    for (const au of a.authors) pushTo(byAuthor, au.id, a);
    pushTo(byYear, a.date.year, a);
    // An article dated only to the year is in its year's archive and no month's.
    if (a.date.month !== undefined) pushTo(byMonth, `${a.date.year}-${a.date.month}`, a);
  }

  const monthName = new Intl.DateTimeFormat(input.locale, { month: "long", year: "numeric", timeZone: "UTC" });
  const specs: ListSpec[] = [
    ...input.sections.map((s) => ({
      kind: "section" as const,
      label: "Section",
      name: s.name,
      description: s.description || `Articles in ${s.name}.`,
      url: s.url,
      owner: `section ${s.id}`,
      section: s,
      items: bySection.get(s.id) ?? [],
    })),
    ...input.tags.map((t) => ({
      kind: "tag" as const,
      label: "Tag",
      name: t.name,
      description: `Articles tagged “${t.name}”.`,
      url: t.url,
      owner: `tag ${t.name}`,
      items: byTag.get(t.slug) ?? [],
    })),
    ...input.authors.map((au) => ({
      kind: "author" as const,
      label: "Author",
      name: au.name,
      description: au.bio || `Articles by ${au.name}.`,
      url: au.url,
      owner: `author ${au.id}`,
      author: au,
      items: byAuthor.get(au.id) ?? [],
    })),
  ];
  // Maps keep insertion order, and articles come newest first: years and months are already newest first.
  const years = new Map<number, DirectoryEntry & { children: DirectoryEntry[] }>();
  for (const [year, items] of byYear) {
    specs.push({
      kind: "year",
      label: "Archive",
      name: String(year),
      description: `Articles published in ${year}.`,
      url: yearArchiveUrl(year),
      owner: `archive ${year}`,
      items,
    });
    years.set(year, { label: String(year), url: yearArchiveUrl(year), count: items.length, children: [] });
  }
  for (const [key, items] of byMonth) {
    const [year = 0, month = 0] = key.split("-").map(Number);
    const name = monthName.format(Date.UTC(year, month - 1, 1));
    specs.push({
      kind: "month",
      label: "Archive",
      name,
      description: `Articles published in ${name}.`,
      url: monthArchiveUrl(year, month),
      owner: `archive ${name}`,
      items,
    });
    years.get(year)?.children.push({ label: name, url: monthArchiveUrl(year, month), count: items.length });
  }

  const directories: DirectoryPage[] = [
    {
      kind: "tags",
      url: TAGS_INDEX_URL,
      title: "Tags",
      intro: "Every topic the site has tagged, with the number of articles on each.",
      entries: input.tags.map((t) => ({ label: t.name, url: t.url, count: byTag.get(t.slug)?.length ?? 0 })),
    },
    {
      kind: "authors",
      url: AUTHORS_INDEX_URL,
      title: "Authors",
      intro: "Everyone who writes for the site.",
      entries: input.authors.map((au) => ({ label: au.name, url: au.url, count: byAuthor.get(au.id)?.length ?? 0, description: au.bio })),
    },
    {
      kind: "archive",
      url: ARCHIVE_URL,
      title: "Archive",
      intro: "Every article by the year it was published, and by month where its date gives one.",
      entries: [...years.values()],
    },
  ];
  return { lists: specs.flatMap((spec) => paginate(spec, input.perPage)), directories };
}
