/**
 * Adds entries to the `_data/` YAML files through the `yaml` Document API, so
 * existing entries, their order, comments and quoting stay exactly as written.
 */
import { isMap, isSeq, parseDocument } from "yaml";

export interface NewAuthor {
  id: string;
  name: string;
  bio: string;
}

/** `_data/authors.yaml` with any missing authors appended; unchanged text when all exist. */
export function addAuthors(text: string, authors: readonly NewAuthor[]): { text: string; added: string[] } {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Error(`_data/authors.yaml does not parse: ${doc.errors[0]?.message ?? ""}`);
  if (doc.contents !== null && !isMap(doc.contents)) throw new Error("_data/authors.yaml is not a map of author ids");
  const added: string[] = [];
  for (const author of authors) {
    if (doc.has(author.id) || added.includes(author.id)) continue;
    doc.set(author.id, doc.createNode({ name: author.name, bio: author.bio }));
    added.push(author.id);
  }
  return { text: added.length ? doc.toString() : text, added };
}

/** `_data/sections.yaml` with the section appended if no section has its id. */
export function addSection(text: string, section: { id: string; name: string; description: string }): { text: string; added: boolean } {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Error(`_data/sections.yaml does not parse: ${doc.errors[0]?.message ?? ""}`);
  if (!isSeq(doc.contents)) throw new Error("_data/sections.yaml is not a list of sections");
  const existing: unknown = doc.toJS();
  if (Array.isArray(existing) && existing.some((s: { id?: unknown } | null) => s?.id === section.id)) return { text, added: false };
  doc.add(doc.createNode({ ...section }));
  return { text: doc.toString(), added: true };
}
