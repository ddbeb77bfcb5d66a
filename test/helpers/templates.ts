/** Renders one of the site's own Nunjucks templates (src/*.njk) outside a build, with data a test makes. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import nunjucks from "nunjucks";
import { PROJECT } from "./site.ts";

/** The template's text after its front matter, rendered with `context` as Eleventy would render one page of it. */
export async function renderTemplate(name: string, context: object): Promise<string> {
  const source = await readFile(path.join(PROJECT, "src", name), "utf8");
  const body = source.replace(/^---\n[\s\S]*?\n---\n/, "");
  return nunjucks.renderString(body, context);
}
