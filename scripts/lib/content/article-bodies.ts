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
 *
 * A spooled body's key carries the CRC-32 of its bytes: the pack outlives the
 * build that wrote it, and a pack cut short or damaged on disk must not put
 * another article's text, or zeros, into a page.
 */
import { createHash } from "node:crypto";
import { readSync, writeSync } from "node:fs";
import { crc32 } from "node:zlib";

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
const RENDERER = "markdown-it 2";

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

/** Offset, length and CRC-32 (hex) of a body's bytes in its spool. */
const SPOOL_KEY = /^(\d+)\+(\d+)~([0-9a-f]{8})$/;

function spoolKey(key: string): { at: number; length: number; crc: string } {
  const match = SPOOL_KEY.exec(key);
  if (!match) throw new Error(`not an article body key: ${key}`);
  return { at: Number(match[1]), length: Number(match[2]), crc: match[3] as string };
}

const crcHex = (bytes: Uint8Array) => crc32(bytes).toString(16).padStart(8, "0");

/** The bytes a spooled body takes in its spool, from its key. */
export function spooledLength(key: string): number {
  return spoolKey(key).length;
}

/** A spooled body's bytes, or why they cannot be had: the spool ends before them, or they are not the bytes written. */
function readSpooled(spool: SharedSpool, key: string): Buffer | string {
  const { at, length, crc } = spoolKey(key);
  const bytes = Buffer.allocUnsafe(length);
  for (let read = 0; read < length;) {
    const got = readSync(spool.fd, bytes, read, length - read, at + read);
    if (got === 0) return "is past the end of the spool";
    read += got;
  }
  return crcHex(bytes) === crc ? bytes : "is damaged: its bytes are not those written";
}

/** Bytes read at once by `wholeSpooledKeys`: a pass over a large pack in few reads rather than one per body. */
const CHECK_BLOCK = 4 * 1024 * 1024;

/**
 * Those of `keys` whose bodies are in the spool as written: the bodies a
 * build cache kept are checked before they are used. One pass in the order
 * of their offsets, a block at a time.
 */
export function wholeSpooledKeys(spool: SharedSpool, keys: readonly string[]): Set<string> {
  const whole = new Set<string>();
  const spans = keys.map((key) => ({ key, ...spoolKey(key) })).sort((a, b) => a.at - b.at);
  let block = Buffer.allocUnsafe(CHECK_BLOCK);
  let blockAt = 0;
  let blockEnd = 0;
  for (const { key, at, length, crc } of spans) {
    if (at < blockAt || at + length > blockEnd) {
      if (length > block.length) block = Buffer.allocUnsafe(length);
      blockAt = at;
      blockEnd = at;
      while (blockEnd - blockAt < block.length) {
        const got = readSync(spool.fd, block, blockEnd - blockAt, block.length - (blockEnd - blockAt), blockEnd);
        if (got === 0) break;
        blockEnd += got;
      }
    }
    if (at + length <= blockEnd && crcHex(block.subarray(at - blockAt, at - blockAt + length)) === crc) whole.add(key);
  }
  return whole;
}

/** The body under `key` when it is in the spool as written, else undefined. */
export function wholeSpooledBody(spool: SharedSpool, key: string): string | undefined {
  const bytes = readSpooled(spool, key);
  return typeof bytes === "string" ? undefined : bytes.toString("utf8");
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
      return `${at}+${bytes.byteLength}~${crcHex(bytes)}`;
    },
    html(key) {
      const bytes = readSpooled(spool, key);
      if (typeof bytes === "string") throw new Error(`article body ${key} ${bytes}`);
      return bytes.toString("utf8");
    },
    retainOnly: () => {},
    close: () => {},
  };
}
