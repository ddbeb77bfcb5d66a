/**
 * Page weight budgets, checked on every build: an article must reach a reader
 * on a slow phone connection in one or two round trips. What counts is what a
 * reader needs to read it, HTML plus stylesheets, gzip-compressed (gzip is what
 * every client accepts; Brotli, where served, is smaller still). Scripts are
 * not counted because no article needs one to be read.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Problem } from "./problems.ts";

/** 20 kB, in decimal kilobytes: the stricter reading. */
export const ARTICLE_BUDGET_BYTES = 20_000;

export interface PageToWeigh {
  /** Site path, e.g. `/2025/03/12/slug/`. */
  url: string;
  /** Source file named in problems, relative to the content root. */
  file: string;
  /** This page's budget in bytes, when its section sets one; otherwise the site's. */
  budget?: number;
}

export interface PageWeight {
  url: string;
  file: string;
  budget: number;
  html: number;
  css: number;
  total: number;
}

const gzipSize = (data: Buffer | string) => gzipSync(data, { level: 9 }).length;

export const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

function stylesheetsOf(html: string): string[] {
  return [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*>/g)].map((m) => /\bhref="([^"]+)"/.exec(m[0])?.[1]).filter((href): href is string => !!href);
}

/**
 * Weighs each page once; each stylesheet is read and compressed once however
 * many pages share it. O(pages).
 */
export async function weighPages(outDir: string, pages: readonly PageToWeigh[]): Promise<PageWeight[]> {
  const cssSizes = new Map<string, Promise<number>>();
  const cssSize = (href: string) => {
    let size = cssSizes.get(href);
    if (!size) {
      size = readFile(path.join(outDir, new URL(href, "http://site.invalid/").pathname)).then(gzipSize);
      cssSizes.set(href, size);
    }
    return size;
  };
  const weigh = async (page: PageToWeigh): Promise<PageWeight> => {
    const html = await readFile(path.join(outDir, page.url, "index.html"), "utf8");
    const css = (await Promise.all(stylesheetsOf(html).map(cssSize))).reduce((a, b) => a + b, 0);
    const htmlSize = gzipSize(html);
    return { url: page.url, file: page.file, budget: page.budget ?? ARTICLE_BUDGET_BYTES, html: htmlSize, css, total: htmlSize + css };
  };
  // A few pages at a time: reads overlap, memory stays flat on large sites.
  const weights: PageWeight[] = [];
  for (let i = 0; i < pages.length; i += 16) weights.push(...(await Promise.all(pages.slice(i, i + 16).map(weigh))));
  return weights;
}

/** One problem per article over its budget, saying by how much. */
export function overBudget(weights: readonly PageWeight[]): Problem[] {
  return weights
    .filter((w) => w.total > w.budget)
    .map((w) => ({
      file: w.file,
      field: "(page weight)",
      message: `the page ${w.url} is ${(w.total - w.budget).toLocaleString("en")} bytes over the article budget: HTML ${kB(w.html)} + CSS ${kB(w.css)} gzip; shorten the article or split it`,
      got: kB(w.total),
      expected: `at most ${kB(w.budget)}`,
    }));
}
