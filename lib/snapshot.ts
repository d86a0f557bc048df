/**
 * Map snapshots: an immutable record of a map header and what follows from it, and the entries
 * decoded with the program's own types.
 *
 * @module
 */
import type { GoValue } from "./values.ts";

/** One entry of a map: decoded key and value, and Go's JSON of the pair (`[key,value]`). */
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

/** Facts derived from a TinyGo header. */
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
  keyHash?: string;
  /** Name of the function keyEqual resolves to. */
  keyEqual?: string;
  /** How keys are stored and hashed: binary, string or boxed interface (compiler/map.go). */
  keyAlgorithm?: "binary" | "string" | "interface";
}

/** One table of a swiss map's directory. */
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

/** Facts derived from a swiss header. */
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
 * An immutable record of one map at one moment: where it is, its header fields, facts derived
 * from them, and (when asked for) its entries.
 */
export interface MapSnapshot {
  /** The name the probe tracked it under, or the `--map` label. */
  readonly name?: string;
  /** Address of the map header (what `%p` prints). */
  readonly address: number;
  /** The runtime family whose layout was used. */
  readonly family: "tinygo" | "go";
  /** `len(m)`. */
  readonly len: number;
  /** Every header field, by its runtime name. */
  readonly header: Readonly<Record<string, number | bigint | boolean>>;
  /** TinyGo facts. */
  readonly tinygo?: Readonly<TinyGoDerived>;
  /** Swiss facts. */
  readonly swiss?: Readonly<SwissDerived>;
  /** Go spelling of the key type, when known. */
  readonly keyType?: string;
  /** Go spelling of the value type, when known. */
  readonly elemType?: string;
  /** The entries, when the snapshot was taken with them. */
  readonly entries?: readonly MapEntry[];
  /** Why the map could not be read, if it could not. */
  readonly error?: string;
}
