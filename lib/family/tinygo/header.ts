/**
 * TinyGo 0.41.0's `runtime.hashmap` header on wasm32, as data, and how it is read and checked.
 *
 * Source: tinygo v0.41.0 `src/runtime/hashmap.go` (`hashmap`, `hashmapBucket`,
 * `hashmapOverLoadFactor`). Proven by `go-targets/internal/view/header_tinygo.go`, an unsafe
 * mirror whose fields each committed TinyGo target prints and the tests compare.
 *
 * @module
 */
import { CorruptMapError } from "../../errors.ts";
import type { GuestMemory } from "../../memory.ts";
import type { TinyGoHeaderFields } from "../../model/snapshot.ts";
import { keepShape } from "../../_keep_shape.ts";

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
 * import { TINYGO_HASHMAP } from "@mapscope/mapscope/layouts";
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

/**
 * The header fields of a TinyGo map, as read.
 *
 * @example
 * ```ts
 * import { readTinyGoHeader } from "@mapscope/mapscope/layouts";
 * import { run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm"), { deterministic: true });
 * const h = readTinyGoHeader(r.memory!, r.tracked[0]!.address);
 * console.log(h.count, h.keyHash.index > 0); // 3 true
 * ```
 */
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
 * Throws {@linkcode CorruptMapError} when the header cannot be a live TinyGo map.
 *
 * @example
 * ```ts
 * import { readTinyGoHeader } from "@mapscope/mapscope/layouts";
 * import { GuestMemory } from "@mapscope/mapscope";
 * const bytes = new Uint8Array(1024);
 * const dv = new DataView(bytes.buffer);
 * dv.setUint32(64, 128, true); // buckets: one 28-byte bucket at 128
 * dv.setUint32(72, 0, true); // count 0
 * dv.setUint32(76, 4, true); // keySize 4
 * dv.setUint32(80, 4, true); // valueSize 4
 * const h = readTinyGoHeader(new GuestMemory(bytes, 4), 64);
 * console.log(h.count, h.bucketBits, h.buckets); // 0 0 128
 * ```
 */
export function readTinyGoHeader(mem: GuestMemory, address: number): TinyGoHeader {
  const f = readTinyGoFields(mem, address);
  return {
    buckets: f.buckets,
    seed: f.seed,
    count: f.count,
    keySize: f.keySize,
    valueSize: f.valueSize,
    bucketBits: f.bucketBits,
    keyEqual: { context: f.keyEqualContext, index: f.keyEqual },
    keyHash: { context: f.keyHashContext, index: f.keyHash },
  };
}

/** The header fields a bucket walk needs. */
export type TinyGoSizes = Pick<TinyGoHeader, "buckets" | "count" | "keySize" | "valueSize" | "bucketBits">;

/**
 * A TinyGo header as read, made by a constructor: V8 never allocates such objects in the old
 * generation, as it may an object literal's once a run has kept many (see ../_fresh.ts).
 */
class TinyGoHeaderRecord implements TinyGoHeaderFields {
  constructor(
    public buckets: number,
    public seed: number,
    public count: number,
    public keySize: number,
    public valueSize: number,
    public bucketBits: number,
    public keyEqualContext: number,
    public keyEqual: number,
    public keyHashContext: number,
    public keyHash: number,
  ) {}
}

// one kept, so that the shape of its objects outlives every run (see ../../_keep_shape.ts)
keepShape(new TinyGoHeaderRecord(0, 2 ** 31, 0, 0, 0, 0, 0, 0, 0, 0));

/**
 * Reads and checks the header at `address` as a snapshot keeps it: one flat record, func values
 * split into context and table index (one allocation, where {@linkcode readTinyGoHeader} makes
 * three). Throws {@linkcode CorruptMapError} as `readTinyGoHeader` does.
 */
export function readTinyGoFields(mem: GuestMemory, address: number): TinyGoHeaderFields {
  if (address === 0) throw new CorruptMapError(0, "nil map (address 0)");
  if (address % 4 !== 0) throw new CorruptMapError(address, "a TinyGo map header is 4-byte aligned");
  if (!mem.contains(address, TINYGO_HASHMAP.size)) {
    throw new CorruptMapError(address, `the 40-byte header is outside linear memory of ${mem.size} bytes`);
  }
  // Offsets: TINYGO_HASHMAP.fields (one bounds check above, then direct reads).
  const dv = mem.dataView();
  const h = new TinyGoHeaderRecord(
    dv.getUint32(address, true),
    dv.getUint32(address + 4, true),
    dv.getUint32(address + 8, true),
    dv.getUint32(address + 12, true),
    dv.getUint32(address + 16, true),
    dv.getUint8(address + 20),
    dv.getUint32(address + 24, true),
    dv.getUint32(address + 28, true),
    dv.getUint32(address + 32, true),
    dv.getUint32(address + 36, true),
  );
  const why = checkHeader(mem, h);
  if (why) throw new CorruptMapError(address, why);
  return h;
}

function checkHeader(mem: GuestMemory, h: TinyGoSizes): string | undefined {
  if (h.bucketBits > TINYGO_HASHMAP.maxBucketBits + 1) return `bucketBits ${h.bucketBits} is over 30`;
  if (h.keySize === 0 && h.valueSize === 0 && h.count > 0) return "keySize and valueSize are both 0";
  if (h.keySize > MAX_SLOT_SIZE || h.valueSize > MAX_SLOT_SIZE) {
    return `keySize ${h.keySize} / valueSize ${h.valueSize} are implausible`;
  }
  const bytes = bucketSize(h) * bucketCountOf(h.bucketBits);
  if (h.buckets === 0 || !mem.contains(h.buckets, bytes)) {
    return `bucket array 0x${
      h.buckets.toString(16)
    } (+${bytes} bytes) is outside linear memory of ${mem.size} bytes`;
  }
  if (h.count > mem.size) return `count ${h.count} is larger than memory`;
  return undefined;
}

/**
 * Buckets in a map of `bucketBits` (2^bucketBits): a shift, as `2 ** n` with a variable `n` is a
 * call into the C library's pow in V8 (a third of a header snapshot's time).
 */
export function bucketCountOf(bucketBits: number): number {
  return bucketBits <= 30 ? 1 << bucketBits : 2 ** bucketBits;
}

/** Bytes per bucket: 12 + 8 keys + 8 values (hashmapBucketSize). */
export function bucketSize(h: TinyGoSizes): number {
  return TINYGO_HASHMAP.bucket.data + 8 * (h.keySize + h.valueSize);
}
