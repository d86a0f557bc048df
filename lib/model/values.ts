/**
 * Decoded Go values: what mapscope turns the bytes of a key, a value or a panic value into.
 *
 * @module
 */
import type { GoType } from "./gotype.ts";

/**
 * An address-valued Go value: a pointer, map, chan, func or unsafe.Pointer. mapscope shows it as
 * its address; a map reference can be read as another map header.
 *
 * @example
 * ```ts
 * import { GoRef } from "@mapscope/mapscope/types";
 * console.log(String(new GoRef("pointer", 0x31440))); // 0x31440
 * ```
 */
export class GoRef {
  /** Creates a reference of `kind` to `address`. */
  constructor(readonly kind: GoType["kind"], readonly address: number) {}
  /**
   * `0x...` hex, as Go's `%p` prints it.
   * Never throws.
   */
  toString(): string {
    return "0x" + this.address.toString(16);
  }
}

/**
 * A non-nil interface value: its dynamic type and the value it holds.
 *
 * @example
 * ```ts
 * import { GoInterface, parseGoType } from "@mapscope/mapscope/types";
 * const v = new GoInterface(parseGoType("string", 4), "boom");
 * console.log(v.value); // boom
 * ```
 */
export class GoInterface {
  /** Creates the value. */
  constructor(readonly type: GoType, readonly value: GoValue) {}
}

/**
 * A slice: where it points, its len and cap, and its elements (bytes for []byte).
 *
 * @example
 * ```ts
 * import { GoSlice } from "@mapscope/mapscope/types";
 * const s = new GoSlice(0x1000, 2, 4, [1, 2]);
 * console.log(s.len, s.cap, s.items); // 2 4 [1, 2]
 * ```
 */
export class GoSlice {
  /** Creates the value. */
  constructor(
    readonly address: number,
    readonly len: number,
    readonly cap: number,
    readonly items: GoValue[] | Uint8Array,
  ) {}
}

/**
 * A decoded Go value: boolean; number (integers up to 32 bits, floats); bigint (64-bit integers);
 * string; `[re, im]` for complex; array of values; object of struct fields (in field order);
 * {@linkcode GoRef}; {@linkcode GoSlice}; {@linkcode GoInterface}; null for a nil interface or slice.
 *
 * @example
 * ```ts
 * import { type GoValue, GoRef } from "@mapscope/mapscope/types";
 * const values: GoValue[] = [true, 1, 2n, "s", null, [1, 2], { A: 1 }, new GoRef("map", 8)];
 * console.log(values.length); // 8
 * ```
 */
export type GoValue =
  | boolean
  | number
  | bigint
  | string
  | null
  | GoValue[]
  | { [field: string]: GoValue }
  | GoRef
  | GoSlice
  | GoInterface;
