/**
 * A zlib stream (RFC 1950 and 1951) written directly, for images that are
 * mostly one byte (paper) with short stretches of detail (a glyph's row).
 * The stream is one block with a Huffman code fixed in advance, and a run of
 * a byte is a copy at distance 1, so every symbol's bits are known before the
 * image is: a stretch that recurs (the same glyph's row on another card) is
 * encoded once and appended bit for bit, and Adler-32 is summed from each
 * stretch's own sums rather than from every byte. Writing a card then costs
 * in proportion to its stretches of ink, where zlib reads every byte of it.
 */

const ADLER_BASE = 65521;
/** Images up to 2²⁶ bytes: each piece then adds under 2⁴² to the second sum (a place times a sum below 2¹⁶), and 1,024 of those stay exact in a double. */
const MAX_LENGTH = 2 ** 26;
const REDUCE_EVERY = 1024;
/** Room for a whole stream from the start: a card's is some tens of kilobytes, and growing by doubling copies. */
const CARD_SIZED = 1 << 16;
/** Deflate copies at most 258 bytes at a time. */
const MAX_COPY = 258;

/**
 * The code's bit length for each literal/length symbol 0–285, one hex digit
 * each. It is the Huffman code of the symbols of 400 social cards of the
 * bench corpus, each count raised by one so that every byte and copy length
 * can still be written: cards come out about as small as zlib makes them
 * (some 24 kB), where deflate's own fixed code made them 41 kB. The code is
 * the same for every image, so a piece's bits never depend on its neighbours.
 */
const CODE_LENGTHS =
  "355555666666665538889899a99999996aa9aabaaaaabaa97dffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff" +
  "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff" +
  "eeeeeeeeeeeee666666664677778889aaaaaa89aa4";

/** Reverses the low `length` bits: Huffman codes are sent from their top bit, everything else from the bottom. */
function reversed(code: number, length: number): number {
  let out = 0;
  for (let i = 0; i < length; i++) out |= ((code >>> i) & 1) << (length - 1 - i);
  return out;
}

interface Bits {
  bits: number;
  length: number;
}

/** The canonical Huffman code (RFC 1951, 3.2.2) of each symbol, from the codes' lengths, bits reversed for sending. */
function canonical(lengths: readonly number[]): Bits[] {
  const counts = new Array<number>(16).fill(0);
  for (const length of lengths) counts[length]!++;
  counts[0] = 0;
  const next = new Array<number>(16).fill(0);
  for (let bits = 1, code = 0; bits < 16; bits++) {
    code = (code + counts[bits - 1]!) << 1;
    next[bits] = code;
  }
  return lengths.map((length) => ({ bits: length > 0 ? reversed(next[length]!++, length) : 0, length }));
}

const LENGTHS = Array.from(CODE_LENGTHS, (digit) => parseInt(digit, 16));
const CODES = canonical(LENGTHS);
const LITERALS: readonly Bits[] = CODES.slice(0, 256);
const END_OF_BLOCK = CODES[256]!;
/** Two distance codes of one bit, so the distance code is complete; only code 0 (distance 1) is used, as the bit 0. */
const DISTANCE_LENGTHS = [1, 1];

/** Each copy length's symbol and extra bits, then the distance code (distance 1), as one string of bits. */
const COPIES: readonly Bits[] = (() => {
  // RFC 1951, 3.2.5: length symbols 257–284 by their first length and extra bits; 285 is 258 alone.
  const starts: [number, number][] = [];
  let length = 3;
  for (let i = 0; i < 28; i++) {
    const extra = i < 8 ? 0 : Math.floor((i - 4) / 4);
    starts.push([length, extra]);
    length += 1 << extra;
  }
  const table: Bits[] = [];
  for (let copy = 3; copy <= MAX_COPY; copy++) {
    const symbol = copy === MAX_COPY ? 28 : starts.findLastIndex(([first]) => first <= copy);
    const [first, extra] = copy === MAX_COPY ? [MAX_COPY, 0] : (starts[symbol] ?? [copy, 0]);
    const code = CODES[257 + symbol]!;
    table[copy] = { bits: code.bits | ((copy - first) << code.length), length: code.length + extra + 1 };
  }
  return table;
})();

/** The code of `gap` zeros (up to one copy's worth) after a byte that is not 0: the 0 as a literal, then the rest copied. */
const GAPS: readonly (Bits | undefined)[] = Array.from({ length: MAX_COPY + 2 }, (_, gap) => {
  if (gap === 0) return undefined;
  const zero = LITERALS[0]!;
  if (gap > 3) return { bits: zero.bits | (COPIES[gap - 1]!.bits << zero.length), length: zero.length + COPIES[gap - 1]!.length };
  let bits = 0;
  for (let i = 0; i < gap; i++) bits |= zero.bits << (i * zero.length);
  return { bits, length: zero.length * gap };
});

