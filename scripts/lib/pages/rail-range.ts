/**
 * Where the "Latest" rail is in an article page's HTML
 * (`_includes/partials/latest-rail.njk`). Most article pages show the site's
 * own rail, so a change to the teaser list alone is spliced into their stored
 * copies (build/page-store.ts) rather than rendered again. The rail is the
 * page's last section labelled by `latest-heading` (an article's body comes
 * before it), and what it shows is escaped text, so its first `</section>`
 * closes it.
 */
const START = Buffer.from('<section class="rail" aria-labelledby="latest-heading">');
const END = Buffer.from("</section>");

/** The rail's bytes in a page: from the start of its section to the end of its closing tag. */
export type RailRange = readonly [start: number, end: number];

export function railRange(html: Buffer): RailRange | undefined {
  const start = html.lastIndexOf(START);
  if (start < 0) return undefined;
  const end = html.indexOf(END, start);
  return end < 0 ? undefined : [start, end + END.length];
}

/** `page` with the bytes of `range` replaced by `rail`. */
export function withRail(page: Buffer, [start, end]: RailRange, rail: Buffer): Buffer {
  return Buffer.concat([page.subarray(0, start), rail, page.subarray(end)]);
}
