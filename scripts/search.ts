/**
 * `npm run search -- "query"`: searches the built site from the terminal with
 * the site's own Pagefind runtime, so results match the browser's.
 *   --section ID --author ID --tag SLUG --year YYYY   filters (repeatable; any of the values)
 *   --sort date      newest first (default: relevance)
 *   --limit N        results to show (default 10)
 *   --json           JSON instead of a table
 *   --dir DIR        the built site (default _site)
 *   --content DIR    the content it must be built from (default: this project)
 */
import path from "node:path";
import { parseQuery } from "../src/assets/search/query.ts";
import { openSiteSearch } from "./lib/search/node-search.ts";
import { PROJECT_ROOT } from "./lib/util/project-root.ts";
import { asJson, asTable, checkIndex, filtersFromArgs, SearchCliError, type CliResult } from "./lib/search/search-cli.ts";
import { parseCommandLine, USAGE_EXIT } from "./lib/util/cli-args.ts";
import { complain, describeError } from "./lib/util/terminal-text.ts";

const USAGE =
  'Usage: npm run search -- "words" [--section ID] [--author ID] [--tag SLUG] [--year YYYY] [--sort date] [--limit N] [--json] [--dir DIR] [--content DIR]';
const { values, positionals } = parseCommandLine(
  {
    allowPositionals: true,
    options: {
      section: { type: "string", multiple: true },
      author: { type: "string", multiple: true },
      tag: { type: "string", multiple: true },
      year: { type: "string", multiple: true },
      sort: { type: "string", default: "relevance" },
      limit: { type: "string", default: "10" },
      json: { type: "boolean", default: false },
      dir: { type: "string", default: path.join(PROJECT_ROOT, "_site") },
      content: { type: "string", default: PROJECT_ROOT },
    },
  },
  USAGE,
);
try {
  const typed = positionals.join(" ").trim();
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new SearchCliError(`--limit ${values.limit}: expected a whole number of at least 1`);
  if (values.sort !== "date" && values.sort !== "relevance") throw new SearchCliError(`--sort ${values.sort}: expected date or relevance`);
  const sort = values.sort;
  const filterArgs = { section: values.section, author: values.author, tag: values.tag, year: values.year };
  // Punctuation alone ("(", "*") holds no word to search: it is no query, as on the search page.
  const query = parseQuery(typed).words.length ? typed : "";
  if (!query && !Object.values(filterArgs).some((v) => v?.length))
    throw new SearchCliError(
      `Nothing to search for: ${typed ? `“${typed}” holds no word to search; ` : ""}give words to search, e.g. npm run search -- "harbour tariffs", or a filter such as --section world.`,
    );

  const dir = path.resolve(values.dir);
  const info = await checkIndex(dir, path.resolve(values.content));
  const filters = filtersFromArgs(filterArgs, info.vocabulary);
  const search = await openSiteSearch(dir);
  const found = await search.search({ query: query || null, filters, sort: sort === "date" || !query ? "newest" : "relevance", limit });
  const result: CliResult = { query, filters, sort: sort === "date" || !query ? "date" : "relevance", ...found };
  // Both are made safe for a terminal by search-cli.ts; the table's own bold must pass as it is.
  process.stdout.write(
    `${values.json ? asJson(result) : asTable(result, { bold: process.stdout.isTTY === true, width: process.stdout.columns || 100 })}\n`,
  );
} catch (error) {
  complain(error instanceof SearchCliError ? error.message : `Search failed: ${describeError(error)}`);
  process.exitCode = error instanceof SearchCliError ? USAGE_EXIT : 1;
}
