// A bounds-checked reader over one DWARF section: every read past its end throws ModuleError
// naming the section, so a malformed or hostile debug section is refused, never misread.
import { ModuleError } from "../errors.ts";

/** Reads little-endian values from `b` at `pos`, never past `end`. */
export class Cursor {
  pos: number;
  end: number;
  readonly #dv: DataView;

  constructor(readonly b: Uint8Array, readonly section: string, pos = 0, end = b.length) {
    this.pos = pos;
    this.end = Math.min(end, b.length);
    this.#dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }

  /** Throws unless `n` more bytes are there. */
  need(n: number): void {
    if (!(n >= 0 && this.pos + n <= this.end)) {
      throw new ModuleError(
        `${this.section}: a read of ${n} bytes at ${this.pos} runs past its end (${this.end})`,
      );
    }
  }

  u8(): number {
    this.need(1);
    return this.b[this.pos++]!;
  }

  u16(): number {
    this.need(2);
    const v = this.#dv.getUint16(this.pos, true);
    this.pos += 2;
    return v;
  }

  u32(): number {
    this.need(4);
    const v = this.#dv.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  /** A u64 as a number; values past 2^53 are refused (no wasm32 address or offset is that large). */
  u64(): number {
    this.need(8);
    const lo = this.#dv.getUint32(this.pos, true), hi = this.#dv.getUint32(this.pos + 4, true);
    this.pos += 8;
    if (hi >= 0x200000) throw new ModuleError(`${this.section}: a 64-bit value too large at ${this.pos - 8}`);
    return hi * 2 ** 32 + lo;
  }

  /**
   * An unsigned LEB128 of at most 19 bytes (128 bits: DWARF constants may be that wide); a value
   * past 2^53 comes back rounded, which no offset or address a bound check accepts can be.
   */
  uleb(): number {
    let v = 0;
    for (let shift = 0; shift < 133; shift += 7) {
      const x = this.u8();
      v += (x & 0x7f) * 2 ** shift;
      if (!(x & 0x80)) return v;
    }
    throw new ModuleError(`${this.section}: a LEB128 longer than 19 bytes at ${this.pos}`);
  }

  /** A signed LEB128 of at most 19 bytes (rounded past 2^53, as `uleb`). */
  sleb(): number {
    let v = 0, shift = 0, x = 0x80;
    for (; x & 0x80; shift += 7) {
      if (shift >= 133) {
        throw new ModuleError(`${this.section}: a LEB128 longer than 19 bytes at ${this.pos}`);
      }
      x = this.u8();
      v += (x & 0x7f) * 2 ** shift;
    }
    if (x & 0x40) v -= 2 ** shift;
    return v;
  }

  /** A NUL-terminated UTF-8 string (the NUL must be there). */
  cstring(): string {
    const start = this.pos;
    const nul = this.b.indexOf(0, start);
    if (nul < 0 || nul >= this.end) throw new ModuleError(`${this.section}: a string at ${start} has no end`);
    this.pos = nul + 1;
    return DECODER.decode(this.b.subarray(start, nul));
  }

  skip(n: number): void {
    this.need(n);
    this.pos += n;
  }
}

const DECODER = new TextDecoder();

/**
 * The length of a unit (32-bit, or 64-bit after 0xffffffff), and whether offsets in it are 8
 * bytes; the unit must fit in what is left.
 */
export function unitLength(c: Cursor): { length: number; offset64: boolean } {
  let length = c.u32();
  let offset64 = false;
  if (length === 0xffffffff) {
    length = c.u64();
    offset64 = true;
  } else if (length >= 0xfffffff0) throw new ModuleError(`${c.section}: a reserved unit length ${length}`);
  c.need(length);
  return { length, offset64 };
}
