/**
 * The skeleton of a new article for `npm run new`: file name from today's
 * date and the title's slug, front matter that passes the schema. Pure, so the
 * rules are tested without touching the disk.
 */
import { didYouMean } from "../../../src/assets/did-you-mean.ts";
import { slugify } from "../content/slugs.ts";
import { characterName, controlCharacters } from "../content/text-hygiene.ts";

export interface NewArticleRequest {
  title: string;
  section: string;
  /** Author id; the first author in `_data/authors.yaml` when left out. */
  author?: string | undefined;
  /** URL slug; derived from the title when left out. */
  slug?: string | undefined;
  /** Today in the site time zone, YYYY-MM-DD. */
  today: string;
  sections: readonly string[];
  authors: readonly string[];
}

export type NewArticle =
  { ok: true; fileName: string; text: string; author: string; authorDefaulted: boolean } | { ok: false; errors: string[] };

function unknownId(option: string, what: string, id: string, known: readonly string[]): string {
  const suggestion = didYouMean(id, known);
  return `${option}: ${JSON.stringify(id)} is not a known ${what}${suggestion ? `; did you mean ${suggestion}?` : ""} (valid: ${known.join(", ") || "none yet"})`;
}

export function newArticle(request: NewArticleRequest): NewArticle {
  const errors: string[] = [];
  const title = request.title.trim();
  const control = controlCharacters(title)[0];
  if (!title) errors.push('--title: expected a headline, e.g. --title "Harbour tariffs rise"');
  else if (control !== undefined)
    errors.push(`--title: contains a control character, ${characterName(title.charCodeAt(control))}; type the headline again`);
  const slug = request.slug ?? slugify(title);
  if (title && !slug)
    errors.push(`--title: ${JSON.stringify(title)} has no Latin letters or digits to make a file name from; give one with --slug`);
  else if (request.slug !== undefined && slugify(request.slug) !== request.slug) {
    errors.push(
      `--slug: ${JSON.stringify(request.slug)} is not a slug (expected lower-case letters, digits and single hyphens, e.g. ${slugify(request.slug) || "harbour-tariffs"})`,
    );
  }
  if (!request.sections.includes(request.section)) errors.push(unknownId("--section", "section", request.section, request.sections));
  const author = request.author ?? request.authors[0];
  if (author === undefined) errors.push("--author: _data/authors.yaml has no authors yet; add one first");
  else if (!request.authors.includes(author)) errors.push(unknownId("--author", "author", author, request.authors));
  if (errors.length || author === undefined) return { ok: false, errors };

  const text = [
    "---",
    `title: ${JSON.stringify(title)}`,
    `date: ${request.today}`,
    `section: ${request.section}`,
    `authors: [${author}]`,
    "tags: []",
    "# Remove the next line to publish.",
    "draft: true",
    "---",
    "",
    "Write the lead here: the first paragraph is the article's teaser and summary.",
    "",
  ].join("\n");
  return { ok: true, fileName: `${request.today}-${slug}.md`, text, author, authorDefaulted: request.author === undefined };
}
