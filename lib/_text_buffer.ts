/**
 * A growable UTF-8 byte buffer that text reports are written into, turned into one string at
 * the end: a report's lines, numbers and entries are written as bytes, not built as thousands of
 * short strings joined (#15: a 102-map report made about 0.5 MB of garbage that way).
 *
 * @module
 */

const utf8 = new TextDecoder("utf-8");
const encoder = new TextEncoder();

/**
 * The bytes of an ASCII constant, for {@linkcode TextBuffer.bytes}. Throws `RangeError` for a
 * string that is not ASCII (a constant of the code, found when its module loads).
 */
export function ascii(s: string): Uint8Array {
  const a = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) throw new RangeError(`not ASCII: ${JSON.stringify(s)}`);
    a[i] = c;
  }
  return a;
}

/** Buffers larger than this are not kept for the next report. */
const KEEP_BYTES = 1 << 20;

/** Bytes of text written so far; {@linkcode TextBuffer.take} returns them as a string and resets. */
export class TextBuffer {
  // plain (not #private) fields: the writes below are the report's inner loop
  private b: Uint8Array;
  private n = 0;

  /** Creates an empty buffer of `size` bytes to start with (it grows as it is written). */
  constructor(size: number = 1 << 16) {
    this.b = new Uint8Array(size);
  }

  /** Bytes written since the last take. */
  get length(): number {
    return this.n;
  }

  /** Forgets what was written after byte `at` (a position `length` returned). */
  rewind(at: number): void {
    this.n = Math.min(this.n, at);
  }

  private room(bytes: number): Uint8Array {
    if (this.n + bytes > this.b.length) {
      const grown = new Uint8Array(Math.max(this.b.length * 2, this.n + bytes));
      grown.set(this.b.subarray(0, this.n));
      this.b = grown;
    }
    return this.b;
  }

  /**
   * Makes room for `bytes` more bytes and returns the buffer to write them into directly, from
   * position {@linkcode TextBuffer.length}; {@linkcode TextBuffer.commit} then says how far was
   * written. For a writer's inner loop: one check for a whole line, not one per byte.
   */
  reserve(bytes: number): Uint8Array {
    return this.room(bytes);
  }

  /** Ends a write into what {@linkcode TextBuffer.reserve} returned: bytes up to `at` are written. */
  commit(at: number): void {
    this.n = at;
  }

  /** Writes one ASCII character by its code. */
  byte(c: number): void {
    if (this.n >= this.b.length) this.room(1);
    this.b[this.n++] = c;
  }

  /**
   * Writes bytes made by {@linkcode ascii}: a constant of the report's text, copied byte by byte
   * (several times faster than reading a string's characters).
   */
  bytes(a: Uint8Array): void {
    const n = a.length;
    const b = this.room(n);
    let at = this.n;
    for (let i = 0; i < n; i++) b[at++] = a[i]!;
    this.n = at;
  }

  /** Writes `s` as UTF-8 (lone surrogates as U+FFFD, as TextEncoder does). */
  text(s: string): void {
    const n = s.length;
    const b = this.room(n);
    let at = this.n;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.n = at;
        const rest = s.slice(i);
        this.room(rest.length * 3);
        this.n += encoder.encodeInto(rest, this.b.subarray(this.n)).written;
        return;
      }
      b[at++] = c;
    }
    this.n = at;
  }

  /** Writes an integer (a safe integer number or a bigint) in decimal. */
  int(v: number | bigint): void {
    if (typeof v === "bigint") {
      // a number when it is exact (|v| <= 2^53 - 1: a bigint compared is a slow call, this is not)
      const n = Number(v);
      if (!Number.isSafeInteger(n)) return this.text(v.toString());
      v = n;
    }
    if (!Number.isSafeInteger(v)) return this.text(String(v));
    this.n = putInt(this.room(17), this.n, v);
  }

  /** Writes `0x` and `v` in lower-case hex (`v` a non-negative safe integer). */
  hex(v: number): void {
    this.byte(48);
    this.byte(120);
    if (!(v >= 0 && v <= 0xffffffff)) return this.text(v.toString(16));
    const b = this.room(8);
    let digits = 1;
    for (let x = v >>> 4; x > 0; x >>>= 4) digits++;
    let at = this.n + digits;
    this.n = at;
    do {
      const d = v & 15;
      b[--at] = d < 10 ? 48 + d : 87 + d;
      v >>>= 4;
    } while (v > 0);
  }

  /** The lines written since the last take, each ended by a newline; the buffer is empty after. */
  takeLines(): string[] {
    const lines = this.take().split("\n");
    lines.pop();
    return lines;
  }

  /** The text written since the last take, as one string; the buffer is empty after. */
  take(): string {
    const s = utf8.decode(this.b.subarray(0, this.n));
    this.n = 0;
    if (this.b.length > KEEP_BYTES) this.b = new Uint8Array(1 << 16);
    return s;
  }
}

/**
 * Writes the safe integer `v` in decimal into `b` from `at` (up to 17 bytes, the caller made room)
 * and returns where it ended.
 */
export function putInt(b: Uint8Array, at: number, v: number): number {
  if (v < 0) {
    b[at++] = 45;
    v = -v;
  }
  // below 2^31 in int32 arithmetic: a double's `%` is a call into the C library
  if (v < 0x80000000) return putUint31(b, at, v | 0);
  let digits = 10;
  for (let x = Math.floor(v / 1e10); x > 0; x = Math.floor(x / 10)) digits++;
  const end = at + digits;
  at = end;
  while (v >= 0x80000000) {
    const q = Math.floor(v / 10);
    b[--at] = 48 + (v - q * 10);
    v = q;
  }
  putUint31(b, end - digits, v | 0);
  return end;
}

/** {@linkcode putInt} of an integer from 0 to 2^31 - 1. */
function putUint31(b: Uint8Array, at: number, v: number): number {
  if (v < 10) {
    b[at] = 48 + v;
    return at + 1;
  }
  let digits = 2;
  for (let x = (v / 100) | 0; x > 0; x = (x / 10) | 0) digits++;
  const end = at + digits;
  at = end;
  do {
    const q = (v / 10) | 0;
    b[--at] = 48 + (v - q * 10);
    v = q;
  } while (v > 0);
  return end;
}
