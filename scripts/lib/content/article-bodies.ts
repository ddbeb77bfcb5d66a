/**
 * Where the rendered HTML of article bodies is kept. The content model holds
 * what lists, feeds and search need of an article (headline, dates, teaser,
 * lead), and only a key to its body: the body is the bulk of a large archive,
 * and a page, a feed entry or a search document asks for it when it is made.
 *
 * A production build spools bodies into one file, the build cache's pack
 * (parse-cache.ts): both parsing threads append to it (each reserving its
 * range from a shared end offset) and a body is read back from its offset
 * when its page is rendered. One file rather than one per article, because
 * creating tens of thousands of small files cost more than parsing them. The
 * dev server and tests keep bodies in memory, under a key made from the
 * article file's bytes, so an unchanged article keeps its key from one load
 * to the next.
 */
import { createHash } from "node:crypto";
import { readSync, writeSync } from "node:fs";

export interface BodyStore {
  /** Keeps `html`, given the key an in-memory store names it by; returns the key to find it under. */
  put(key: string, html: string): string;
  html(key: string): string;
  /** Forgets every body whose key is not in `keys`, once a load has named all it uses. */
  retainOnly(keys: ReadonlySet<string>): void;
  /** For a spool, what a worker thread needs to add to it; undefined for a store in memory. */
  readonly shared?: SharedSpool;
  /** Lets go of what the store holds; it is not used afterwards. */
  close(): void;
}

/** A spool as worker threads of the same process see it: its descriptor, and the end offset all threads reserve from. */
export interface SharedSpool {
  fd: number;
  end: BigInt64Array;
}

/** A spool in the file open as `fd`, whose first `end` bytes are bodies already; its owner closes the file. */
export function sharedSpool(fd: number, end: number): SharedSpool {
  const spool = { fd, end: new BigInt64Array(new SharedArrayBuffer(8)) };
  spool.end[0] = BigInt(end);
  return spool;
}

/**
 * Bumped when the Markdown renderer's output changes for the same source
 * (markdown.ts), so the dev server does not take a body rendered by an older one for new.
 */
const RENDERER = "markdown-it 1";

/** The in-memory key of an article's body: its file's bytes (by their digest) and the renderer that made it. */
export function bodyKey(fileDigest: string): string {
  return createHash("sha256").update(`${RENDERER}\0${fileDigest}`).digest("hex").slice(0, 32);
}

export function memoryBodies(): BodyStore {
  const bodies = new Map<string, string>();
  return {
    put: (key, html) => (bodies.set(key, html), key),
    html(key) {
      const html = bodies.get(key);
      if (html === undefined) throw new Error(`no article body under ${key}`);
      return html;
    },
    retainOnly(keys) {
      for (const key of bodies.keys()) if (!keys.has(key)) bodies.delete(key);
    },
    close: () => bodies.clear(),
  };
}

const SPOOL_KEY = /^(\d+)\+(\d+)$/;

/** The bytes a spooled body takes in its spool, from its key. */
export function spooledLength(key: string): number {
  const match = SPOOL_KEY.exec(key);
  if (!match) throw new Error(`not an article body key: ${key}`);
  return Number(match[2]);
}

/** A thread's access to a spool: what it puts is appended to the spool's file, and any thread's bodies are read back. */
export function spooledBodies(spool: SharedSpool): BodyStore {
  return {
    shared: spool,
    put(_key, html) {
      const bytes = Buffer.from(html, "utf8");
      const at = Atomics.add(spool.end, 0, BigInt(bytes.byteLength));
      for (let written = 0; written < bytes.byteLength;) {
        written += writeSync(spool.fd, bytes, written, bytes.byteLength - written, Number(at) + written);
      }
      return `${at}+${bytes.byteLength}`;
    },
    html(key) {
      const match = SPOOL_KEY.exec(key);
      if (!match) throw new Error(`not an article body key: ${key}`);
      const at = Number(match[1]);
      const bytes = Buffer.allocUnsafe(Number(match[2]));
      for (let read = 0; read < bytes.byteLength;) {
        const got = readSync(spool.fd, bytes, read, bytes.byteLength - read, at + read);
        if (got === 0) throw new Error(`article body ${key} is past the end of the spool`);
        read += got;
      }
      return bytes.toString("utf8");
    },
    retainOnly: () => {},
    close: () => {},
  };
}
