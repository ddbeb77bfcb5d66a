/**
 * Where the rendered HTML of article bodies is kept. The content model holds
 * what lists, feeds and search need of an article (headline, dates, teaser,
 * lead), and only a key to its body: the body is the bulk of a large archive,
 * and a page, a feed entry or a search document asks for it when it is made.
 *
 * A production build keeps bodies on disk in the build cache, one file per
 * key, written by whichever thread parsed the article and read back as each
 * page is rendered; a body is named by a hash of its article file's bytes, so
 * an unchanged article's body is already there for the next build. The dev
 * server and tests keep them in memory.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface BodyStore {
  /** Keeps `html` under `key`; a key already kept is not written again (same key, same body). */
  put(key: string, html: string): void;
  html(key: string): string;
  /** Forgets every body whose key is not in `keys`, once a load has named all it uses. */
  retainOnly(keys: ReadonlySet<string>): void;
  /** The folder of a store on disk, which worker threads open for themselves; undefined for one in memory. */
  readonly dir?: string;
}

/**
 * Bumped when the Markdown renderer's output changes for the same source
 * (markdown.ts), so bodies rendered by an older one are not taken for new.
 */
const RENDERER = "markdown-it 1";

/** The key of an article's body: its file's bytes (by their digest) and the renderer that made it. */
export function bodyKey(fileDigest: string): string {
  return createHash("sha256").update(`${RENDERER}\0${fileDigest}`).digest("hex").slice(0, 32);
}

export function memoryBodies(): BodyStore {
  const bodies = new Map<string, string>();
  return {
    put: (key, html) => void bodies.set(key, html),
    html(key) {
      const html = bodies.get(key);
      if (html === undefined) throw new Error(`no article body under ${key}`);
      return html;
    },
    retainOnly(keys) {
      for (const key of bodies.keys()) if (!keys.has(key)) bodies.delete(key);
    },
  };
}

const KEY = /^[0-9a-f]{32}$/;

/** A store in `dir` (made if missing). Writes go to a temporary name and are renamed, so a killed build leaves no half body. */
export function diskBodies(dir: string): BodyStore {
  mkdirSync(dir, { recursive: true });
  const file = (key: string) => {
    if (!KEY.test(key)) throw new Error(`not an article body key: ${key}`);
    return path.join(dir, `${key}.html`);
  };
  const exists = (p: string) => statSync(p, { throwIfNoEntry: false }) !== undefined;
  return {
    dir,
    put(key, html) {
      const target = file(key);
      if (exists(target)) return;
      const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}`;
      writeFileSync(temporary, html);
      renameSync(temporary, target);
    },
    html: (key) => readFileSync(file(key), "utf8"),
    retainOnly(keys) {
      for (const name of readdirSync(dir)) {
        const key = name.slice(0, 32);
        // Temporary files of a killed build go too.
        if (!(name === `${key}.html` && keys.has(key))) rmSync(path.join(dir, name), { force: true });
      }
    },
  };
}
