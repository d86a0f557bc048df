/**
 * Go's swiss-table map, `internal/runtime/maps.Map`, on wasm (8-byte pointers, 32-bit hashes),
 * as data. Identical in go1.26.8 and go1.27.3.
 *
 * Sources: `src/internal/runtime/maps/map.go` (Map), `table.go` (table), `group.go` (ctrl bytes,
 * groupReference, groupsReference) of go1.26.8 and go1.27.3. Proven by
 * `go-targets/internal/view/header_swiss.go`, an unsafe mirror whose fields each committed Go
 * target prints and the tests compare.
 *
 * @module
 */
import { CorruptMapError } from "../../errors.ts";
import type { GuestMemory } from "../../memory.ts";
import type { SwissHeaderFields } from "../../model/snapshot.ts";
import { keepShape } from "../../_keep_shape.ts";

/**
 * `maps.Map` on wasm: 48 bytes.
 *
 * | offset | field             | Go type                                                  |
 * |--------|-------------------|----------------------------------------------------------|
 * | 0      | used              | uint64: len(m)                                           |
 * | 8      | seed              | uintptr                                                  |
 * | 16     | dirPtr            | unsafe.Pointer: one group (small map) or [dirLen]*table   |
 * | 24     | dirLen            | int: 0 for a small map                                   |
 * | 32     | globalDepth       | uint8                                                    |
 * | 33     | globalShift       | uint8: 32 - globalDepth on wasm (Use64BitHash is false)  |
 * | 34     | writing           | uint8                                                    |
 * | 35     | tombstonePossible | bool                                                     |
 * | 40     | clearSeq          | uint64                                                   |
 *
 * @example
 * ```ts
 * import { SWISS_MAP } from "@mapscope/mapscope/layouts";
 * console.log(SWISS_MAP.size, SWISS_MAP.fields.dirLen.offset); // 48 24
 * ```
 */
export const SWISS_MAP = {
  source: "go1.26.8 and go1.27.3 src/internal/runtime/maps/map.go, table.go, group.go",
  size: 48,
  fields: {
    used: { offset: 0, size: 8 },
    seed: { offset: 8, size: 8 },
    dirPtr: { offset: 16, size: 8 },
    dirLen: { offset: 24, size: 8 },
    globalDepth: { offset: 32, size: 1 },
    globalShift: { offset: 33, size: 1 },
    writing: { offset: 34, size: 1 },
    tombstonePossible: { offset: 35, size: 1 },
    clearSeq: { offset: 40, size: 8 },
  },
  /** table: used u16 @0, capacity u16 @2, growthLeft u16 @4, localDepth u8 @6, index int @8, groups.data @16, groups.lengthMask @24. */
  table: {
    used: 0,
    capacity: 2,
    growthLeft: 4,
    localDepth: 6,
    index: 8,
    groupsData: 16,
    groupsLengthMask: 24,
    size: 32,
  },
  /** ctrl bytes: empty 0b10000000, deleted 0b11111110, full 0b0hhhhhhh (H2, the hash's low 7 bits). */
  ctrl: { empty: 0x80, deleted: 0xfe, slots: 8 },
} as const;

/** The header fields of a swiss map, as read. */
export type SwissHeader = SwissHeaderFields;

/** A uint64 read as a number (exact below 2^53). */
export function u53(dv: DataView, at: number): number {
  const hi = dv.getUint32(at + 4, true);
  const lo = dv.getUint32(at, true);
  return hi === 0 ? lo : lo + hi * 4294967296;
}

/**
 * A swiss header as read: made by a constructor, not an object literal. V8 moves an object
 * literal's allocation site to the old generation once its objects survive (the headers a run's
 * checkpoints keep do), and an old header that is already garbage keeps its young seed alive
 * through scavenges; objects made by `new` are never allocated old.
 */
