/**
 * Map snapshots: an immutable record of one map header at one moment, the facts that follow from
 * it, and the entries decoded with the program's own types. The record is typed per runtime
 * family: narrow on `family` (and on `error`) to reach the header fields without casts.
 *
 * @module
 */
import type { GoValue } from "./values.ts";

/**
 * One entry of a map: decoded key and value, and Go's JSON of the pair (`[key,value]`).
 *
 * @example
 * ```ts
 * import { run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm"), { deterministic: true });
 * for (const e of r.maps[0]?.entries ?? []) console.log(e.keyJson, e.valueJson, e.json);
 * ```
 */
export interface MapEntry {
  /** The decoded key. */
  key: GoValue;
  /** The decoded value. */
  value: GoValue;
  /** `[key,value]` in Go's JSON encoding (addresses as "0x..." strings). */
  json: string;
  /** The key alone in Go's JSON encoding. */
  keyJson: string;
  /** The value alone in Go's JSON encoding. */
  valueJson: string;
}

/**
 * The runtime families: TinyGo's `runtime.hashmap`, Go's swiss tables, and "none" (no Go runtime).
 *
 * @example
 * ```ts
 * import type { FamilyId } from "@mapscope/mapscope/layouts";
 * const ids: FamilyId[] = ["tinygo", "go"];
 * console.log(ids.join(" "));
 * ```
 */
export type FamilyId = "tinygo" | "go" | "none";

/**
 * Every field of a TinyGo `runtime.hashmap` header, by its runtime name (func values split in two).
 *
 * @example
 * ```ts
 * import { run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm"), { deterministic: true });
 * const m = r.maps[0]!;
 * if (m.family === "tinygo" && m.error === undefined) console.log(m.header.count, m.header.bucketBits); // 3 0
 * ```
 */
export interface TinyGoHeaderFields {
  /** Address of the bucket array. */
  buckets: number;
  /** Hash seed (re-drawn at every growth). */
  seed: number;
  /** `len(m)`. */
  count: number;
  /** Bytes per stored key. */
  keySize: number;
  /** Bytes per stored value. */
  valueSize: number;
  /** log2 of the bucket count. */
  bucketBits: number;
  /** keyEqual's closure context. */
  keyEqualContext: number;
  /** keyEqual's function table index. */
  keyEqual: number;
  /** keyHash's closure context. */
  keyHashContext: number;
  /** keyHash's function table index. */
  keyHash: number;
}

/**
 * Every field of a Go swiss map header (`internal/runtime/maps.Map`), as read.
 *
 * @example
 * ```ts
 * import { run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/go1.26.8/hello.wasm"), { deterministic: true });
 * const m = r.maps[0]!;
 * if (m.family === "go" && m.error === undefined) console.log(m.header.used, m.header.dirLen); // 3 0
 * ```
 */
export interface SwissHeaderFields {
  /** Full slots: len(m) (a uint64 in memory; exact as a number, as it cannot exceed memory). */
  used: number;
  /** Hash seed. */
  seed: bigint;
  /** One group (small map) or the directory of table pointers. */
  dirPtr: number;
  /** Directory length; 0 for a small map. */
  dirLen: number;
  /** log2 of the directory length. */
  globalDepth: number;
  /** Shift that turns a hash into a directory index. */
  globalShift: number;
  /** Non-zero while a write is in progress. */
  writing: number;
  /** Whether a deletion may have left tombstones. */
  tombstonePossible: boolean;
  /** Bumped by every clear (a uint64; exact as a number below 2^53 clears). */
  clearSeq: number;
}

/**
 * Facts derived from a TinyGo header.
 *
 * @example
 * ```ts
 * import { run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm"), { deterministic: true });
 * console.log(r.maps[0]?.tinygo?.bucketCount, r.maps[0]?.tinygo?.keyHash); // 1 runtime.hashmapStringPtrHash
 * ```
 */
