/**
 * The build cache of parsed articles (`.cache/articles/`): what each article
 * file parsed to, so a rebuild parses only the files that changed. Parsing
 * (front matter, Markdown, teasers, dates) is most of loading a large site.
 *
 * Two files: the index (each file's name, the digest of its bytes and its
 * parse, v8-serialized in pieces) and the pack holding the parses' bodies. The pack is
 * the build's body spool (article-bodies.ts): a build takes the last one's
 * pack over by renaming it, so unchanged articles' bodies stay where they
 * are and the bodies of files parsed now are appended. Renaming makes a pack
 * one build's at a time; a build that finds none parses every file. Once more
 * than half a pack is bodies no file uses any more (edited, deleted), the
 * build starts a new one and parses every file, which keeps the pack's size within
 * twice the archive's bodies at the cost of one full parse every so many edits.
 *
 * An entry counts only for the same parse: the same settings and known ids,
 * the same parsing code and dependencies, and the same Node (its Intl data
 * cut teasers and format dates). Anything else parses every file again.
 */
import { createHash, randomBytes } from "node:crypto";
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { crc32 } from "node:zlib";
import {
  bodyKey,
  sharedSpool,
  spooledBodies,
  spooledLength,
  wholeSpooledBody,
  wholeSpooledKeys,
  type BodyStore,
} from "./article-bodies.ts";
import type { ArticleParser, ParseContext, ParsedFile } from "./article-parse.ts";
import { buildCacheFolder, digestOf, readContentFile } from "./content-files.ts";
import { parseFiles } from "./parallel-parse.ts";
import { onInterrupt } from "../util/interrupts.ts";
import { isRunning } from "../util/processes.ts";
import { codeDigest } from "../util/code-digest.ts";
import { renameIfThere } from "../util/rename-if-there.ts";

/** The cache's folder for a content root. */
export const parseCacheDir = (root: string): string => buildCacheFolder(root, "articles");

const INDEX = "index";
const PACK_PREFIX = "pack-";
/** A build's spool and its index being written are named for its process, so a later build can tell a killed build's from a running one's. */
const TEMPORARY = /^\.tmp-(\d+)-/;

interface Index {
  identity: string;
  /** The pack's file name in the cache folder. */
  pack: string;
  parses: Map<string, ParsedFile>;
}

export interface ParseCache {
  /** The store the parses' bodies are in: the pack, which this build appends to. */
  readonly bodies: BodyStore;
  /** Parses `files` (relative to `root`), results in their order, each unchanged file's taken from the cache. */
  parse(root: string, files: readonly string[], context: ParseContext): Promise<ParsedFile[]>;
  /**
   * Saves what the last `parse` gave, for the next build (at most once). The
   * build calls it once its pages are written, while the search index
   * finishes, rather than between parsing and rendering, when the other core
   * would wait for it.
   */
  save(): void;
  /** Files the last `parse` took from the cache, and files it parsed. */
  readonly counts: { fromCache: number; parsed: number };
  /** Saves what is not saved yet, then lets go of the pack; its bodies are not read afterwards. */
  close(): void;
}

