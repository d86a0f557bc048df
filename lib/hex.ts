/**
 * Addresses as text: the one hex helper of the library.
 *
 * @module
 */

/**
 * `0x` and lowercase hex digits, as Go's `%p` prints an address.
 *
 * @example
 * ```ts
 * import { hex } from "./hex.ts";
 * console.log(hex(0x31440)); // "0x31440"
 * ```
 */
export function hex(n: number | bigint): string {
  return "0x" + n.toString(16);
}
