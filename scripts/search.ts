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
import { parseArgs } from "node:util";
import { openSiteSearch } from "./lib/search/node-search.ts";
import { PROJECT_ROOT } from "./lib/util/project-root.ts";
import { asJson, asTable, checkIndex, filtersFromArgs, SearchCliError, type CliResult } from "./lib/search/search-cli.ts";

try {
  const { values, positionals } = parseArgs({
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
  });
  const query = positionals.join(" ").trim();
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new SearchCliError(`--limit ${values.limit}: expected a whole number of at least 1`);
  if (values.sort !== "date" && values.sort !== "relevance") throw new SearchCliError(`--sort ${values.sort}: expected date or relevance`);
  const sort = values.sort;
  const filterArgs = { section: values.section, author: values.author, tag: values.tag, year: values.year };
  if (!query && !Object.values(filterArgs).some((v) => v?.length))
    throw new SearchCliError(
      'Nothing to search for: give words to search, e.g. npm run search -- "harbour tariffs", or a filter such as --section world.',
    );

  const dir = path.resolve(values.dir);
  const info = await checkIndex(dir, path.resolve(values.content));
  const filters = filtersFromArgs(filterArgs, info.vocabulary);
  const search = await openSiteSearch(dir);
  const found = await search.search({ query: query || null, filters, sort: sort === "date" || !query ? "newest" : "relevance", limit });
  const result: CliResult = { query, filters, sort: sort === "date" || !query ? "date" : "relevance", ...found };
  console.log(
    values.json ? asJson(result) : asTable(result, { bold: process.stdout.isTTY === true, width: process.stdout.columns || 100 }),
  );
} catch (error) {
  if (
    error instanceof SearchCliError ||
    (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"))
  ) {
    console.error(error.message);
    process.exitCode = 2;
  } else throw error;
}
