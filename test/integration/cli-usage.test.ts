/** A command line a script cannot understand gets the reason and the usage (exit 2), never a stack trace. */
import { describe, expect, it } from "vitest";
import { runScript } from "../helpers/site.ts";

describe("bad command lines", () => {
  it.each([
    ["import.ts", ["sotu", "--limit", "-1"], /Option '--limit' argument is ambiguous/],
    ["import.ts", ["sotu", "--limit=-1"], /--limit: expected a whole number of at least 1, in digits \(got "-1"\)/],
    ["import.ts", ["sotu", "--max-words", "many"], /--max-words: expected a whole number of at least 1, in digits \(got "many"\)/],
    ["bench.ts", ["--articles", "1e3"], /--articles: expected a whole number of at least 1, in digits \(got "1e3"\)/],
    ["import.ts", ["gutenberg"], /Unknown source: gutenberg/],
    ["build.ts", ["--publish", "sideways"], /--publish sideways: expected link or folder/],
    ["build.ts", ["--site-url", "javascript:alert(1)"], /--site-url: uses the javascript: scheme/],
    ["build.ts", ["--outt", "x"], /^--outt: is not an option of this command; did you mean --out\? \(options: --content, --out, /m],
    ["new.ts", ["--title", "A", "--date", "2025-03-12"], /^--date: is not an option of this command \(options: --title, --section, /m],
    ["build.ts", ["--out", ""], /--out: expected a value \(got an empty one\)/],
    ["build.ts", ["--content="], /--content: expected a value \(got an empty one\)/],
    ["build.ts", ["--out", " \t"], /--out: expected a value \(got only white space\)/],
    ["new.ts", ["--title", "A", "--section", "world", "--content", ""], /--content: expected a value \(got an empty one\)/],
    ["check-content.ts", ["--content="], /--content: expected a value \(got an empty one\)/],
    ["check-content.ts", ["--content"], /Option '--content <value>' argument missing/],
    ["check-links.ts", ["--dri", "x"], /^--dri: is not an option of this command; did you mean --dir\?/m],
    ["new.ts", ["--title", "A", "B"], /Unexpected argument: B \(quote a title of several words\)/],
    ["search.ts", ["gull", "--limit"], /Option '--limit <value>' argument missing/],
    ["serve.ts", ["--port", "eighty"], /--port: expected a whole number from 0 to 65535/],
    ["start.ts", ["--port", "70000"], /--port: expected a whole number from 0 to 65535, in digits \(got "70000"\)/],
    ["start.ts", ["--port", "-5"], /Option '--port' argument is ambiguous/],
  ])("%s %s", async (script, args, reason) => {
    const r = await runScript(script, args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(reason);
    expect(r.stderr).toMatch(/^Usage: npm /m);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});

describe("asking for help", () => {
  it.each([
    ["build.ts", ["--help"]],
    ["new.ts", ["-h"]],
    ["search.ts", ["harbour", "--help"]],
    ["check-links.ts", ["--help"]],
  ])("%s %s prints the usage and succeeds, doing nothing else", async (script, args) => {
    const r = await runScript(script, args);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: npm /);
    expect(r.stderr).toBe("");
  });
});
