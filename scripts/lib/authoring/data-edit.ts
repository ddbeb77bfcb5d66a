/**
 * Adds entries to the `_data/` YAML files. The `yaml` Document API reads what
 * is there; new entries are appended as text, so every existing byte (entries,
 * order, comments, quoting) stays as the editor wrote it. Only a file written
 * in flow style (`{…}` / `[…]`) is re-serialised as a whole.
 */
import { Document, isCollection, isMap, isSeq, parseDocument } from "yaml";

export interface NewAuthor {
  id: string;
  name: string;
  bio: string;
}

function read(text: string, file: string): Document.Parsed {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Error(`${file} does not parse: ${doc.errors[0]?.message ?? ""}`);
  return doc;
}

/** `text` with `additions` (a map or list of new entries) appended in block style. */
function append(text: string, doc: Document.Parsed, additions: Record<string, unknown> | unknown[]): string {
  if (isCollection(doc.contents) && doc.contents.flow) {
    for (const [key, value] of Array.isArray(additions) ? additions.map((v) => [undefined, v] as const) : Object.entries(additions)) {
      if (key === undefined) doc.add(doc.createNode(value));
      else doc.set(key, doc.createNode(value));
    }
    return doc.toString();
  }
  const separator = text === "" || text.endsWith("\n") ? "" : "\n";
  return `${text}${separator}${new Document(additions).toString()}`;
}

/** `_data/authors.yaml` with any missing authors appended; unchanged text when all exist. */
export function addAuthors(text: string, authors: readonly NewAuthor[]): { text: string; added: string[] } {
  const doc = read(text, "_data/authors.yaml");
  if (doc.contents !== null && !isMap(doc.contents)) throw new Error("_data/authors.yaml is not a map of author ids");
  const additions: Record<string, { name: string; bio: string }> = {};
  for (const { id, name, bio } of authors) {
    if (!doc.has(id) && !(id in additions)) additions[id] = { name, bio };
  }
  const added = Object.keys(additions);
  return { text: added.length ? append(text, doc, additions) : text, added };
}

/** `_data/sections.yaml` with the section appended if no section has its id. */
export function addSection(
  text: string,
  section: { id: string; name: string; description: string; pageBudgetKB?: number },
): { text: string; added: boolean } {
  const doc = read(text, "_data/sections.yaml");
  if (doc.contents !== null && !isSeq(doc.contents)) throw new Error("_data/sections.yaml is not a list of sections");
  let existing: unknown;
  try {
    existing = doc.toJS({ maxAliasCount: 100 });
  } catch {
    throw new Error("_data/sections.yaml expands its aliases (*name) into too much data (an “alias bomb”); fix it first");
  }
  if (Array.isArray(existing) && existing.some((s: { id?: unknown } | null) => s?.id === section.id)) return { text, added: false };
  return { text: append(text, doc, [{ ...section }]), added: true };
}
