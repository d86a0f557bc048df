/**
 * Addresses as text: the one hex helper of the library.
 *
 * @module
 */

/**
 * `0x` and lowercase hex digits, as Go's `%p` prints an address.
 */
export function hex(n: number | bigint): string {
  return "0x" + n.toString(16);
}