/** The order in which a dynamic block lists the code-length code's lengths (RFC 1951, 3.2.7). */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** What is kept of each piece, at these places among its FIELDS numbers in `Pieces.fields`. */
const [LENGTH, LAST, CODE_START, CODE_END, TAIL, TAIL_LENGTH, SUM, WEIGHTED] = [0, 1, 2, 3, 4, 5, 6, 7] as const;
const FIELDS = 8;

/**
 * Stretches of bytes encoded once, to be put into any stream at any place:
 * each one's code (whole bytes, then a tail of under 8 bits), its Adler-32
 * sums (of its bytes, and of each byte times its place) and its last byte.
 * They are kept side by side in two arrays rather than as an object each: a
 * card reads the rows of some twenty glyphs at once, thousands of pieces, and
 * reading them from neighbouring memory is most of what makes that quick.
 */
export interface Pieces {
  readonly fields: Int32Array;
  readonly code: Uint8Array;
  /** The stretches themselves; `undefined` (or empty) for none, which `RunDeflate.piece` must not be given. */
  readonly bytes: readonly (Uint8Array | undefined)[];
}

/** Writes a zlib stream of `length` bytes that are 0 except where pieces or bytes are put. */
export class RunDeflate {
  #out: Uint8Array;
  #at = 0;
  #bits = 0;
  #count = 0;
  /** How many bytes of the image are written, and the last of them (what a copy at distance 1 repeats). */
  #written = 0;
  #last = -1;
  #a = 1;
  #b: number;
  #unreduced = 0;

  readonly length: number;

  /** With `stream` false, only the code of the bytes (for a piece), without zlib's header or the block's. */
  constructor(length: number, stream = true) {
    this.length = length;
    if (length > MAX_LENGTH) throw new Error(`run-deflate: images up to ${MAX_LENGTH} bytes, not ${length}`);
    this.#out = new Uint8Array(1024);
    // Adler-32's second sum counts the first sum's starting 1 once per byte.
    this.#b = length % ADLER_BASE;
    if (stream) {
      // zlib header: deflate with a 32 kB window, no dictionary, check bits; then the one block, final, with its own code.
      this.#out.set([0x78, 0x01]);
      this.#at = 2;
      this.#put(0b101, 3);
      this.#put(LENGTHS.length - 257, 5);
      this.#put(DISTANCE_LENGTHS.length - 1, 5);
      this.#put(CODE_LENGTH_ORDER.length - 4, 4);
      // The lengths are sent with a code of four bits for each length 0–15 (and none for the repeat symbols 16–18).
      for (const symbol of CODE_LENGTH_ORDER) this.#put(symbol < 16 ? 4 : 0, 3);
      for (const length of [...LENGTHS, ...DISTANCE_LENGTHS]) this.#put(reversed(length, 4), 4);
    }
  }

  #put(bits: number, count: number): void {
    this.#bits |= bits << this.#count;
    this.#count += count;
    if (this.#at + 4 > this.#out.length) this.#grow(4);
    while (this.#count >= 8) {
      this.#out[this.#at++] = this.#bits & 0xff;
      this.#bits >>>= 8;
      this.#count -= 8;
    }
  }

