/**
 * Page weight budgets, checked on every build: an article must reach a reader
 * on a slow phone connection in one or two round trips. What counts is what a
 * reader needs to read it, HTML plus stylesheets, gzip-compressed (gzip is what
 * every client accepts; Brotli, where served, is smaller still). Scripts are
 * not counted because no article needs one to be read.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { Problem } from "../content/content-error.ts";
import { boundedQueue } from "../util/bounded-queue.ts";

/** 20 kB, in decimal kilobytes: the stricter reading. */
export const ARTICLE_BUDGET_BYTES = 20_000;

export interface PageToWeigh {
  /** Site path, e.g. `/2025/03/12/slug/`. */
  url: string;
  /** Source file named in problems, relative to the content root. */
  file: string;
  /** This page's budget in bytes, when its section sets one; otherwise the site's. */
  budget?: number;
  /** The page as rendered, when the caller has it in memory; otherwise it is read from the output folder. */
  html?: string;
}

export interface PageWeight {
  url: string;
  file: string;
  budget: number;
  html: number;
  css: number;
  total: number;
}

const gzipAsync = promisify(gzip);
const gzipSize = async (data: Buffer, level: number) => (await gzipAsync(data, { level })).length;

export const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

function stylesheetsOf(html: string): string[] {
  return [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*>/g)]
    .map((m) => /\bhref="([^"]+)"/.exec(m[0])?.[1])
    .filter((href): href is string => !!href);
}

/**
 * A page this far under its budget at gzip's fastest level is taken as
 * weighed: level 9 only ever comes out smaller, and level 1 costs far less
 * time. Pages nearer their budget, and the page heaviest at level 1 (the
 * build reports it), are weighed at level 9.
 */
const SCREEN_SHARE = 0.9;

/** A page's stylesheets are linked in its head: only that much is decoded. */
function headOf(html: Buffer): string {
  const end = html.indexOf("</head>");
  return html.subarray(0, end < 0 ? html.length : end).toString("utf8");
}

/** Pages compressed at once: one per thread of libuv's pool (4 by default), so no more pages are held than are being compressed. */
const IN_FLIGHT = 4;

export interface PageWeigher {
  /**
   * Weighs these pages (written, unless given with their HTML) while the caller goes on (e.g. rendering the next
   * run of pages); settles once the pages given before are weighed, so no more than two batches are held.
   */
  weigh(pages: readonly PageToWeigh[]): Promise<void>;
  /** Every page's weight, in the order given, and the heaviest, weighed exactly. */
  done(): Promise<{ weights: PageWeight[]; heaviest?: PageWeight }>;
}

/**
 * Weighs each page once; each stylesheet is read and compressed once however
 * many pages share it. O(pages). Compression runs on libuv's thread pool, so a
 * build weighs one run of pages while Eleventy renders the next. Reads are
 * synchronous: the pages were just written and are in the page cache. The
 * heaviest page is weighed again exactly from disk, so `done()` must wait
 * until every page is written.
 */
export function pageWeigher(outDir: string): PageWeigher {
  const cssSizes = new Map<string, Promise<number>>();
  const cssSize = (href: string) => {
    let size = cssSizes.get(href);
    if (size === undefined) {
      size = gzipSize(readFileSync(path.join(outDir, new URL(href, "http://site.invalid/").pathname)), 9);
      cssSizes.set(href, size);
    }
    return size;
  };
  const read = (page: PageToWeigh) =>
    page.html === undefined ? readFileSync(path.join(outDir, page.url, "index.html")) : Buffer.from(page.html);
  const weigh = async (page: PageToWeigh, exact: boolean): Promise<PageWeight> => {
    const html = read(page);
    const budget = page.budget ?? ARTICLE_BUDGET_BYTES;
    let css = 0;
    for (const href of stylesheetsOf(headOf(html))) css += await cssSize(href);
    let htmlSize = await gzipSize(html, exact ? 9 : 1);
    if (!exact && htmlSize + css > budget * SCREEN_SHARE) htmlSize = await gzipSize(html, 9);
    return { url: page.url, file: page.file, budget, html: htmlSize, css, total: htmlSize + css };
  };

  const weighed: PageToWeigh[] = [];
  const weights: PageWeight[] = [];
  const queue = boundedQueue(IN_FLIGHT, async (page: PageToWeigh, at: number) => {
    weights[at] = await weigh(page, false);
  });
  return {
    async weigh(pages) {
      await queue.done();
      for (const { html: _, ...page } of pages) weighed.push(page);
      queue.push(pages);
    },
    async done() {
      await queue.done();
      const top = weights.reduce((best, w, i) => (best < 0 || w.total > (weights[best] as PageWeight).total ? i : best), -1);
      if (top < 0) return { weights };
      // The heaviest as screened, weighed exactly: the one the build reports.
      const heaviest = await weigh(weighed[top] as PageToWeigh, true);
      weights[top] = heaviest;
      return { weights, heaviest };
    },
  };
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