/** The build's body spool in `dir`, holding the last build's pack when it could be taken over. */
export function openParseCache(dir: string): ParseCache {
  mkdirSync(dir, { recursive: true });
  let spoolPath = path.join(dir, `.tmp-${process.pid}-${randomBytes(6).toString("hex")}`);
  let last = readIndex(dir);
  const lastPack = last?.pack === undefined ? undefined : path.join(dir, last.pack);
  const taken = lastPack !== undefined && renameIfThere(lastPack, spoolPath);
  if (!taken) last = undefined;
  const opened = openSync(spoolPath, taken ? "r+" : "wx+", 0o600);
  // Until the new index is saved, a build that stops (an error, a signal) puts the last pack back if the spool still
  // holds it whole (bodies appended after it do no harm), or else removes the spool: the cache is as it was, or empty.
  let spoolHoldsLastPack = taken;
  let saved = false;
  const putBack = () => {
    if (saved) return;
    saved = true;
    if (spoolHoldsLastPack && lastPack) renameIfThere(spoolPath, lastPack);
    else rmSync(spoolPath, { force: true });
  };
  const forgetInterrupt = onInterrupt(putBack);
  const spool = sharedSpool(opened, fstatSync(opened).size);
  const bodies = spooledBodies(spool);
  const counts = { fromCache: 0, parsed: 0 };
  let unsaved: { identity: string; files: readonly string[]; parses: ParsedFile[] } | undefined;
  const saveParses = () => {
    if (!unsaved) return;
    const { identity, files, parses } = unsaved;
    unsaved = undefined;
    spoolPath = save(dir, spoolPath, identity, files, parses);
    saved = true;
  };

  return {
    bodies,
    counts,
    async parse(root, files, context) {
      const identity = parseIdentity(context);
      const usable = last?.identity === identity ? last.parses : new Map<string, ParsedFile>();
      // The index is not held for the rest of the build: what it gave is in the results.
      last = undefined;
      const results = new Array<ParsedFile | undefined>(files.length);
      let liveBytes = 0;
      files.forEach((file, i) => {
        const cached = usable.get(file);
        if (cached === undefined) return;
        // A file that cannot be read is parsed, which reports it.
        const read = readContentFile(root, file);
        if (read.ok && cached.digest === digestOf(read.bytes)) results[i] = cached;
      });
      // Bodies the pack no longer holds as written (cut short or damaged on disk: a crash, a cache restored in part): their files are parsed again.
      const whole = wholeSpooledKeys(
        spool,
        results.flatMap((parse) => (parse?.value ? [parse.value.body.key] : [])),
      );
      results.forEach((parse, i) => {
        if (!parse?.value) return;
        if (whole.has(parse.value.body.key)) liveBytes += spooledLength(parse.value.body.key);
        else results[i] = undefined;
      });
      if (liveBytes * 2 < Number(spool.end[0])) {
        results.fill(undefined);
        spoolHoldsLastPack = false;
        // A new file rather than the old one emptied: a dev server starting may be reading its bodies (withLastBuild).
        rmSync(spoolPath);
        closeSync(spool.fd);
        spool.fd = openSync(spoolPath, "wx+", 0o600);
        Atomics.store(spool.end, 0, 0n);
      }
      const toParse = files.flatMap((_, i) => (results[i] ? [] : [i]));
      const parsed = await parseFiles(
        root,
        toParse.map((i) => files[i] as string),
        context,
        bodies,
      );
      toParse.forEach((i, k) => (results[i] = parsed[k]));
      const all = results as ParsedFile[];
      counts.fromCache = files.length - toParse.length;
      counts.parsed = toParse.length;
      unsaved = { identity, files, parses: all };
      return all;
    },
    save: saveParses,
    close() {
      forgetInterrupt();
      try {
        saveParses();
      } catch {
        // Then the next build parses what this one could not save; the error to report is the one that stopped this build.
      }
      bodies.close();
      closeSync(spool.fd);
      try {
        putBack();
      } catch {
        // Then the next build parses every file; the error to report is the one that stopped this build.
      }
    },
  };
}

/**
 * Runs `use` with `parse` wrapped to take a file from the last build's
 * parses when that build parsed the same bytes in the same context: the dev
 * server's first load, which would otherwise parse every file on one thread.
 * The pack is only read (its bytes into `bodies`, under the key a parse would
 * give), never taken over, so a build may take it meanwhile. Returns what
 * `use` returns and the files taken.
 */
export function withLastBuild<T>(
  dir: string,
  context: ParseContext,
  bodies: BodyStore,
  parse: ArticleParser,
  use: (parse: ArticleParser) => T,
): { result: T; taken: string[] } {
  const index = readIndex(dir);
  const fd = index?.identity === parseIdentity(context) ? openIfThere(path.join(dir, index.pack)) : undefined;
  if (!index || fd === undefined) return { result: use(parse), taken: [] };
  const spool = sharedSpool(fd, fstatSync(fd).size);
  const taken: string[] = [];
  try {
    const result = use((file, bytes) => {
      const cached = index.parses.get(file);
      const digest = digestOf(bytes);
      if (!cached || cached.digest !== digest) return parse(file, bytes);
      if (!cached.value) {
        taken.push(file);
        return cached;
      }
      const html = wholeSpooledBody(spool, cached.value.body.key);
      // A body damaged in the pack: the file is parsed again.
      if (html === undefined) return parse(file, bytes);
      taken.push(file);
      const key = bodies.put(bodyKey(digest), html);
      return { ...cached, value: { ...cached.value, body: { ...cached.value.body, key } } };
    });
    return { result, taken };
  } finally {
    closeSync(fd);
  }
}

/** The file opened for reading, or undefined when it cannot be (a build took the pack meanwhile): then every file is parsed. */
function openIfThere(file: string): number | undefined {
  try {
    return openSync(file, "r");
  } catch {
    return undefined;
  }
}

