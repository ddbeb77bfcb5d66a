/**
 * Compression as a CDN applies it: Netlify compresses text responses for
 * clients that accept it, so a local server that sent them raw would make
 * every page look slower to Lighthouse (and on a LAN) than it is in
 * production. Already-compressed files (images, fonts, Pagefind's gzipped
 * index) are sent as they are.
 */

/** Media types worth compressing: text of any kind, and the JSON, XML, SVG and JavaScript the site serves. */
export function isCompressible(contentType: string): boolean {
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  return (
    type.startsWith("text/") ||
    type === "image/svg+xml" ||
    type === "application/javascript" ||
    /^application\/(?:[\w.-]+\+)?(?:json|xml)$/.test(type)
  );
}

/**
 * Whether an `Accept-Encoding` header accepts gzip (RFC 9110 §12.5.3): named
 * with a weight above 0, or covered by `*` when gzip is not named at all.
 */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let star: boolean | undefined;
  for (const item of header.split(",")) {
    const [coding = "", ...params] = item.split(";").map((s) => s.trim().toLowerCase());
    const weight = params.find((p) => p.startsWith("q="));
    const accepted = weight === undefined || Number(weight.slice(2)) > 0;
    if (coding === "gzip" || coding === "x-gzip") return accepted;
    if (coding === "*") star = accepted;
  }
  return star ?? false;
}
