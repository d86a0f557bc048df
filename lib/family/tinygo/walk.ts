/**
 * The TinyGo bucket walk: every bucket of the array, every overflow chain, every occupied slot,
 * bounded by memory and checked against the header's count.
 *
 * Source: tinygo v0.41.0 `src/runtime/hashmap.go` (`hashmapBucket`: tophash [8]uint8, next
 * pointer, 8 keys, 8 values; a slot is empty when its tophash is 0).
 *
 * @module
 */
import { CorruptMapError } from "../../errors.ts";
import type { GuestMemory } from "../../memory.ts";
import { bucketCountOf, bucketSize, readTinyGoHeader, type TinyGoSizes } from "./header.ts";

/**
 * Counts overflow buckets by following each bucket's `next` pointer (no slot is read): cheap
 * enough for every checkpoint. A cycle or a pointer outside memory throws {@linkcode CorruptMapError}.
 */
export function countOverflowBuckets(mem: GuestMemory, address: number, h: TinyGoSizes): number {
  const bs = bucketSize(h);
  const n = bucketCountOf(h.bucketBits);
  const dv = mem.dataView();
  const size = mem.size;
  const max = Math.floor(size / bs);
  let overflow = 0;
  for (let i = 0, b = h.buckets + 8; i < n; i++, b += bs) {
    let next = dv.getUint32(b, true);
    while (next !== 0) {
      if (next + bs > size) {
        throw new CorruptMapError(address, `bucket 0x${next.toString(16)} is outside linear memory`);
      }
      if (++overflow > max) throw new CorruptMapError(address, "overflow bucket chain has a cycle");
      next = dv.getUint32(next + 8, true);
    }
  }
  return overflow;
}

/** Where one occupied slot's key and value are. */
export interface SlotRef {
  /** Address of the bucket (main or overflow) holding the slot. */
  bucket: number;
  /** Slot number 0..7. */
  slot: number;
  /** Address of the stored key. */
  key: number;
  /** Address of the stored value. */
  value: number;
}

/**
 * Visits every occupied slot of the map, following overflow chains and skipping empty slots
 * (tophash 0). A cycle or a chain pointer outside memory throws {@linkcode CorruptMapError};
 * finding a different number of entries than `count` does too.
 */
export function walkTinyGo(
  mem: GuestMemory,
  address: number,
  h: TinyGoSizes,
  visit: (bucket: number, keyAddr: number, valueAddr: number) => void,
): { overflowBuckets: number; maxChain: number } {
  const bs = bucketSize(h);
  const n = bucketCountOf(h.bucketBits);
  const b = mem.u8array();
  const dv = mem.dataView();
  const size = b.length;
  const ks = h.keySize;
  const vs = h.valueSize;
  let found = 0;
  let overflow = 0;
  let maxChain = 1;
  const maxOverflow = Math.floor(size / bs);
  for (let i = 0; i < n; i++) {
    let bucket = h.buckets + i * bs;
    let chain = 0;
    while (bucket !== 0) {
      if (bucket + bs > size) {
        throw new CorruptMapError(
          address,
          `bucket 0x${bucket.toString(16)} is outside linear memory of ${size} bytes`,
        );
      }
      chain++;
      for (let s = 0; s < 8; s++) {
        if (b[bucket + s] !== 0) {
          if (++found > h.count) {
            throw new CorruptMapError(address, `more occupied slots than the count of ${h.count}`);
          }
          visit(bucket, bucket + 12 + ks * s, bucket + 12 + 8 * ks + vs * s);
        }
      }
      bucket = dv.getUint32(bucket + 8, true);
      if (bucket !== 0 && ++overflow > maxOverflow) {
        throw new CorruptMapError(address, "overflow bucket chain has a cycle");
      }
    }
    if (chain > maxChain) maxChain = chain;
  }
  if (found !== h.count) {
    throw new CorruptMapError(address, `found ${found} occupied slots but count is ${h.count}`);
  }
  return { overflowBuckets: overflow, maxChain };
}

/**
 * Overflow buckets and the longest chain of the TinyGo map at `address` (walks every bucket).
 * Throws {@linkcode CorruptMapError} for a header or bucket chain that cannot be a live map.
 *
 * @example
 * ```ts
 * import { tinygoBucketStats } from "@mapscope/mapscope/layouts";
 * import { GuestMemory } from "@mapscope/mapscope";
 * const bytes = new Uint8Array(1024);
 * const dv = new DataView(bytes.buffer);
 * dv.setUint32(64, 128, true); // buckets at 128, count 0, keySize 4, valueSize 4
 * dv.setUint32(76, 4, true);
 * dv.setUint32(80, 4, true);
 * console.log(tinygoBucketStats(new GuestMemory(bytes, 4), 64)); // { overflowBuckets: 0, maxChain: 1 }
 * ```
 */
export function tinygoBucketStats(
  mem: GuestMemory,
  address: number,
): { overflowBuckets: number; maxChain: number } {
  const h = readTinyGoHeader(mem, address);
  return walkTinyGo(mem, address, h, () => {});
}

/**
 * One cell per bucket of the array: occupied slots of the bucket (low four bits, 0 to 8) and the
 * overflow buckets chained behind it (high four bits, capped at 15). Bounded like the walk.
 */
export function tinygoOccupancy(mem: GuestMemory, address: number, h: TinyGoSizes): Uint8Array {
  const bs = bucketSize(h);
  const n = bucketCountOf(h.bucketBits);
  const b = mem.u8array();
  const dv = mem.dataView();
  const cells = new Uint8Array(n);
  const maxOverflow = Math.floor(b.length / bs);
  let overflow = 0;
  for (let i = 0; i < n; i++) {
    const first = h.buckets + i * bs;
    let used = 0;
    for (let s = 0; s < 8; s++) if (b[first + s] !== 0) used++;
    let chain = 0;
    for (let next = dv.getUint32(first + 8, true); next !== 0; next = dv.getUint32(next + 8, true)) {
      if (next + bs > b.length) {
        throw new CorruptMapError(address, `bucket 0x${next.toString(16)} is outside linear memory`);
      }
      if (++overflow > maxOverflow) throw new CorruptMapError(address, "overflow bucket chain has a cycle");
      chain++;
    }
    cells[i] = used | (Math.min(chain, 15) << 4);
  }
  return cells;
}
