/**
 * LEB128, the variable-length integers of the WebAssembly binary format: the one encoder and
 * decoder every reader and writer of module bytes in mapscope uses.
 *
 * @module
 */
import { ModuleError } from "../errors.ts";

/**
 * Unsigned LEB128 of a non-negative integer.
 */
export function encodeU32(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/**
 * Signed LEB128 of a 32-bit integer (the immediate of `i32.const`).
 */
export function encodeS32(n: number): number[] {
  const out: number[] = [];
  let v = n | 0;
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

/**
 * Decodes an unsigned LEB128 (at most 5 bytes) at `pos`; returns the value and the position after
 * it. A truncated or over-long encoding throws {@linkcode ModuleError} (`what` names the place).
 */
export function decodeU32(bytes: Uint8Array, pos: number, what = "module"): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (pos >= bytes.length) throw new ModuleError(`truncated ${what}: unexpected end at byte ${pos}`);
    const x = bytes[pos++]!;
    result += (x & 0x7f) * 2 ** shift;
    if (!(x & 0x80)) return [result, pos];
    shift += 7;
    if (shift > 28) throw new ModuleError(`bad LEB128 in the ${what} at byte ${pos}`);
  }
}

/**
 * Decodes a signed LEB128 of at most 32 bits at `pos` (the immediate of `i32.const`); returns the
 * value and the position after it.
 */
export function decodeS32(bytes: Uint8Array, pos: number, what = "module"): [number, number] {
  let result = 0;
  let shift = 0;
  let x: number;
  do {
    if (pos >= bytes.length) throw new ModuleError(`truncated ${what}: unexpected end at byte ${pos}`);
    x = bytes[pos++]!;
    result |= (x & 0x7f) << shift;
    shift += 7;
  } while (x & 0x80 && shift < 35);
  if (shift < 32 && (x & 0x40)) result |= -1 << shift;
  return [result, pos];
}
