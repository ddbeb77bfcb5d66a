/**
 * JSON-LD as a processor reads it: the `jsonld` package expands a page's
 * structured data against the schema.org context, served from
 * test/fixtures/schema-org/ instead of fetched, so it runs offline.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import jsonld, { type RemoteDocument } from "jsonld";
import { PROJECT } from "./site.ts";

const SCHEMA_ORG_CONTEXT = JSON.parse(
  readFileSync(path.join(PROJECT, "test/fixtures/schema-org/schemaorgcontext.jsonld"), "utf8"),
) as unknown;

/** schema.org serves its context at these addresses; anything else is refused rather than fetched. */
async function documentLoader(url: string): Promise<RemoteDocument> {
  if (/^https?:\/\/schema\.org\/?$/.test(url)) return { contextUrl: null, documentUrl: url, document: SCHEMA_ORG_CONTEXT };
  throw new Error(`The JSON-LD tests load no documents from the network (asked for ${url})`);
}

/** Every `<script type="application/ld+json">` block of a page, parsed. */
export function jsonLdBlocks(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map(
    (m) => JSON.parse(m[1] ?? "") as Record<string, unknown>,
  );
}

/** Expands one block in safe mode: a term schema.org does not define, or a value that cannot be read, is an error rather than dropped. */
export function expand(block: Record<string, unknown>): Promise<Record<string, unknown>[]> {
  return jsonld.expand(block, { documentLoader, safe: true });
}

export const SCHEMA = "http://schema.org/";
