import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import anchor from "markdown-it-anchor";
import { hasRunTogether, runTogetherSentences } from "./run-together.ts";
import { altTextProblem } from "./alt-text.ts";
import { slugify } from "./slugs.ts";
import { siteLinkOf, type SiteLink } from "./urls.ts";

export interface RenderedMarkdown {
  html: string;
  /** Plain text of the first paragraph: the article's lead. */
  lead: string;
  wordCount: number;
  /** Sentences run into the next without a space ("free.In"), by line of the Markdown (from 0) and the words around. */
  runTogether: { line: number; text: string }[];
  /** The line of the Markdown (from 0) where it nests too deeply for the parser, which drops what follows; undefined if it does not. */
  tooDeep?: number;
  /** Images and links some readers could not use (no alt text, no link text, no address), by line of the Markdown (from 0). */
  unusable: (UnusableFound & { line: number })[];
  /** Links to pages of the site the loader checks (urls.ts `siteLinkOf`: articles and lists), by line of the Markdown (from 0). */
  siteLinks: (SiteLink & { line: number })[];
  /** Images no reader will see, by line of the Markdown (from 0): from another site, or by a path relative to the article. */
  unseenImages: { line: number; src: string; why: UnseenImage }[];
  /** Images by a path under `/images/`, where the build publishes lead images, by line of the Markdown (from 0), for the loader to check. */
  siteImages: { line: number; src: string }[];
}

export type UnseenImage = "another site" | "relative";

/** Why an image in the body would not be shown: the site's Content-Security-Policy (netlify.toml) shows only its own images. */
function unseenImage(src: string): UnseenImage | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith("//")) return src.startsWith("data:") ? undefined : "another site";
  return src.startsWith("/") ? undefined : "relative";
}

export type Unusable =
  "an image without alt text" | "an image whose alt text describes nothing" | "a link without text" | "a link without an address";

/** An image or link some readers could not use, with what made it so when the kind does not say (an alt text). */
export interface UnusableFound {
  what: Unusable;
  got?: string;
}

/**
 * The images and links of a paragraph, read once: what a reader of a screen
 * reader, or anyone, cannot use (an image with no alt text, `![](photo.jpg)`,
 * reads as nothing; a link with no text, `[](https://…)`, is announced as a
 * bare "link"; a link with no address, `[text]()`, leads back to the page
 * itself), images no reader will see (`unseenImage`), and the pages of the
 * site it links to (`siteLinkOf`; by a whole address on any host, left to
 * the loader, which knows the site's own) and its images under `/images/`,
 * which the loader checks against the site.
 */
