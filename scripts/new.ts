/**
 * `npm run new -- --title "Headline" --section world [--author id] [--slug s]`:
 * writes `src/articles/YYYY-MM-DD-slug.md` (today in the site time zone) with
 * valid front matter, as a draft. Never overwrites; prints the new file's path.
 *   --content DIR   content root (default: this project)
 * BUILD_NOW sets "today", as it sets "now" for the build.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { authorsSchema, sectionsSchema, siteSettingsSchema } from "./lib/content/content-schema.ts";
import { parseNow } from "./lib/content/dates.ts";
import { ARTICLES_DIR, DATA_DIR, readContent } from "./lib/content/content-files.ts";
import { readDataFile } from "./lib/content/data-files.ts";
import { newArticle } from "./lib/authoring/new-article.ts";
import { PROJECT_ROOT } from "./lib/util/project-root.ts";
import { formatProblem, type Problem } from "./lib/content/content-error.ts";
import { parseCommandLine, usageError } from "./lib/util/cli-args.ts";
import { complain, say } from "./lib/util/terminal-text.ts";

const USAGE = 'Usage: npm run new -- --title "Headline" --section <id> [--author <id>] [--slug <slug>] [--content DIR]';
const { values, positionals } = parseCommandLine(
  {
    allowPositionals: true,
    options: {
      title: { type: "string", default: "" },
      section: { type: "string", default: "" },
      author: { type: "string" },
      slug: { type: "string" },
      content: { type: "string" },
    },
  },
  USAGE,
);
if (positionals.length) usageError(`Unexpected argument: ${positionals.join(" ")} (quote a title of several words)`, USAGE);

function fail(lines: string[]): never {
  for (const line of lines) complain(line);
  process.exit(1);
}

const root = path.resolve(values.content ?? PROJECT_ROOT);
const problems: Problem[] = [];
// Listed and read once: the data files, and the article files whose URLs the new one must not take.
const read = await readContent(root);
problems.push(...read.unreadable.filter((p) => p.file.startsWith(`${DATA_DIR}/`)));
const [settings, sections, authors] = await Promise.all([
  readDataFile(root, "site.yaml", siteSettingsSchema, problems, read),
  readDataFile(root, "sections.yaml", sectionsSchema, problems, read),
  readDataFile(root, "authors.yaml", authorsSchema, problems, read),
]);
if (!settings || !sections || !authors || problems.length) fail(["Fix the data files first:", ...problems.map(formatProblem)]);

let today: string;
try {
  today = parseNow(process.env.BUILD_NOW, settings.timeZone).setZone(settings.timeZone).toISODate() ?? "";
} catch (error) {
  fail([(error as Error).message]);
}
const result = newArticle({
  title: values.title,
  section: values.section,
  author: values.author,
  slug: values.slug,
  today,
  sections: sections.map((s) => s.id),
  authors: Object.keys(authors),
});
if (!result.ok) fail([...result.errors, USAGE]);

// An article of the same date and slug in a subfolder has the URL this one would take (the same file is never overwritten, below).
const own = path.posix.join(ARTICLES_DIR, result.fileName);
const namesake = read.articles.find((f) => f !== own && path.posix.basename(f) === result.fileName);
if (namesake)
  fail([`${namesake} already has this date and slug, so its URL would be taken; not writing a second. Choose another title or --slug.`]);

const file = path.join(root, ARTICLES_DIR, result.fileName);
await mkdir(path.dirname(file), { recursive: true });
try {
  await writeFile(file, result.text, { flag: "wx" });
} catch (error) {
  if ((error as NodeJS.ErrnoException).code === "EEXIST")
    fail([`${file} already exists; not overwriting it. Choose another title or --slug.`]);
  throw error;
}
if (result.authorDefaulted) complain(`Author: ${result.author} (the first in _data/authors.yaml; choose with --author)`);
complain("Written as a draft: remove `draft: true` to publish.");
say(path.relative(process.cwd(), file).startsWith("..") ? file : path.relative(process.cwd(), file));
