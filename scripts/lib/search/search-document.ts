/**
 * What Pagefind indexes for an article, made from the content model rather
 * than read back from the rendered page: indexing can then start as soon as
 * the content is loaded and run beside page rendering, and Pagefind parses a
 * few kilobytes per article instead of the whole page.
 *
 * The words are the ones a reader sees on the article page in its
 * `data-search-body` region: headline (weighted 10), standfirst (4, when it is
 * not simply the lead), the lead image's caption and credit, and the body.
 * Date, section, image and filter values travel in attributes, so none of
 * them is indexed as words. An empty element marks where the body starts
 * (`BODY_ANCHOR`; Pagefind records its word position), so excerpts can be
 * taken from the body rather than repeat the headline and standfirst.
 */
import type { Article, Site } from "../content/site-model.ts";
import { BODY_ANCHOR } from "../../../src/assets/search/index-format.ts";
import { escapeHtml } from "../util/html.ts";
import type { SearchEntry } from "./search-index.ts";

/** An ISO 8601 time in UTC: sorts as text in time order, whatever the offsets (search's date sort key). */
export function utcIso(iso: string): string {
  return new Date(iso).toISOString();
}

const data = (value: string | number, attributes: string) => `<data value="${escapeHtml(String(value))}" ${attributes}></data>`;

export function searchDocument(article: Article, language: string, bodyHtml: string): string {
  const { title, summary, lead, date, section, authors, tags, image } = article;
  const attributes = [
    data(utcIso(date.iso), 'data-pagefind-sort="date[value]"'),
    data(date.human, 'data-pagefind-meta="date[value]"'),
    data(section.name, 'data-pagefind-meta="section[value]" data-pagefind-filter="section[value]"'),
    data(date.year, 'data-pagefind-filter="year[value]"'),
    ...authors.map((a) => data(a.name, 'data-pagefind-filter="author[value]"')),
    ...tags.map((t) => data(t.name, 'data-pagefind-filter="tag[value]"')),
    ...(image ? [data(image.src, 'data-pagefind-meta="image[value]"'), data(image.alt, 'data-pagefind-meta="image_alt[value]"')] : []),
  ];
  const caption =
    image && (image.caption || image.credit) ? `<p>${escapeHtml([image.caption, image.credit].filter(Boolean).join(" "))}</p>` : "";
  return [
    `<!doctype html><html lang="${escapeHtml(language)}"><head><title>${escapeHtml(title)}</title></head><body data-pagefind-body>`,
    `<h1 data-pagefind-meta="title" data-pagefind-weight="10">${escapeHtml(title)}</h1>`,
    summary === lead ? "" : `<p data-pagefind-weight="4">${escapeHtml(summary)}</p>`,
    `<div hidden>${attributes.join("")}</div>`,
    `<span id="${BODY_ANCHOR}"></span>`,
    caption,
    bodyHtml,
    "</body></html>",
  ].join("\n");
}

/** The articles as the search index takes them, newest first; each document is made, its body read, when its part is indexed. */
export function searchEntries(site: Pick<Site, "articles" | "settings" | "bodies">): SearchEntry[] {
  return site.articles.map((a) => ({
    url: a.url,
    day: a.date.iso.slice(0, 10),
    time: Date.parse(a.date.iso),
    document: () => searchDocument(a, site.settings.language, site.bodies.html(a.bodyKey)),
  }));
}