function linksIn(inline: Token): {
  unusable: UnusableFound[];
  siteLinks: SiteLink[];
  unseen: { src: string; why: UnseenImage }[];
  images: string[];
} {
  const unusable: UnusableFound[] = [];
  const siteLinks: SiteLink[] = [];
  const unseen: { src: string; why: UnseenImage }[] = [];
  const images: string[] = [];
  let link: { named: boolean } | undefined;
  for (const child of inline.children ?? []) {
    if (child.type === "image") {
      const src = child.attrGet("src") ?? "";
      const alt = plainText(child);
      if (!alt.trim()) unusable.push({ what: "an image without alt text" });
      else if (altTextProblem(alt, src)) unusable.push({ what: "an image whose alt text describes nothing", got: alt });
      const why = unseenImage(src);
      if (why) unseen.push({ src, why });
      else if (src.startsWith(IMAGES_PATH)) images.push(decodedPath(src.replace(/[?#].*$/s, "")));
    }
    if (child.type === "link_open") {
      const href = child.attrGet("href");
      if (!href) unusable.push({ what: "a link without an address" });
      const onSite = href ? siteLinkOf(href) : undefined;
      if (onSite) siteLinks.push(onSite);
      link = { named: false };
    } else if (child.type === "link_close") {
      if (link && !link.named) unusable.push({ what: "a link without text" });
      link = undefined;
    } else if (
      link &&
      (child.type === "text" || child.type === "code_inline" || child.type === "image") &&
      (child.type === "image" ? plainText(child) : child.content).trim()
    )
      link.named = true;
  }
  return { unusable, siteLinks, unseen, images };
}

/** Where lead images' originals are published (urls.ts `imageUrl`). */
const IMAGES_PATH = "/images/";

/** A path as its file is named: Markdown writes "my photo.jpg" as "my%20photo.jpg". */
function decodedPath(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/**
 * The one configured Markdown renderer. Raw HTML is off: authors write
 * Markdown, and an inline `<script>` would break the site's CSP anyway.
 * The article page owns the `<h1>`, so body headings start at `<h2>`
 * (headingsUnderTheHeadline).
 */
export function createMarkdown(quotes = "“”‘’"): MarkdownIt {
  const md = linkifyUnmistakable(new MarkdownIt({ html: false, linkify: true, typographer: true, quotes }));
  const pretest = md.linkify.pretest.bind(md.linkify);
  md.linkify.pretest = (text) => mayLink(text) && pretest(text);
  headingsUnderTheHeadline(md);
  md.use(anchor, { slugify: (s: string) => slugify(s) || "section", tabIndex: false });
  listItemsByTheirText(md);
  markUrlLinks(md);
  scrollSideways(md);
  return md;
}

/**
 * Body headings sit under the page's `<h1>`, the headline, and never skip a
 * level, as screen-reader users move through a page by its heading levels:
 * the first is an `<h2>` whatever its `#`s ("### Background" first is an
 * `<h2>`), and each is at most one level below the one before ("##" then
 * "####" give `<h2>`, `<h3>`). A heading may always go back up.
 */
function headingsUnderTheHeadline(md: MarkdownIt): void {
  md.core.ruler.push("heading_levels", (state) => {
    let previous = 1;
    let open = "";
    for (const token of state.tokens) {
      if (token.type === "heading_open") {
        previous = Math.min(Math.max(Number(token.tag.slice(1)), 2), previous + 1);
        token.tag = open = `h${previous}`;
      } else if (token.type === "heading_close") token.tag = open;
    }
  });
}

/**
 * Each list item takes its direction from its own text (`dir="auto"`), so an
 * Arabic or Hebrew item has its bullet or number on the right, as it reads,
 * on a page written left to right, and an English one on the left on a page
 * written right to left. The stylesheet sets the text of paragraphs and
 * headings the same way; only a list item's marker needs its element's
 * direction.
 */
function listItemsByTheirText(md: MarkdownIt): void {
  md.core.ruler.push("list_item_dir", (state) => {
    for (const token of state.tokens) if (token.type === "list_item_open") token.attrSet("dir", "auto");
  });
}

/**
 * Marks with the class `link-url` each link whose text is its own address (a
 * bare URL, an autolink): printed pages write a link's address after its text,
 * which for these would print the address twice.
 */
export function markUrlLinks(md: MarkdownIt): MarkdownIt {
  md.core.ruler.push("mark_url_links", (state) => {
    for (const block of state.tokens) {
      const children = block.children ?? [];
      children.forEach((token, i) => {
        if (token.type !== "link_open") return;
        const text = children[i + 1];
        const bare = token.markup === "linkify" || token.markup === "autolink";
        if (bare || (text?.type === "text" && children[i + 2]?.type === "link_close" && text.content === token.attrGet("href"))) {
          token.attrJoin("class", "link-url");
        }
      });
    }
  });
  return md;
}

/**
 * Code blocks and tables keep their lines and columns, so they can be wider
 * than a phone: each sits in a box that scrolls sideways within the column.
 * The box is focusable, so a keyboard can scroll it too, and named, so a
 * screen reader says what a reader has landed on.
 */
function scrollSideways(md: MarkdownIt): void {
  const rules = md.renderer.rules;
  const box = (label: string) => `<div class="scroll-box" tabindex="0" role="region" aria-label="${label}">`;
  for (const name of ["fence", "code_block"] as const) {
    const render = rules[name];
    if (!render) throw new Error(`markdown-it has no ${name} rule`);
    rules[name] = (...args) => `${box("Code")}${render(...args)}</div>\n`;
  }
  rules.table_open = (tokens, idx, options, _env, self) => `${box("Table")}${self.renderToken(tokens, idx, options)}`;
  rules.table_close = (tokens, idx, options, _env, self) => `${self.renderToken(tokens, idx, options)}</div>\n`;
}

/**
 * Text becomes a link only when it is unmistakably one: it starts with a
 * scheme (`https:`, `http:`, `ftp:`, `mailto:`) or with `www.`. linkify-it's
 * fuzzy matching also links any word, stop, word whose end is a top-level
 * domain, so sentences run together ("free.In", "you.It") became links to
 * real domains (`http://free.in/`); protocol-relative `//host` and bare email
 * addresses go too (`<ada@example.org>` is still a link, as CommonMark says).
 */
export function linkifyUnmistakable(md: MarkdownIt): MarkdownIt {
  md.linkify.set({ fuzzyEmail: false, fuzzyIP: false }).add("//", null);
  const match = md.linkify.match.bind(md.linkify);
  md.linkify.match = (text) => match(text)?.filter((m) => m.schema !== "" || /^www\./i.test(m.raw)) ?? null;
  return md;
}

const SCHEME_BEFORE = /(?:https?|ftp|mailto)$/i;

/**
 * Whether `text` holds `http:`, `https:`, `ftp:`, `mailto:` or `www.` (in any
 * case), as each text `linkifyUnmistakable` links does. linkify-it's
 * `pretest`, long Unicode classes tried at every position, was a large share
 * of parsing an article, and most paragraphs fail this test. It looks only
 * where a `:` or `.` stands: a pattern of the five, tried at every position,
 * took three times as long.
 */
export function mayLink(text: string): boolean {
  for (let at = text.indexOf(":"); at >= 0; at = text.indexOf(":", at + 1)) {
    if (SCHEME_BEFORE.test(text.slice(Math.max(0, at - 6), at))) return true;
  }
  for (let at = text.indexOf(".", 3); at >= 0; at = text.indexOf(".", at + 1)) {
    if (text.slice(at - 3, at).toLowerCase() === "www") return true;
  }
  return false;
}

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

/** Where the text of `inline` (a paragraph, heading or list item on line `line`) runs a sentence into the next; link text made from a URL is left out. */
function runTogetherIn(inline: Token, line: number): RenderedMarkdown["runTogether"] {
  const found: RenderedMarkdown["runTogether"] = [];
  let inUrl = false;
  let at = line;
  for (const child of inline.children ?? []) {
    if (child.type === "link_open") inUrl = child.markup === "linkify" || child.markup === "autolink";
    else if (child.type === "link_close") inUrl = false;
    else if (child.type === "softbreak" || child.type === "hardbreak") at++;
    else if (child.type === "text" && !inUrl) for (const text of runTogetherSentences(child.content)) found.push({ line: at, text });
  }
  return found;
}

/** Blocks whose content markdown-it reads as blocks of their own, a level deeper. */
const CONTAINERS = new Set(["blockquote_open", "list_item_open"]);

/**
 * markdown-it reads blocks nested at most `maxNesting` deep (quotations in
 * quotations, lists in lists); the content of a container opened at the last
 * level is dropped without a word, and the article would go out with a hole
 * in it. (Inline markup cannot nest that deep: a link holds no link, and
 * emphasis is matched after reading.)
 */
const dropsContent = (token: Token, maxNesting: number) => token.level + 1 >= maxNesting && CONTAINERS.has(token.type);

/** markdown-it's nesting limit, `options.maxNesting` (its type declarations leave it out). */
export const nestingLimit = (md: MarkdownIt): number => (md.options as { maxNesting?: number }).maxNesting ?? 100;

export function renderArticleBody(md: MarkdownIt, source: string): RenderedMarkdown {
  const env: { references?: Record<string, unknown> } = {};
  const tokens = md.parse(source, env);
  // A reference link may be written `[text]` alone, with its address defined elsewhere.
  const byReference = Object.keys(env.references ?? {}).length > 0;
  let lead = "";
  let wordCount = 0;
  let tooDeep: number | undefined;
  const maxNesting = nestingLimit(md);
  const runTogether: RenderedMarkdown["runTogether"] = [];
  const unusable: RenderedMarkdown["unusable"] = [];
  const siteLinks: RenderedMarkdown["siteLinks"] = [];
  const unseenImages: RenderedMarkdown["unseenImages"] = [];
  const siteImages: RenderedMarkdown["siteImages"] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (tooDeep === undefined && dropsContent(token, maxNesting)) tooDeep = token.map?.[0] ?? 0;
    if (token.type !== "inline") continue;
    wordCount += countWords(token);
    if (!lead && tokens[i - 1]?.type === "paragraph_open" && token.level === 1) lead = plainText(token);
    if (hasRunTogether(token.content)) runTogether.push(...runTogetherIn(token, token.map?.[0] ?? 0));
    // Markdown for an image or a link holds "](" or "][": a paragraph without either is passed over cheaply.
    if (token.content.includes("](") || token.content.includes("][") || (byReference && token.content.includes("["))) {
      const line = token.map?.[0] ?? 0;
      const found = linksIn(token);
      for (const each of found.unusable) unusable.push({ line, ...each });
      for (const link of found.siteLinks) siteLinks.push({ line, ...link });
      for (const image of found.unseen) unseenImages.push({ line, ...image });
      for (const src of found.images) siteImages.push({ line, src });
    }
  }
  return {
    html: md.renderer.render(tokens, md.options, {}),
    lead,
    wordCount,
    runTogether,
    unusable,
    siteLinks,
    unseenImages,
    siteImages,
    ...(tooDeep === undefined ? {} : { tooDeep }),
  };
}