/**
 * Names the spool as the pack and writes the index that points to it, then
 * removes what no build uses: older packs, and what killed builds left. The
 * index is written to a temporary name and renamed, so a killed build leaves
 * the last good index or none. Returns the spool's path now.
 */
function save(dir: string, spoolPath: string, identity: string, files: readonly string[], parses: readonly ParsedFile[]): string {
  const pack = `${PACK_PREFIX}${randomBytes(6).toString("hex")}`;
  try {
    renameSync(spoolPath, path.join(dir, pack));
  } catch (error) {
    // Another build of the same content, saving its own cache, removed this spool as none of its own: the next build parses more.
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return spoolPath;
    throw error;
  }
  const temporary = path.join(dir, `.tmp-${process.pid}-${INDEX}`);
  writeIndex(temporary, { identity, pack }, files, parses);
  renameSync(temporary, path.join(dir, INDEX));
  for (const name of readdirSync(dir)) {
    const owner = TEMPORARY.exec(name)?.[1];
    const inUse = name === INDEX || name === pack || (owner !== undefined && Number(owner) !== process.pid && isRunning(Number(owner)));
    if (!inUse) rmSync(path.join(dir, name), { force: true, recursive: true });
  }
  return path.join(dir, pack);
}

/** Parses per piece of the index: a piece is serialized at a time, so saving never holds the whole index as bytes. */
const PIECE = 1000;

/**
 * The index's file: the CRC-32 of the rest, then pieces, each its length and
 * its v8-serialized value: the identity and pack first, then the parses,
 * `PIECE` `[file, parse]` pairs at a time.
 */
function writeIndex(file: string, head: Omit<Index, "parses">, files: readonly string[], parses: readonly ParsedFile[]): void {
  const fd = openSync(file, "w");
  try {
    let sum = 0;
    const length = Buffer.alloc(4);
    const write = (value: unknown) => {
      const bytes = serialize(value);
      length.writeUInt32BE(bytes.length);
      sum = crc32(bytes, crc32(length, sum));
      writeFileSync(fd, length);
      writeFileSync(fd, bytes);
    };
    // The checksum's place, filled in once every piece is summed.
    const checksum = Buffer.alloc(4);
    writeFileSync(fd, checksum);
    write(head);
    for (let start = 0; start < files.length; start += PIECE) {
      write(files.slice(start, start + PIECE).map((name, i) => [name, parses[start + i]]));
    }
    checksum.writeUInt32BE(sum);
    writeSync(fd, checksum, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
}

/**
 * The last build's index, or undefined when there is none or it cannot be
 * read (written by another version, damaged). The CRC-32 is checked first: a
 * byte changed on disk inside a headline or a date would still deserialize,
 * and be published.
 */
function readIndex(dir: string): Index | undefined {
  try {
    const file = readFileSync(path.join(dir, INDEX));
    if (file.length < 4 || crc32(file.subarray(4)) !== file.readUInt32BE(0)) return undefined;
    const pieces: unknown[] = [];
    for (let at = 4; at < file.length;) {
      const end = at + 4 + file.readUInt32BE(at);
      if (end > file.length) return undefined;
      pieces.push(deserialize(file.subarray(at + 4, end)));
      at = end;
    }
    const [head, ...parses] = pieces as [Partial<Index> | undefined, ...unknown[]];
    if (typeof head?.identity !== "string" || typeof head.pack !== "string" || !head.pack.startsWith(PACK_PREFIX)) return undefined;
    if (!parses.every(Array.isArray)) return undefined;
    return { identity: head.identity, pack: head.pack, parses: new Map((parses as [string, ParsedFile][][]).flat()) };
  } catch {
    return undefined;
  }
}

const PARSING_CODE = ["scripts/lib/content", "scripts/lib/util"];
/** What parsing uses of the code it shares with the browser: the suggestions in its problems, and the folding of names. */
export const SHARED_PARSING_CODE = ["src/assets/did-you-mean.ts", "src/assets/search/query.ts"];

/**
 * The code that parses, with its dependencies' versions, and what of Node a
 * parse depends on. Parsing is the content stage's, which imports only from
 * util and the helpers shared with the browser (test/unit/architecture.test.ts
 * holds it to that), so a change anywhere else, to a template or the bench,
 * leaves the cache as it is.
 */
const parserCode = () => codeDigest(PARSING_CODE, [".ts"], SHARED_PARSING_CODE);

/** What a file's parse depends on besides its name and bytes. */
export function parseIdentity(context: ParseContext): string {
  return createHash("sha256").update(parserCode()).update(JSON.stringify(context)).digest("hex").slice(0, 32);
}