export interface TinyGoDerived {
  /** 2^bucketBits. */
  bucketCount: number;
  /** Bytes per bucket (12 + 8 keys + 8 values). */
  bucketSize: number;
  /** Address of the bucket array. */
  bucketsAddress: number;
  /** count / (8 × bucketCount). */
  loadFactor: number;
  /** Overflow buckets chained behind the bucket array (follows every chain's next pointers). */
  overflowBuckets: number;
  /** Name of the function keyHash resolves to through the function table and name section. */
  keyHash?: string | undefined;
  /** Name of the function keyEqual resolves to. */
  keyEqual?: string | undefined;
  /** How keys are stored and hashed: binary, string or boxed interface (compiler/map.go). */
  keyAlgorithm?: "binary" | "string" | "interface" | undefined;
}

/**
 * One table of a swiss map's directory.
 *
 * @example
 * ```ts
 * import { run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/go1.26.8/growth.wasm"), { args: ["growth", "100"], deterministic: true });
 * for (const m of r.maps) for (const t of m.swiss?.tables ?? []) console.log(m.name, t.index, t.capacity, t.used);
 * ```
 */
export interface SwissTable {
  /** Address of the table. */
  address: number;
  /** Its `index` field: the first directory slot that points at it. */
  index: number;
  /** Full slots. */
  used: number;
  /** Slots (groups × 8). */
  capacity: number;
  /** Slots that can still be filled before the table grows. */
  growthLeft: number;
  /** Directory depth this table covers. */
  localDepth: number;
  /** Address of the groups array. */
  groups: number;
}

/**
 * Facts derived from a swiss header.
 *
 * @example
 * ```ts
 * import { run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/go1.26.8/hello.wasm"), { deterministic: true });
 * console.log(r.maps[0]?.swiss?.small, r.maps[0]?.swiss?.groupLayout); // true interleaved
 * ```
 */
export interface SwissDerived {
  /** True for a small map: dirLen 0 and dirPtr is a single group. */
  small: boolean;
  /** Distinct tables (each visited once, by its index). */
  tables: SwissTable[];
  /** Group layout: "interleaved" (KVKV...) or "split" (8 keys then 8 elems, GOEXPERIMENT=mapsplitgroup). */
  groupLayout: "interleaved" | "split";
  /** Bytes per group. */
  groupSize: number;
}

/**
 * Where a map's entries sit, one cell per bucket (TinyGo: the bucket array, in order) or per group
 * (swiss: a small map's one group, or each table's groups in directory order).
 *
 * @example
 * ```ts
 * import type { Occupancy } from "@mapscope/mapscope/layouts";
 * const o: Occupancy = { unit: "group", cells: new Uint8Array([0x08, 0x13]), tableStarts: [0] };
 * console.log(o.cells[1]! & 15, o.cells[1]! >> 4); // 3 slots full, 1 deleted
 * ```
 */
export interface Occupancy {
  /** "bucket" (TinyGo) or "group" (swiss). */
  unit: "bucket" | "group";
  /**
   * One byte per cell: the low four bits are the slots in use (0 to 8); the high four bits are,
   * for a TinyGo bucket, the overflow buckets chained behind it (up to 15), for a swiss group,
   * its deleted slots (tombstones).
   */
  cells: Uint8Array;
  /** Swiss: the first cell of each table (directory order); TinyGo: [0]. */
  tableStarts: number[];
}

/**
 * What every snapshot has, whichever family read it.
 *
 * @example
 * ```ts
 * import type { SnapshotBase } from "@mapscope/mapscope/layouts";
 * const base: SnapshotBase = { name: "m", address: 0x31440, len: 0 };
 * console.log(base.name, base.len); // m 0
 * ```
 */
export interface SnapshotBase {
  /** The name the probe tracked it under, or the `--map` label. */
  readonly name?: string | undefined;
  /**
   * Where the map and its name come from: "tracked by the probe", "given with --map", or, for a
   * map found by `--all-maps`, the code that first wrote it ("first written in main.main
   * (main.go:24)") when the binary says.
   */
  readonly origin?: string | undefined;
  /** Address of the map header (what `%p` prints). */
  readonly address: number;
  /** `len(m)` (0 when the map could not be read). */
  readonly len: number;
  /** Go spelling of the key type, when known. */
  readonly keyType?: string | undefined;
  /** Go spelling of the value type, when known. */
  readonly elemType?: string | undefined;
  /**
   * The entries, when the snapshot was taken with them. A reader keeps them as columns and makes
   * these objects when `entries` is first read (a getter): a spread or structured clone of such
   * a snapshot copies own properties only, so copy them by name (`{ ...s, entries: s.entries }`).
   */
  readonly entries?: readonly MapEntry[] | undefined;
  /**
   * Set when the entries were cut short: decoding them would have passed the snapshot's byte
   * budget (corrupted lengths, huge strings). Says how many of how many were kept.
   */
  readonly truncated?: string | undefined;
  /** Where the entries sit, bucket by bucket or group by group (when asked for). */
  readonly occupancy?: Occupancy | undefined;
}

