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
  md.core.ruler.push("demote_h1", (state) => {
    for (const token of state.tokens) {
      if ((token.type === "heading_open" || token.type === "heading_close") && token.tag === "h1") token.tag = "h2";
    }
  });
  md.use(anchor, { slugify: (s: string) => slugify(s) || "section", tabIndex: false });
  return md;
}

function plainText(inline: Token | undefined): string {
  if (!inline?.children) return inline?.content ?? "";
  let text = "";
  for (const child of inline.children) {
    if (child.type === "text" || child.type === "code_inline") text += child.content;
    else if (child.type === "softbreak" || child.type === "hardbreak") text += " ";
    else if (child.type === "image") text += plainText(child);
  }
  return text.replace(/\s+/g, " ").trim();
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
    const text = plainText(token);
    wordCount += text.split(/\s+/).filter(Boolean).length;
    if (!lead && tokens[i - 1]?.type === "paragraph_open" && token.level === 1) lead = text;
  }
  return { html: md.renderer.render(tokens, md.options, {}), lead, wordCount };
}
