/**
 * What a link or path in content may be. Links are rendered into pages,
 * feeds and structured data, where a `javascript:` URL runs wherever the
 * site's CSP is not sent (a feed reader, a copy of the page) and a
 * protocol-relative `//host/…` leads to another site while looking like a
 * path of this one. Aliases become lines of Netlify's `_redirects`, where
 * `*`, `:name` and query strings are patterns: one alias `/*` would redirect
 * every unknown URL of the site, missing search files included.
 *
 * Each rule gives the reason a value is refused, or undefined when it is fine.
 */

/** Characters that make a path ambiguous or unsafe wherever they appear: white space and controls. */
const SPACE_OR_CONTROL = /[\s\u0000-\u001F\u007F-\u009F]/u;

function absoluteWebUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "is not a complete web address";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return `uses the ${url.protocol} scheme; only https: and http: links are allowed`;
  if (!url.hostname) return "has no host name";
  if (url.username || url.password) return "has a user name or password before the host (user@host), a trick to disguise where it leads";
  return undefined;
}

const scheme = (value: string) => /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(value)?.[1]?.toLowerCase();

/** A link to another site: an absolute `https:` or `http:` URL. */
export function webLinkProblem(value: string): string | undefined {
  if (SPACE_OR_CONTROL.test(value)) return "has white space or invisible characters";
  if (value.startsWith("//")) return "is protocol-relative (//host); write the scheme, https://";
  const found = scheme(value);
  if (found === undefined) return "is not a complete web address starting with https://";
  return absoluteWebUrl(value);
}

/**
 * The address the site is served from: a web address of a host's root. Pages
 * link to each other from the root (`/2025/…`), so a site under a path
 * (`https://example.org/news`) would have canonical addresses, feeds and
 * sitemaps pointing where its links do not.
 */
export function siteRootProblem(value: string): string | undefined {
  const problem = webLinkProblem(value);
  if (problem) return problem;
  const url = new URL(value);
  if (url.pathname !== "/") return `has a path (${url.pathname}): the site's pages link to each other from the root of its host`;
  if (url.search || url.hash) return "has a query or a fragment, which no page's address would carry";
  return undefined;
}

/** A path on this site: starts with one `/`, never `//` or a backslash (which browsers read as `/`). */
export function sitePathProblem(value: string): string | undefined {
  if (SPACE_OR_CONTROL.test(value)) return "has white space or invisible characters";
  if (value.includes("\\")) return "has a backslash, which browsers read as /, so /\\host leads to another site";
  if (value.startsWith("//")) return "is protocol-relative (//host): it leads to another site, not to a path of this one";
  if (!value.startsWith("/")) return "does not start with /";
  return undefined;
}

/** A link in a teaser: another site's https:/http: URL, or a path on this site. */
export function teaserLinkProblem(value: string): string | undefined {
  return scheme(value) === undefined ? sitePathProblem(value) : webLinkProblem(value);
}

/** A path segment of an alias: unreserved and sub-delimiter characters, `@` and %-escapes; no `*` (a splat). */
const ALIAS_SEGMENT = /^(?:[A-Za-z0-9\-._~!$&'()+,;=@]|%[0-9A-Fa-f]{2})+$/;

/** An old path of an article: plain, so `_redirects` matches it and nothing else. */
export function aliasProblem(value: string): string | undefined {
  const asPath = sitePathProblem(value);
  if (asPath) return asPath;
  if (value === "/") return "is the front page";
  if (value.includes("*")) return "has a *, which _redirects reads as a splat matching any path";
  if (/[?#]/.test(value)) return "has a query or fragment (? or #); an alias is a path alone";
  const segments = value.slice(1).split("/");
  // A trailing slash leaves one empty segment at the end; any other empty one is a //.
  for (const [i, segment] of segments.entries()) {
    if (segment === "" && i === segments.length - 1) continue;
    if (segment === "") return "has an empty segment (//)";
    if (segment.startsWith(":")) return `has a placeholder (${segment}), which _redirects reads as matching any segment`;
    if (segment === "." || segment === "..") return "has a . or .. segment";
    if (!ALIAS_SEGMENT.test(segment)) return `has characters a plain path cannot hold in ${JSON.stringify(segment)} (escape them as %XX)`;
  }
  return undefined;
}