/**
 * A TinyGo map that was read.
 *
 * @example
 * ```ts
 * import type { TinyGoSnapshot } from "@mapscope/mapscope/layouts";
 * import { run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm"), { deterministic: true });
 * const m = r.maps[0]!;
 * const tiny: TinyGoSnapshot | undefined = m.family === "tinygo" && m.error === undefined ? m : undefined;
 * console.log(tiny?.header.keySize); // 8
 * ```
 */
export interface TinyGoSnapshot extends SnapshotBase {
  /** The runtime family whose layout was used. */
  readonly family: "tinygo";
  /** Every header field, by its runtime name. */
  readonly header: Readonly<TinyGoHeaderFields>;
  /** Facts derived from the header and buckets. */
  readonly tinygo: Readonly<TinyGoDerived>;
  /** Absent on TinyGo snapshots. */
  readonly swiss?: undefined;
  /** Absent: the map was read. */
  readonly error?: undefined;
}

/**
 * A Go swiss map that was read.
 *
 * @example
 * ```ts
 * import type { SwissSnapshot } from "@mapscope/mapscope/layouts";
 * import { run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/go1.26.8/hello.wasm"), { deterministic: true });
 * const m = r.maps[0]!;
 * const swiss: SwissSnapshot | undefined = m.family === "go" && m.error === undefined ? m : undefined;
 * console.log(swiss?.swiss.small); // true
 * ```
 */
export interface SwissSnapshot extends SnapshotBase {
  /** The runtime family whose layout was used. */
  readonly family: "go";
  /** Every header field, by its runtime name. */
  readonly header: Readonly<SwissHeaderFields>;
  /** Facts derived from the header, directory and tables. */
  readonly swiss: Readonly<SwissDerived>;
  /** Absent on swiss snapshots. */
  readonly tinygo?: undefined;
  /** Absent: the map was read. */
  readonly error?: undefined;
}

/**
 * A map that could not be read: `error` says why.
 *
 * @example
 * ```ts
 * import { MapReader, run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm"), { deterministic: true });
 * const s = new MapReader(r.memory!, r.toolchain).trySnapshot(3);
 * console.log(s.error); // no consistent map at 0x3: a TinyGo map header is 4-byte aligned
 * ```
 */
export interface UnreadableSnapshot extends SnapshotBase {
  /** The runtime family whose layout was tried. */
  readonly family: FamilyId;
  /** No fields: nothing consistent was there. */
  readonly header: Readonly<Record<string, never>>;
  /** Absent. */
  readonly tinygo?: undefined;
  /** Absent. */
  readonly swiss?: undefined;
  /** Why the map could not be read. */
  readonly error: string;
}

/**
 * An immutable record of one map at one moment: where it is, its header fields, facts derived
 * from them, and (when asked for) its entries; or, when it could not be read, why.
 *
 * @example
 * ```ts
 * import type { MapSnapshot } from "@mapscope/mapscope";
 * function buckets(s: MapSnapshot): number | undefined {
 *   return s.family === "tinygo" && !s.error ? s.header.buckets : undefined;
 * }
 * console.log(buckets({ family: "go", address: 8, len: 0, header: {}, error: "nil map" })); // undefined
 * ```
 */
export type MapSnapshot = TinyGoSnapshot | SwissSnapshot | UnreadableSnapshot;

/**
 * A snapshot that was read (not an {@linkcode UnreadableSnapshot}).
 *
 * @example
 * ```ts
 * import type { ReadSnapshot } from "@mapscope/mapscope/layouts";
 * import { MapReader, run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm"), { deterministic: true });
 * const s: ReadSnapshot = new MapReader(r.memory!, r.toolchain).snapshot(r.tracked[0]!.address);
 * console.log(s.family, s.len); // tinygo 3
 * ```
 */
export type ReadSnapshot = TinyGoSnapshot | SwissSnapshot;