class SwissHeaderRecord implements SwissHeaderFields {
  constructor(
    public used: number,
    public seed: bigint,
    public dirPtr: number,
    public dirLen: number,
    public globalDepth: number,
    public globalShift: number,
    public writing: number,
    public tombstonePossible: boolean,
    public clearSeq: number,
  ) {}
}

// one kept, so that the shape of its objects outlives every run (see ../../_keep_shape.ts)
keepShape(new SwissHeaderRecord(0, 0n, 0, 0, 0, 0, 0, false, 0));

/**
 * Reads and checks the swiss header at `address`; throws {@linkcode CorruptMapError} if implausible.
 * Throws {@linkcode CorruptMapError} when the header cannot be a live swiss map (nil, misaligned, outside
 * memory, fields out of range).
 *
 * @example
 * ```ts
 * import { readSwissHeader } from "@mapscope/mapscope/layouts";
 * import { GuestMemory } from "@mapscope/mapscope";
 * const bytes = new Uint8Array(1024);
 * new DataView(bytes.buffer).setUint32(64 + 16, 512, true); // dirPtr: an empty small map's group
 * console.log(readSwissHeader(new GuestMemory(bytes, 8), 64).dirLen); // 0
 * ```
 */
export function readSwissHeader(mem: GuestMemory, address: number): SwissHeaderFields {
  if (address === 0) throw new CorruptMapError(0, "nil map (address 0)");
  if (address % 8 !== 0) throw new CorruptMapError(address, "a Go map header is 8-byte aligned");
  if (!mem.contains(address, SWISS_MAP.size)) {
    throw new CorruptMapError(address, `the 48-byte header is outside linear memory of ${mem.size} bytes`);
  }
  // Offsets: SWISS_MAP.fields (one bounds check above, then direct reads).
  const dv = mem.dataView();
  const dirPtrHigh = dv.getUint32(address + 20, true);
  const dirLenHigh = dv.getInt32(address + 28, true);
  const h = new SwissHeaderRecord(
    u53(dv, address),
    dv.getBigUint64(address + 8, true),
    dv.getUint32(address + 16, true),
    dirLenHigh === 0 ? dv.getUint32(address + 24, true) : -1,
    dv.getUint8(address + 32),
    dv.getUint8(address + 33),
    dv.getUint8(address + 34),
    dv.getUint8(address + 35) !== 0,
    u53(dv, address + 40),
  );
  if (dirPtrHigh !== 0 || !mem.contains(h.dirPtr, 8)) {
    throw new CorruptMapError(
      address,
      `dirPtr 0x${(dirPtrHigh * 2 ** 32 + h.dirPtr).toString(16)} is outside memory`,
    );
  }
  if (h.dirLen < 0 || h.dirLen > 2 ** 24) {
    throw new CorruptMapError(address, `dirLen ${h.dirLen} is implausible`);
  }
  // (a shift, not 2 ** globalDepth: with a variable exponent that is a call into libm's pow)
  if (h.dirLen > 0 && (h.globalDepth > 24 || h.dirLen !== 1 << h.globalDepth)) {
    throw new CorruptMapError(address, `dirLen ${h.dirLen} is not 2^globalDepth (${h.globalDepth})`);
  }
  if (h.dirLen > 0 && h.globalShift !== 32 - h.globalDepth) {
    throw new CorruptMapError(
      address,
      `globalShift ${h.globalShift} is not 32 - globalDepth ${h.globalDepth} (32-bit hashes on wasm)`,
    );
  }
  if (h.dirLen === 0 && h.used > 8) {
    throw new CorruptMapError(address, `a small map (dirLen 0) holds at most 8 entries, used is ${h.used}`);
  }
  if (h.used > mem.size) throw new CorruptMapError(address, `used ${h.used} is larger than memory`);
  if (h.writing > 1 || dv.getUint8(address + 35) > 1) {
    throw new CorruptMapError(address, "writing/tombstonePossible are not 0 or 1");
  }
  return h;
}
