/**
 * Page weight budgets, checked on every build: an article must reach a reader
 * on a slow phone connection in one or two round trips. What counts is what a
 * reader needs to read it, HTML plus stylesheets, gzip-compressed (gzip is what
 * every client accepts; Brotli, where served, is smaller still). Scripts are
 * not counted because no article needs one to be read.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Problem } from "../content/content-error.ts";

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

const gzipSize = (data: Buffer, level: number) => gzipSync(data, { level }).length;

export const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

function stylesheetsOf(html: string): string[] {
  return [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*>/g)]
    .map((m) => /\bhref="([^"]+)"/.exec(m[0])?.[1])
    .filter((href): href is string => !!href);
}

/**
 * A page this far under its budget at gzip's fastest level is taken as
 * weighed: level 9 only ever comes out smaller, and level 1 costs less
 * time. Pages nearer their budget, and the page heaviest at level 1 (the
 * build reports it), are weighed at level 9.
 */
const SCREEN_SHARE = 0.9;

/** A page's stylesheets are linked in its head: only that much is decoded. */
function headOf(html: Buffer): string {
  const end = html.indexOf("</head>");
  return html.subarray(0, end < 0 ? html.length : end).toString("utf8");
}

/** Weighs a page of the output folder, screened at gzip's level 1 unless `exact`. */
export type WeighPage = (page: PageToWeigh, exact: boolean) => PageWeight;

/**
 * Weighs the pages of the site in `outDir`, one at a time and synchronously
 * (page-weigher.ts runs it on a worker thread): a synchronous gzip of a page
 * cost a third of the CPU time of zlib's asynchronous one, whose hand-offs
 * outweighed compressing a 20 kB page. Each stylesheet is read and compressed
 * once however many pages share it.
 */
export function pageWeighing(outDir: string): WeighPage {
  const cssSizes = new Map<string, number>();
  const cssSize = (href: string) => {
    let size = cssSizes.get(href);
    if (size === undefined) {
      size = gzipSize(readFileSync(path.join(outDir, new URL(href, "http://site.invalid/").pathname)), 9);
      cssSizes.set(href, size);
    }
    return size;
  };
  return (page, exact) => {
    const html = readFileSync(path.join(outDir, page.url, "index.html"));
    const budget = page.budget ?? ARTICLE_BUDGET_BYTES;
    let css = 0;
    for (const href of stylesheetsOf(headOf(html))) css += cssSize(href);
    let htmlSize = gzipSize(html, exact ? 9 : 1);
    if (!exact && htmlSize + css > budget * SCREEN_SHARE) htmlSize = gzipSize(html, 9);
    return { url: page.url, file: page.file, budget, html: htmlSize, css, total: htmlSize + css };
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
