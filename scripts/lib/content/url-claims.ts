/** Every output URL belongs to one page: a second claimant is reported with the first. */
import type { Draft } from "./article-parse.ts";
import type { Problem } from "./content-error.ts";
import { DATA_DIR } from "./content-files.ts";
import type { Article, Author, Listings, Section, Tag } from "./site-model.ts";
import { pagePath, articleUrl, FIXED_PAGES, RESERVED_FILES, RESERVED_FOLDERS } from "./urls.ts";

export interface UrlClaimants {
  /** Every article file parsed, drafts and scheduled ones included: publishing one later must not collide. */
  drafts: readonly Draft[];
  articles: readonly Article[];
  sections: readonly Section[];
  authors: readonly Author[];
  tags: readonly Tag[];
  listings: Listings;
}

/** URLs compare without case: hosts and file systems may fold it. */
export function checkUrlClaims(problems: Problem[], { drafts, articles, sections, authors, tags, listings }: UrlClaimants): void {
  const owners = new Map<string, string>();
  /** Sections, authors and tags whose URL is taken: reported once, at their slug, not again for each page of their list. */
  const refused = new Set<string>();
  const claim = (url: string, owner: string, file: string, field: string) => {
    const key = url.toLowerCase();
    const first = owners.get(key);
    // A list's later pages belong to the list that owns its first page.
    if (first === owner) return;
    if (first !== undefined) {
      problems.push({ file, field, message: `URL ${url} is already used by ${first}`, expected: "a URL no other page uses" });
      refused.add(owner);
    } else owners.set(key, owner);
  };
  for (const url of FIXED_PAGES) claim(url, "a built-in page", "(site)", "url");
  for (const s of sections) claim(s.url, `section ${s.id}`, `${DATA_DIR}/sections.yaml`, `${s.id}.slug`);
  for (const a of authors) claim(a.url, `author ${a.id}`, `${DATA_DIR}/authors.yaml`, `${a.id}.slug`);
  for (const t of tags) claim(t.url, `tag ${t.name}`, "(tags)", t.name);
  for (const list of listings.lists) if (!refused.has(list.owner)) claim(list.url, list.owner, "(site)", "url");
  for (const d of drafts) claim(articleUrl(d.fileDate, d.slug), d.file, d.file, "(file name)");
  for (const a of articles) {
    a.aliases.forEach((alias, i) => {
      const path = pagePath(alias);
      const reserved = path.toLowerCase() === a.url.toLowerCase() ? "is the article's own address" : reservedFor(alias);
      if (reserved)
        problems.push({
          file: a.file,
          field: `aliases.${i}`,
          message: reserved,
          expected: "an old path that no page or file of the site uses",
        });
      else claim(path, a.file, a.file, `aliases.${i}`);
    });
  }
}

/** Why an alias would shadow one of the build's own files, or undefined. */
function reservedFor(alias: string): string | undefined {
  const key = alias.toLowerCase();
  const folder = RESERVED_FOLDERS.find((f) => key.startsWith(f) || key === f.slice(0, -1));
  if (folder) return `is inside ${folder}, where the build keeps files of its own`;
  if ((RESERVED_FILES as readonly string[]).includes(key)) return `is the address of the site's own ${alias}`;
  return undefined;
}
