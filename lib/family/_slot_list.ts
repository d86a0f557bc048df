/**
 * The key and value addresses a walk found, kept in one reused typed array: a reader makes its
 * snapshots one at a time, so one list serves them all with no allocation per snapshot.
 *
 * @module
 */

import { keepShape } from "../_keep_shape.ts";

/** Pairs reserved at most up front (32 MiB); a longer list grows as it is filled. */
const MAX_RESERVE = 1 << 21;

/** Pairs of (key address, value address), in walk order. */
export class SlotList {
  private a = new Float64Array(256);
  /** Numbers written: twice the pairs. */
  private n = 0;

  /** Pairs in the list. */
  get pairs(): number {
    return this.n >> 1;
  }

  /** Empties the list (its storage is kept). */
  clear(): void {
    this.n = 0;
  }

  /** Makes room for `pairs` pairs in all (a walk that knows its count grows the storage once). */
  reserve(pairs: number): void {
    pairs = Math.min(pairs, MAX_RESERVE); // a corrupted count asks for no more than this
    if (2 * pairs > this.a.length) {
      const grown = new Float64Array(2 * pairs);
      grown.set(this.a.subarray(0, this.n));
      this.a = grown;
    }
  }

  /** Appends one pair. */
  push(key: number, value: number): void {
    if (this.n + 2 > this.a.length) {
      const grown = new Float64Array(this.a.length * 2);
      grown.set(this.a);
      this.a = grown;
    }
    this.a[this.n++] = key;
    this.a[this.n++] = value;
  }

  /** The key address of pair `i`. */
  key(i: number): number {
    return this.a[2 * i]!;
  }

  /** The value address of pair `i`. */
  value(i: number): number {
    return this.a[2 * i + 1]!;
  }

  /** Empties the list and lets a large one's storage go. */
  release(): void {
    this.n = 0;
    if (this.a.length > 1 << 16) this.a = new Float64Array(256);
  }
}

// one kept, so that the shape of its objects outlives every run (see ../_keep_shape.ts)
keepShape(new SlotList());
