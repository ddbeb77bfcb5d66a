/**
 * The subset of Netlify's configuration the site uses: header rules from
 * netlify.toml and redirects from netlify.toml and the published `_redirects`
 * file. `npm run serve` applies them so local testing sees what the CDN serves.
 */
import { parse } from "smol-toml";

export interface HeaderRule {
  for: string;
  values: Record<string, string>;
}

export interface RedirectRule {
  from: string;
  to: string;
  status: number;
}

export interface NetlifyConfig {
  build: { command?: string; publish?: string; environment?: Record<string, string> };
  headers: HeaderRule[];
  redirects: RedirectRule[];
}

export function parseNetlifyToml(text: string): NetlifyConfig {
  const raw = parse(text) as {
    build?: NetlifyConfig["build"];
    headers?: { for: string; values: Record<string, string> }[];
    redirects?: { from: string; to: string; status?: number }[];
  };
  return {
    build: raw.build ?? {},
    headers: (raw.headers ?? []).map((h) => ({ for: h.for, values: h.values })),
    redirects: (raw.redirects ?? []).map((r) => ({ from: r.from, to: r.to, status: r.status ?? 301 })),
  };
}

/** `_redirects` lines: `from to [status]`; `#` starts a comment. */
export function parseRedirectsFile(text: string): RedirectRule[] {
  const rules: RedirectRule[] = [];
  for (const line of text.split("\n")) {
    const [from, to, status] = line.replace(/#.*/, "").trim().split(/\s+/);
    if (from && to) rules.push({ from, to, status: status ? Number.parseInt(status, 10) : 301 });
  }
  return rules;
}

/** Netlify path patterns: `*` at the end matches the rest of the path, `:name` one segment. */
export function pathMatches(pattern: string, pathname: string): boolean {
  const source = pattern
    .split("/")
    .map((part) => (part === "*" ? ".*" : part.startsWith(":") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${source}$`).test(pathname);
}

/** Headers for a path: later matching rules override earlier ones, as on Netlify. */
export function headersFor(rules: readonly HeaderRule[], pathname: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const rule of rules) if (pathMatches(rule.for, pathname)) Object.assign(headers, rule.values);
  return headers;
}

/** Netlify matches redirects with and without a trailing slash. */
export function redirectFor(rules: readonly RedirectRule[], pathname: string): RedirectRule | undefined {
  const alternate = pathname.endsWith("/") ? pathname.slice(0, -1) : `${pathname}/`;
  return rules.find((r) => pathMatches(r.from, pathname) || pathMatches(r.from, alternate));
}
