/**
 * TinyGo 0.41.0's `runtime.hashmap` on wasm32, as data, and the bucket walk.
 *
 * Source: tinygo v0.41.0 `src/runtime/hashmap.go` (`hashmap`, `hashmapBucket`,
 * `hashmapOverLoadFactor`). Proven by `go-targets/internal/view/header_tinygo.go`, an unsafe
 * mirror whose fields each committed TinyGo target prints and the tests compare.
 *
 * @module
 */
import { CorruptMapError } from "../errors.ts";
import type { GuestMemory } from "../memory.ts";

/** One field of a header layout: byte offset, size, and how to read it. */
export interface FieldLayout {
  /** Byte offset from the start of the header. */
  offset: number;
  /** Size in bytes. */
  size: number;
  /** How the bytes are read: unsigned integer, or a TinyGo func value {context, table index}. */
  type: "uint" | "func";
}

/**
 * `runtime.hashmap` of TinyGo 0.41.0 on wasm32 (4-byte pointers and uintptr): 40 bytes.
 *
 * | offset | field      | Go type                                            |
 * |--------|------------|----------------------------------------------------|
 * | 0      | buckets    | unsafe.Pointer: array of 2^bucketBits buckets       |
 * | 4      | seed       | uintptr                                            |
 * | 8      | count      | uintptr: len(m)                                    |
 * | 12     | keySize    | uintptr: bytes per stored key                       |
 * | 16     | valueSize  | uintptr                                            |
 * | 20     | bucketBits | uint8                                              |
 * | 24     | keyEqual   | func(x, y unsafe.Pointer, n uintptr) bool: context, table index |
 * | 32     | keyHash    | func(key unsafe.Pointer, size, seed uintptr) uint32 |
 *
 * @example
 * ```ts
 * import { TINYGO_HASHMAP } from "@mapscope/mapscope";
 * console.log(TINYGO_HASHMAP.size, TINYGO_HASHMAP.fields.count.offset); // 40 8
 * ```
 */
export const TINYGO_HASHMAP = {
  runtime: "tinygo-0.41.0",
  source: "tinygo v0.41.0 src/runtime/hashmap.go",
  size: 40,
  fields: {
    buckets: { offset: 0, size: 4, type: "uint" },
    seed: { offset: 4, size: 4, type: "uint" },
    count: { offset: 8, size: 4, type: "uint" },
    keySize: { offset: 12, size: 4, type: "uint" },
    valueSize: { offset: 16, size: 4, type: "uint" },
    bucketBits: { offset: 20, size: 1, type: "uint" },
    keyEqual: { offset: 24, size: 8, type: "func" },
    keyHash: { offset: 32, size: 8, type: "func" },
  } satisfies Record<string, FieldLayout>,
  /** hashmapBucket: tophash [8]uint8 at 0, next *hashmapBucket at 8, then 8 keys, then 8 values. */
  bucket: { tophash: 0, next: 8, data: 12, slots: 8 },
  /** hashmapHasSpaceToGrow: bucketBits <= 29 on a 32-bit target. */
  maxBucketBits: 29,
} as const;

/** The header fields of a TinyGo map, as read. */
export interface TinyGoHeader {
  /** Address of the bucket array. */
  buckets: number;
  /** Hash seed (re-drawn at every growth). */
  seed: number;
  /** Number of entries: `len(m)`. */
  count: number;
  /** Bytes per stored key (8 for strings and boxed interface keys). */
  keySize: number;
  /** Bytes per stored value. */
  valueSize: number;
  /** log2 of the bucket count. */
  bucketBits: number;
  /** keyEqual's func value: closure context and function table index. */
  keyEqual: { context: number; index: number };
  /** keyHash's func value: closure context and function table index. */
  keyHash: { context: number; index: number };
}

const MAX_SLOT_SIZE = 1 << 24;

