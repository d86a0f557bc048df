/**
 * Small copies into and out of guest memory.
 *
 * @module
 */

/** Copies of up to this many bytes are done by a loop; longer ones by `TypedArray.set`. */
const LOOP_MAX = 64;

/**
 * Copies `len` bytes of `src` from `from` into `dst` at `at`. Throws `RangeError`, copying nothing,
 * when either range runs past its array's end (as `set` does; the host answers EFAULT).
 * A short copy is a loop: `set`, with the `subarray` it needs, cost 4-5 µs more per call in a
 * guest's first calls here (Go's `random_get` 9.6 µs against node:wasi's 3.3 µs, #15), a loop
 * well under one.
 */
export function copyBytes(dst: Uint8Array, at: number, src: Uint8Array, from: number, len: number): void {
  // as `set` does: a range past either end is a RangeError, before any byte is copied
  if (!(at >= 0 && from >= 0 && len >= 0 && at + len <= dst.length && from + len <= src.length)) {
    throw new RangeError(`copy of ${len} bytes from ${from} (of ${src.length}) to ${at} (of ${dst.length})`);
  }
  if (len > LOOP_MAX) {
    dst.set(src.subarray(from, from + len), at);
    return;
  }
  for (let i = 0; i < len; i++) dst[at + i] = src[from + i]!;
}
