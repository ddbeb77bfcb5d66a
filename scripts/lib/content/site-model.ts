/** The shapes templates receive. Built from the schemas' types by `load-content.ts`; the modules that compute them import their shapes from here. */
import type { BodyStore } from "./article-bodies.ts";
import type { SiteSettings } from "./content-schema.ts";
import type { DatePrecision } from "./dates.ts";
import type { Teaser } from "./teasers.ts";

export interface DateStamp {
  /**
   * ISO 8601 with offset, in the site time zone: the instant, or the first
   * instant of a date known only to the year or month. For sorting and for
   * formats that need a full date-time (Atom, sitemaps); never shown as such.
   */
  iso: string;
  /** ISO 8601 of what is known, for `<time datetime>`, JSON-LD and Open Graph: "1790", "1790-12", or `iso`. */
  datetime: string;
  /** e.g. "11 March 2025", "December 1790" or "1790". */
  human: string;
  /** How much of the date is known: "year" and "month" come from `date: 1790` or `date: 1790-12`. */
  precision: DatePrecision;
  year: number;
  /** Unset when only the year is known. */
  month?: number;
}

export interface Section {
  id: string;
  name: string;
  slug: string;
  description: string;
  url: string;
  /** The page weight budget of this section's articles (HTML + CSS, gzip), when it differs from the site's. */
  pageBudgetBytes?: number;
}

export interface Author {
  id: string;
  name: string;
  slug: string;
  bio: string;
  url: string;
  homepage?: string;
  /** A desk or agency signs as an organisation; anyone else as a person. */
  type: "person" | "organization";
}

export interface Tag {
  name: string;
  slug: string;
  url: string;
}

export interface Image {
  /** Public URL of the original, `/images/<path>`; front matter names the path under `src/images/`. */
  src: string;
  /** Absolute path of the file on disk. */
  file: string;
  alt: string;
  caption?: string;
  credit?: string;
}

/** A small reference to an article, safe to embed in another article's data: what a card shows. */
export interface ArticleLink {
  title: string;
  url: string;
  /** What a card says under the headline: the summary, or else the lead, cut at a word boundary to `standfirstLength`. */
  standfirst: string;
  date: DateStamp;
  section: Section;
  image?: Image;
}

/** A story in an article's further reading, with why it is there. */
export interface FurtherLink extends ArticleLink {
  /** Shown above the headline: "Newer in World", "Older in World", "More on Coasts", "More in World", "Next story". */
  relation: string;
}

export type PublicationState = "published" | "draft" | "scheduled";

export interface Article extends ArticleLink {
  id: string;
  /** Source path relative to the content root. */
  file: string;
  /** The first paragraph, as text. */
  lead: string;
  /** The lead cut for the "Latest" rail (`teaserLength`). */
  teaser: Teaser;
  summary: string;
  /** The body's rendered HTML is in `Site.bodies` under this key (it is the bulk of an archive: pages, feeds and search read it as they need it). */
  bodyKey: string;
  wordCount: number;
  readingMinutes: number;
  updated?: DateStamp;
  authors: Author[];
  tags: Tag[];
  aliases: string[];
  state: PublicationState;
  /**
   * One list of further reading (neighbours.ts): related stories, the newer
   * and older story in the section and the next story, each once, never the
   * article itself, in the order a reader most likely wants them.
   */
  further: FurtherLink[];
  /** The "Latest" rail as this article's page shows it: without the article itself or its further reading. */
  rail: Rail;
}

export interface TeaserItem extends Teaser {
  url?: string;
}

/** A "Latest" rail: teasers that link somewhere, then text-only ones, shown apart as "Also in the news". */
export interface Rail {
  links: TeaserItem[];
  notes: TeaserItem[];
}

export interface Site {
  settings: SiteSettings;
  /** Newest first. */
  articles: Article[];
  sections: Section[];
  /** The sections in the navigation: those with an article in this build (an empty section's page exists, unlinked, until it has one). */
  navSections: Section[];
  authors: Author[];
  tags: Tag[];
  /** The "Latest" teasers of `_data/teasers.yaml`, in their order. */
  latest: TeaserItem[];
  /** The "Latest" rail of pages that are not an article's (front page, 404). */
  rail: Rail;
  /** Whether drafts and scheduled articles are included (dev server, previews). */
  preview: boolean;
  now: DateStamp;
  /** Paginated section, tag, author and archive pages, and the index pages. */
  listings: Listings;
  front: FrontPage;
  /** Where processed images are kept between builds. */
  imageCacheDir: string;
  /** Where social cards are kept between builds. */
  cardCacheDir: string;
  /** Problems that do not stop the build, e.g. a teaser for an article not yet published. */
  warnings: string[];
  /** The articles' bodies, by `Article.bodyKey`. */
  bodies: BodyStore;
  /** Names the content loaded: every content file's path and bytes (content-files.ts). */
  contentHash: string;
}

/** Paginated lists and index pages (computed by listings.ts). */
export type ListKind = "section" | "tag" | "author" | "year" | "month";

/** One entry of a pagination bar: a page number, or a gap ("…") between distant numbers. */
export type PageLink = { gap: false; number: number; url: string; current: boolean } | { gap: true };

export interface ListPage {
  kind: ListKind;
  /** What the list is, shown above its name: "Section", "Tag", "Author", "Archive". */
  label: string;
  /** The list's name: "World", "Coasts", "Ada Reporter", "March 2025". */
  name: string;
  description: string;
  /** For `<title>`: the name, the kind where it helps, and the page number after page 1. */
  title: string;
  /** Set on section lists, to mark the section in the navigation. */
  section?: Section;
  /** Set on author lists, for the name, bio and homepage. */
  author?: Author;
  /** This page's URL; page 1 is the list's own URL. */
  url: string;
  firstUrl: string;
  /** Owner of the URL, for the duplicate-URL check: the same owner as the list's page 1. */
  owner: string;
  items: ArticleLink[];
  pageNumber: number;
  pageCount: number;
  prevUrl?: string;
  nextUrl?: string;
  pageLinks: PageLink[];
}

export interface DirectoryEntry {
  label: string;
  url: string;
  count: number;
  description?: string;
  children?: DirectoryEntry[];
}

/** An index page: all tags, all authors, all months. */
export interface DirectoryPage {
  kind: "tags" | "authors" | "archive";
  url: string;
  title: string;
  intro: string;
  entries: DirectoryEntry[];
}

export interface Listings {
  lists: ListPage[];
  directories: DirectoryPage[];
}

/** The front page (computed by front-page.ts). */
export interface SectionBlock {
  section: Section;
  stories: ArticleLink[];
}

export interface FrontPage {
  lead?: ArticleLink;
  latest: ArticleLink[];
  /** In navigation order; sections with nothing left to show are left out. */
  sections: SectionBlock[];
}
