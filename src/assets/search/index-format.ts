/**
 * How the site's search index is laid out and opened, shared by the build
 * (which writes the search documents) and every reader of the index: the
 * search page, offline search and `npm run search`.
 */

/** The metadata each search document carries (scripts/lib/search/search-document.ts). */
export const META_FIELDS = ["title", "date", "section", "image", "image_alt"] as const;

/** The `id` of an empty element in each search document where the body starts, after the headline and standfirst. */
export const BODY_ANCHOR = "body";

/**
 * Pagefind's ranking settings, pinned so its per-word scores are plain BM25
 * over the words' weighted counts, which the ranking (ranking.ts) turns into
 * scores over the whole archive. A page's length counts for less than BM25's
 * usual 0.75, and repeats saturate more slowly than its usual 1.2: an archive
 * holds articles of very different lengths, and a long one that names a thing
 * many times is about it, not merely long. A word only starting like the
 * typed one ("Korean" for "korea", "children" for "child") counts for far less
 * than the word itself (term similarity 10, against Pagefind's usual 1): the
 * reader typed a word, not a prefix. Pagefind's bonus for words in
 * metadata is off: the ranking weighs the headline itself, and a date or a
 * section name is no reason to rank a page higher.
 */
export const RANKING = {
  termSaturation: 2,
  pageLength: 0.3,
  termFrequency: 1,
  termSimilarity: 10,
  metaWeights: Object.fromEntries(META_FIELDS.map((field) => [field, 0])),
};

/** Pagefind options every part of the index is opened with. */
export const INDEX_OPTIONS: Record<string, unknown> = { ranking: RANKING };

/** Results the search page shows at once, and so the results whose text a first search reads. */
export const PAGE_SIZE = 10;

/** The white space between the words of a page's stored text (Pagefind's `content`). */
export const STORED_WORD_GAPS = /[^\S\uFEFF]+/;

/**
 * Whether Pagefind's word positions in a page are found by splitting its
 * stored text at white space. They count the words it indexed, which for a
 * language it splits with a dictionary (Chinese, Japanese, Thai) are more
 * than the text's spaced words, and then they cannot be found in it.
 */
export const positionsBySpaces = (content: string, wordCount: number): boolean => content.split(STORED_WORD_GAPS).length >= wordCount;