  #grow(room: number): void {
    const grown = new Uint8Array(Math.max(this.#out.length * 2, this.#at + room + 4));
    grown.set(this.#out);
    this.#out = grown;
  }

  /** `count` of `byte`: a literal unless it repeats the last byte, then copies. */
  #run(byte: number, count: number): void {
    if (count <= 0) return;
    let left = count;
    if (this.#last !== byte) {
      const literal = LITERALS[byte]!;
      this.#put(literal.bits, literal.length);
      left--;
    }
    while (left >= 3) {
      const copy = COPIES[Math.min(left, MAX_COPY)]!;
      this.#put(copy.bits, copy.length);
      left -= Math.min(left, MAX_COPY);
    }
    for (; left > 0; left--) this.#put(LITERALS[byte]!.bits, LITERALS[byte]!.length);
    this.#last = byte;
  }

  /** Encodes `bytes` as runs. */
  #encode(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length;) {
      const byte = bytes[i]!;
      let end = i + 1;
      while (end < bytes.length && bytes[end] === byte) end++;
      this.#run(byte, end - i);
      i = end;
    }
  }

  /** Adds a stretch's sums; they are reduced only every REDUCE_EVERY pieces, as a card has thousands. */
  #addSums(sum: number, weighted: number, at: number): void {
    this.#a += sum;
    this.#b += (this.length - at) * sum - weighted;
    if (++this.#unreduced === REDUCE_EVERY) this.#reduce();
  }

  #reduce(): void {
    this.#a %= ADLER_BASE;
    this.#b = ((this.#b % ADLER_BASE) + ADLER_BASE) % ADLER_BASE;
    this.#unreduced = 0;
  }

  /** Zeros up to `at`. */
  skipTo(at: number): void {
    const gap = at - this.#written;
    if (gap < 0) throw new Error(`run-deflate: byte ${at} is already written (at ${this.#written})`);
    if (gap === 0) return;
    // The gaps between a row's glyphs are short and many: their code after a byte that is not 0 is looked up whole.
    const code = this.#last !== 0 ? GAPS[gap] : undefined;
    if (code) {
      this.#put(code.bits, code.length);
      this.#last = 0;
    } else this.#run(0, gap);
    this.#written = at;
  }

  /** `bytes` at `at`, encoded now: for stretches seen once. */
  bytes(at: number, bytes: Uint8Array): void {
    this.skipTo(at);
    this.#encode(bytes);
    const { sum, weighted } = sumsOf(bytes);
    this.#addSums(sum, weighted, at);
    this.#written += bytes.length;
  }

  /** Piece `i` of `pieces` at `at`, its bits copied as they are: byte by byte, shifted to where the stream's last byte ends. */
  piece(at: number, pieces: Pieces, i: number): void {
    this.skipTo(at);
    const { fields, code } = pieces;
    const f = i * FIELDS;
    const start = fields[f + CODE_START]!;
    const end = fields[f + CODE_END]!;
    if (this.#at + end - start + 4 > this.#out.length) this.#grow(end - start);
    const out = this.#out;
    const shift = this.#count;
    let carry = this.#bits;
    let o = this.#at;
    for (let j = start; j < end; j++) {
      const byte = code[j]!;
      out[o++] = (carry | (byte << shift)) & 0xff;
      carry = byte >>> (8 - shift);
    }
    this.#at = o;
    this.#bits = carry;
    this.#put(fields[f + TAIL]!, fields[f + TAIL_LENGTH]!);
    this.#addSums(fields[f + SUM]!, fields[f + WEIGHTED]!, at);
    this.#written += fields[f + LENGTH]!;
    this.#last = fields[f + LAST]!;
  }

  /** A copy of this writer as it stands, to go on from more than once (a frame shared by many cards). */
  clone(): RunDeflate {
    const copy = new RunDeflate(this.length, false);
    copy.#out = new Uint8Array(Math.max(this.#out.length, CARD_SIZED));
    copy.#out.set(this.#out.subarray(0, this.#at));
    copy.#at = this.#at;
    copy.#bits = this.#bits;
    copy.#count = this.#count;
    copy.#written = this.#written;
    copy.#last = this.#last;
    copy.#a = this.#a;
    copy.#b = this.#b;
    copy.#unreduced = this.#unreduced;
    return copy;
  }

  /** Zeros to the end, the end of the block, and the Adler-32 checksum: the whole stream, in this writer's buffer (it is done with). */
  finish(): Uint8Array {
    this.skipTo(this.length);
    this.#put(END_OF_BLOCK.bits, END_OF_BLOCK.length);
    if (this.#count > 0) this.#put(0, 8 - this.#count);
    this.#reduce();
    if (this.#at + 4 > this.#out.length) this.#grow(4);
    new DataView(this.#out.buffer, this.#out.byteOffset).setUint32(this.#at, ((this.#b << 16) | this.#a) >>> 0);
    return this.#out.subarray(0, this.#at + 4);
  }

  /** Encodes stretches as pieces: each starts with a literal, so it may follow any byte. */
  static pieces(stretches: readonly (Uint8Array | undefined)[]): Pieces {
    const fields = new Int32Array(stretches.length * FIELDS);
    const codes: Uint8Array[] = [];
    let size = 0;
    const writer = new RunDeflate(0, false);
    stretches.forEach((bytes, i) => {
      if (!bytes || bytes.length === 0) return;
      [writer.#at, writer.#bits, writer.#count, writer.#last] = [0, 0, 0, -1];
      writer.#encode(bytes);
      const { sum, weighted } = sumsOf(bytes);
      const f = i * FIELDS;
      [fields[f + LENGTH], fields[f + LAST], fields[f + CODE_START], fields[f + CODE_END]] = [
        bytes.length,
        bytes.at(-1)!,
        size,
        size + writer.#at,
      ];
      [fields[f + TAIL], fields[f + TAIL_LENGTH], fields[f + SUM], fields[f + WEIGHTED]] = [writer.#bits, writer.#count, sum, weighted];
      codes.push(writer.#out.slice(0, writer.#at));
      size += writer.#at;
    });
    const code = new Uint8Array(size);
    let at = 0;
    for (const piece of codes) {
      code.set(piece, at);
      at += piece.length;
    }
    return { fields, code, bytes: stretches };
  }
}

/** Σ bytes and Σ place × byte, modulo Adler-32's base: what a stretch adds to the checksum wherever it stands. */
function sumsOf(bytes: Uint8Array): { sum: number; weighted: number } {
  let sum = 0;
  let weighted = 0;
  for (let i = 0; i < bytes.length; i++) {
    sum += bytes[i]!;
    weighted = (weighted + i * bytes[i]!) % ADLER_BASE;
  }
  return { sum: sum % ADLER_BASE, weighted };
}
