/**
 * URL slug from a headline: ASCII letters, digits and single hyphens. Accents
 * fold to their base letter; other scripts are dropped, so a title with no
 * Latin letters gets no slug and the caller must ask for one.
 */
import { foldText } from "../../../src/assets/search/query.ts";

export function slugify(title: string, maxLength = 80): string {
  const ascii = title
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/[ßæœøłđ]/giu, (c) => FOLD[c.toLowerCase()] ?? "")
    .toLowerCase()
    .replace(/['’‘`]/gu, "")
    .replace(/&/gu, " and ")
    .replace(/[^a-z0-9]+/gu, "-")
    .replace(/^-+|-+$/gu, "");
  if (ascii.length <= maxLength) return ascii;
  const cut = ascii.slice(0, maxLength + 1);
  const lastHyphen = cut.lastIndexOf("-");
  return (lastHyphen > 0 ? cut.slice(0, lastHyphen) : ascii.slice(0, maxLength)).replace(/-+$/u, "");
}

const FOLD: Record<string, string> = { ß: "ss", æ: "ae", œ: "oe", ø: "o", ł: "l", đ: "d" };

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isSlug(value: string): boolean {
  return SLUG_PATTERN.test(value);
}

/**
 * A name as readers tell names apart: case, accents and separators (spaces,
 * hyphens, underscores) aside. "New-York" and "new york" are one name; "C++"
 * and "C", which make the same slug, are two.
 */
export const nameKey = (name: string): string =>
  foldText(name)
    .replace(/[\s_-]+/gu, " ")
    .trim();