/**
 * Reads and checks the header at `address`. A header that cannot be a live TinyGo map (sizes out
 * of range, buckets outside memory, more entries than the buckets can reach) throws
 * {@linkcode CorruptMapError}, so a wrong address gives an error rather than garbage.
 *
 * @example
 * ```ts ignore
 * import { readTinyGoHeader } from "@mapscope/mapscope";
 * const h = readTinyGoHeader(result.memory!, 0x31390);
 * console.log(h.count, h.bucketBits);
 * ```
 */
export function readTinyGoHeader(mem: GuestMemory, address: number): TinyGoHeader {
  if (address === 0) throw new CorruptMapError(0, "nil map (address 0)");
  if (address % 4 !== 0) throw new CorruptMapError(address, "a TinyGo map header is 4-byte aligned");
  if (!mem.contains(address, TINYGO_HASHMAP.size)) {
    throw new CorruptMapError(address, `the 40-byte header is outside linear memory of ${mem.size} bytes`);
  }
  // Offsets: TINYGO_HASHMAP.fields (one bounds check above, then direct reads).
  const dv = mem.dataView();
  const h: TinyGoHeader = {
    buckets: dv.getUint32(address, true),
    seed: dv.getUint32(address + 4, true),
    count: dv.getUint32(address + 8, true),
    keySize: dv.getUint32(address + 12, true),
    valueSize: dv.getUint32(address + 16, true),
    bucketBits: dv.getUint8(address + 20),
    keyEqual: { context: dv.getUint32(address + 24, true), index: dv.getUint32(address + 28, true) },
    keyHash: { context: dv.getUint32(address + 32, true), index: dv.getUint32(address + 36, true) },
  };
  const why = checkHeader(mem, h);
  if (why) throw new CorruptMapError(address, why);
  return h;
}

function checkHeader(mem: GuestMemory, h: TinyGoHeader): string | undefined {
  if (h.bucketBits > TINYGO_HASHMAP.maxBucketBits + 1) return `bucketBits ${h.bucketBits} is over 30`;
  if (h.keySize === 0 && h.valueSize === 0 && h.count > 0) return "keySize and valueSize are both 0";
  if (h.keySize > MAX_SLOT_SIZE || h.valueSize > MAX_SLOT_SIZE) {
    return `keySize ${h.keySize} / valueSize ${h.valueSize} are implausible`;
  }
  const bytes = bucketSize(h) * 2 ** h.bucketBits;
  if (h.buckets === 0 || !mem.contains(h.buckets, bytes)) {
    return `bucket array 0x${
      h.buckets.toString(16)
    } (+${bytes} bytes) is outside linear memory of ${mem.size} bytes`;
  }
  if (h.count > mem.size) return `count ${h.count} is larger than memory`;
  return undefined;
}

/** Bytes per bucket: 12 + 8 keys + 8 values (hashmapBucketSize). */
export function bucketSize(h: TinyGoHeader): number {
  return TINYGO_HASHMAP.bucket.data + 8 * (h.keySize + h.valueSize);
}

/** v0.41.0's growth rule (hashmapOverLoadFactor): a map grows when an insert finds count > 6 << bucketBits. */
export function tinygoOverLoadFactor(count: number, bucketBits: number): boolean {
  return count > 6 * 2 ** bucketBits;
}

/**
 * Counts overflow buckets by following each bucket's `next` pointer (no slot is read): cheap
 * enough for every checkpoint. A cycle or a pointer outside memory throws {@linkcode CorruptMapError}.
 */
export function countOverflowBuckets(mem: GuestMemory, address: number, h: TinyGoHeader): number {
  const bs = bucketSize(h);
  const n = 2 ** h.bucketBits;
  const dv = mem.dataView();
  const size = dv.byteLength;
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
  h: TinyGoHeader,
  visit: (bucket: number, keyAddr: number, valueAddr: number) => void,
): { overflowBuckets: number; maxChain: number } {
  const bs = bucketSize(h);
  const n = 2 ** h.bucketBits;
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
          found++;
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
