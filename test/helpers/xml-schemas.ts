/** Validates XML against the official sitemap schemas with xmllint (Debian's libxml2-utils), offline. */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { PROJECT } from "./site.ts";

/** The schema of each kind of sitemap file: sitemaps.org's from the `sitemap` package, the rest from test/fixtures/schemas/. */
export const SITEMAP_SCHEMAS = {
  urlset: path.join(PROJECT, "node_modules/sitemap/schema/sitemap.xsd"),
  index: path.join(PROJECT, "test/fixtures/schemas/siteindex.xsd"),
  news: path.join(PROJECT, "test/fixtures/schemas/news-sitemap-all.xsd"),
} as const;

export type SitemapSchema = keyof typeof SITEMAP_SCHEMAS;

/** xmllint's complaints about `file` against `schema`; empty when the file is valid. */
export async function schemaErrors(file: string, schema: SitemapSchema): Promise<string[]> {
  try {
    await promisify(execFile)("xmllint", ["--noout", "--nonet", "--schema", SITEMAP_SCHEMAS[schema], file]);
    return [];
  } catch (error) {
    const failure = error as { code?: unknown; stderr?: string };
    if (failure.code === "ENOENT") throw new Error("xmllint is missing: apt-get install -y libxml2-utils");
    const lines = (failure.stderr ?? "").split("\n").filter((line) => line.trim() !== "" && !line.endsWith(" fails to validate"));
    return lines.length > 0 ? lines : [`xmllint failed on ${file} without a message`];
  }
}
