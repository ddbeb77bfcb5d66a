/**
 * The import graph of the project's own TypeScript: no cycles, imports point
 * from the entry points down through the stages to the content model, and the
 * browser's code (src/assets/) never imports the build's (scripts/).
 */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SHARED_PARSING_CODE } from "../../scripts/lib/content/parse-cache.ts";
import { PROJECT } from "../helpers/site.ts";

/** A module's folder as a layer: `scripts/lib/<stage>`, `src/assets`, or the entry points. */
function layerOf(file: string): string {
  const stage = /^scripts\/lib\/([^/]+)\//.exec(file)?.[1];
  if (stage) return stage;
  if (file.startsWith("src/assets/")) return "assets";
  if (file.startsWith("scripts/types/")) return "types";
  return "entry";
}

/**
 * What each layer may import, besides itself. Lower layers never import
 * higher ones: assets and util are the floor (util may use the pure helpers
 * the build shares with the browser, such as did-you-mean.ts), content the
 * model, and the stages above it reach down only.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  util: ["assets"],
  assets: [],
  content: ["util", "assets"],
  search: ["content", "util", "assets"],
  pages: ["content", "search", "util", "assets"],
  build: ["content", "pages", "search", "util", "assets"],
  authoring: ["content", "util", "assets"],
  serve: ["util"],
  checks: ["serve", "util"],
  bench: ["build", "content", "search", "serve", "util", "assets"],
  entry: ["util", "content", "search", "pages", "build", "authoring", "serve", "checks", "bench", "assets"],
};

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|new URL\(\s*)["'](\.{1,2}\/[^"']+\.ts)["']/g;

let graph: Map<string, string[]>;

beforeAll(async () => {
  const roots = ["scripts", "src/assets", "eleventy.config.ts"];
  const files: string[] = [];
  for (const root of roots) {
    if (root.endsWith(".ts")) files.push(root);
    else {
      const entries = await readdir(path.join(PROJECT, root), { recursive: true, withFileTypes: true });
      for (const e of entries)
        if (e.isFile() && e.name.endsWith(".ts")) files.push(path.relative(PROJECT, path.join(e.parentPath, e.name)));
    }
  }
  graph = new Map();
  for (const file of files.sort()) {
    const text = await readFile(path.join(PROJECT, file), "utf8");
    const targets = [...text.matchAll(SPECIFIER)].map((m) => path.normalize(path.join(path.dirname(file), m[1] ?? "")));
    graph.set(file, [...new Set(targets)]);
  }
});

/** Strongly connected components of more than one module (or a module importing itself): Tarjan's algorithm. */
function cycles(edges: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!edges.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (edges.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe("the import graph", () => {
  it("reads every module and resolves every relative import to a file of the project", () => {
    expect(graph.size).toBeGreaterThan(80);
    const dangling = [...graph].flatMap(([from, targets]) =>
      targets.filter((t) => !graph.has(t) && !t.startsWith("test/")).map((t) => `${from} -> ${t}`),
    );
    expect(dangling).toEqual([]);
  });

  it("has no import cycles", () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("finds a cycle when there is one (the check itself works)", () => {
    const sample = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", ["a.ts"]],
      ["d.ts", ["a.ts"]],
    ]);
    expect(cycles(sample)).toEqual([["a.ts", "b.ts", "c.ts"]]);
  });

  it("keeps the browser's code free of the build's: src/assets never imports scripts/", () => {
    const upward = [...graph]
      .filter(([from]) => from.startsWith("src/assets/"))
      .flatMap(([from, targets]) => targets.filter((t) => !t.startsWith("src/assets/")).map((t) => `${from} -> ${t}`));
    expect(upward).toEqual([]);
  });

  it("points imports from the entry points down through the stages, never back up", () => {
    const wrong = [...graph].flatMap(([from, targets]) => {
      const layer = layerOf(from);
      return targets
        .filter((t) => graph.has(t))
        .filter((t) => {
          const to = layerOf(t);
          return to !== layer && to !== "types" && !(MAY_IMPORT[layer] ?? []).includes(to);
        })
        .map((t) => `${from} (${layer}) -> ${t} (${layerOf(t)})`);
    });
    expect(wrong).toEqual([]);
  });

  it("keys cached parses by every module parsing reaches outside its own folders", () => {
    // The parse cache hashes the content and util folders whole, and only the named files of the browser's code they import.
    const own = (file: string) => file.startsWith("scripts/lib/content/") || file.startsWith("scripts/lib/util/");
    const reached = new Set<string>();
    const visit = (file: string) => {
      for (const target of graph.get(file) ?? [])
        if (!own(target) && !reached.has(target)) {
          reached.add(target);
          visit(target);
        }
    };
    for (const file of graph.keys()) if (own(file)) visit(file);
    expect([...reached].sort()).toEqual([...SHARED_PARSING_CODE].sort());
  });

  it("has every folder of scripts/lib/ in the layer table", () => {
    const layers = new Set([...graph.keys()].map(layerOf));
    expect([...layers].filter((l) => !(l in MAY_IMPORT) && l !== "types")).toEqual([]);
  });
});

describe("terminal output", () => {
  it("goes through util/terminal-text.ts: no module of the build prints with console.*", async () => {
    const printing: string[] = [];
    for (const file of graph.keys()) {
      if (file.startsWith("src/assets/")) continue;
      const text = await readFile(path.join(PROJECT, file), "utf8");
      if (/\bconsole\.(log|error|warn|info|debug)\(/.test(text)) printing.push(file);
    }
    expect(printing).toEqual([]);
  });
});
