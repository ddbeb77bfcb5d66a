/**
 * On the "Page not found" page: the words of the missing address, put in the
 * page's search box, so a reader who followed a mistyped or changed link is
 * one Enter from the articles it meant ("/2025/03/12/harbour-tarifs/" →
 * "harbour tarifs", which search mends). Only the box's value changes, so
 * nothing on the page moves; without the script the box is there, empty.
 */

/** Address segments that are the site's own structure, never what the reader was after. */
const STRUCTURE = new Set(["page", "index"]);
const MOST_WORDS = 8;

/**
 * The words of a missing page's address a reader most likely meant: the last
 * segment with words in it, split at hyphens, underscores, dots and plus
 * signs, without its file extension and without numbers (dates, page
 * numbers); "" when there are none.
 */
export function wordsOfAddress(pathname: string): string {
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // A stray "%" is read as typed.
  }
  const segments = decoded.split("/").filter(Boolean).reverse();
  for (const segment of segments) {
    const words = segment
      .replace(/\.[a-z0-9]{1,5}$/i, "")
      .split(/[\s\-_.+~]+/u)
      .filter((word) => /\p{L}/u.test(word));
    if (words.length && !(words.length === 1 && STRUCTURE.has(words[0]?.toLowerCase() ?? ""))) return words.slice(0, MOST_WORDS).join(" ");
  }
  return "";
}

/** Fills the page's search box with the address's words, unless the reader has begun typing in it. */
export function offerSearch(box: HTMLInputElement, pathname: string): void {
  const words = wordsOfAddress(pathname);
  if (words && !box.value && document.activeElement !== box) box.value = words;
}
