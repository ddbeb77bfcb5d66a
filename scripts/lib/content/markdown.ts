import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import anchor from "markdown-it-anchor";
import { slugify } from "./slugs.ts";

export interface RenderedMarkdown {
  html: string;
  /** Plain text of the first paragraph: the article's lead. */
  lead: string;
  wordCount: number;
}

/**
 * The one configured Markdown renderer. Raw HTML is off: authors write
 * Markdown, and an inline `<script>` would break the site's CSP anyway.
 * The article page owns the `<h1>`, so body headings start at `<h2>`.
 */
export function createMarkdown(quotes = "“”‘’"): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: true, quotes });
  const pretest = md.linkify.pretest.bind(md.linkify);
  md.linkify.pretest = (text) => MAY_LINK.test(text) && pretest(text);
  md.core.ruler.push("demote_h1", (state) => {
    for (const token of state.tokens) {
      if ((token.type === "heading_open" || token.type === "heading_close") && token.tag === "h1") token.tag = "h2";
    }
  });
  md.use(anchor, { slugify: (s: string) => slugify(s) || "section", tabIndex: false });
  return md;
}

/**
 * Each match of linkify-it's `pretest` (a scheme it knows: `http:`, `https:`,
 * `ftp:`, `mailto:`, `//`; `localhost`, `www.`, a dot before digits or a
 * top-level domain of two or more letters; or `@`) contains one of these. Its
 * regex, long Unicode classes tried at every position, was a large share of
 * parsing an article; most paragraphs fail this one.
 */
export const MAY_LINK = /https?:|ftp:|mailto:|\/\/|@|\.(?:\d|[a-z]{2}|\u0440\u0444)|localhost|www\./i;

export function plainText(inline: Token | undefined): string {
  if (!inline?.children) return inline?.content ?? "";
  let text = "";
  for (const child of inline.children) {
    if (child.type === "text" || child.type === "code_inline") text += child.content;
    else if (child.type === "softbreak" || child.type === "hardbreak") text += " ";
    else if (child.type === "image") text += plainText(child);
  }
  return text.replace(/\s+/g, " ").trim();
}

const SPACE = /\s/;

/** Runs of non-space characters (what `\S+` matches) in `text`, given whether the text before it ended inside one. */
function countRuns(text: string, inRun: boolean): { runs: number; inRun: boolean } {
  let runs = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c < 128 ? c === 32 || (c >= 9 && c <= 13) : SPACE.test(text[i] ?? "");
    if (!space && !inRun) runs++;
    inRun = !space;
  }
  return { runs, inRun };
}

/** The number of words in `plainText(inline)`, counted without building the text. */
export function countWords(inline: Token): number {
  const children = inline.children;
  // An image's text is trimmed before it joins its neighbours, which can join two words: build that rare text.
  if (!children || children.some((c) => c.type === "image")) return plainText(inline).split(/\s+/).filter(Boolean).length;
  let words = 0;
  let inRun = false;
  for (const child of children) {
    if (child.type === "text" || child.type === "code_inline") {
      const counted = countRuns(child.content, inRun);
      words += counted.runs;
      inRun = counted.inRun;
    } else if (child.type === "softbreak" || child.type === "hardbreak") inRun = false;
  }
  return words;
}

/** Plain text with the renderer's typography (curly quotes, dashes), for headlines and summaries. */
export function typographicText(md: MarkdownIt, text: string): string {
  const tokens = md.parseInline(text, {});
  return plainText(tokens[0]);
}

export function renderArticleBody(md: MarkdownIt, source: string): RenderedMarkdown {
  const tokens = md.parse(source, {});
  let lead = "";
  let wordCount = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token?.type !== "inline") continue;
    wordCount += countWords(token);
    if (!lead && tokens[i - 1]?.type === "paragraph_open" && token.level === 1) lead = plainText(token);
  }
  return { html: md.renderer.render(tokens, md.options, {}), lead, wordCount };
}
