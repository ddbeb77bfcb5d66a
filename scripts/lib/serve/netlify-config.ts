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

/**
 * Netlify path patterns: `*` at the end matches the rest of the path (as
 * `:splat`), `:name` one segment. Returns the captured values, or undefined.
 */
export function matchPath(pattern: string, pathname: string): Record<string, string> | undefined {
  const source = pattern
    .split("/")
    .map((part) =>
      part === "*" ? "(?<splat>.*)" : part.startsWith(":") ? `(?<${part.slice(1)}>[^/]+)` : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    )
    .join("/");
  const match = new RegExp(`^${source}$`).exec(pathname);
  return match ? { ...match.groups } : undefined;
}

export function pathMatches(pattern: string, pathname: string): boolean {
  return matchPath(pattern, pathname) !== undefined;
}

/** What Netlify sends for a file when no rule sets the header. */
const NETLIFY_DEFAULT_HEADERS: Readonly<Record<string, string>> = { "Cache-Control": "public, max-age=0, must-revalidate" };

/** The rules that match a path, in file order. */
export function rulesFor(rules: readonly HeaderRule[], pathname: string): HeaderRule[] {
  return rules.filter((rule) => pathMatches(rule.for, pathname));
}

/**
 * Headers for a path: Netlify's defaults, then every matching rule in order,
 * a later rule overriding an earlier one (as Netlify's own dev server does).
 */
export function headersFor(rules: readonly HeaderRule[], pathname: string): Record<string, string> {
  const headers: Record<string, string> = { ...NETLIFY_DEFAULT_HEADERS };
  for (const rule of rulesFor(rules, pathname)) Object.assign(headers, rule.values);
  return headers;
}

/**
 * The redirect for a path, with `:splat` and `:name` filled into its target.
 * Netlify matches redirects with and without a trailing slash.
 */
export function redirectFor(rules: readonly RedirectRule[], pathname: string): RedirectRule | undefined {
  const alternate = pathname.endsWith("/") ? pathname.slice(0, -1) : `${pathname}/`;
  for (const rule of rules) {
    const values = matchPath(rule.from, pathname) ?? matchPath(rule.from, alternate);
    if (values) return { ...rule, to: rule.to.replace(/:(\w+)/g, (placeholder, name: string) => values[name] ?? placeholder) };
  }
  return undefined;
}
