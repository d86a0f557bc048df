/**
 * TinyGo's half of the map reader: snapshots (header, derived facts, entries), the typed walk and
 * the checks that a given type fits a header (key and value sizes, and the hash function the
 * runtime stored, resolved through the function table and name section).
 *
 * @module
 */
import { CorruptMapError } from "../../errors.ts";
import type { GuestMemory } from "../../memory.ts";
import { type GoType, typeString } from "../../model/gotype.ts";
import { GoInterface } from "../../model/values.ts";
import type { MapEntry, TinyGoDerived, TinyGoSnapshot } from "../../model/snapshot.ts";
import { DecodeBudget, decodeValue, type InterfaceReader } from "../../types/decode.ts";
import { SlotList } from "../_slot_list.ts";
import { EntryIterator } from "../_entry_iterator.ts";
import { decodeWithin, snapshotBudget } from "../budget.ts";
import { type EntryDecoder, entryDecoder } from "../../types/entry.ts";
import { type EntryTable, EntryTableBuilder } from "../../types/entry_table.ts";
import { SnapshotRecord } from "../_snapshot_record.ts";
import type { SlotReader } from "../../types/slot_reader.ts";
import { type ModuleInfo, tableFunctionName } from "../../wasm/module.ts";
import type { FamilyReader, FamilySnapshotOptions } from "../family.ts";
import { bucketCountOf, bucketSize, readTinyGoFields, readTinyGoHeader } from "./header.ts";
import { tinygoKeyAlgorithm, TinyGoTypes } from "./types.ts";
import { countOverflowBuckets, tinygoOccupancy, walkTinyGo } from "./walk.ts";
import { inferTinyGoMapType, tinygoMapTypes, type TypeInference } from "./infer.ts";
import { PerType } from "../per_type.ts";
import { keepShape } from "../../_keep_shape.ts";

/** A snapshot's TinyGo facts, made by `new` so that V8 never allocates them old (see ../_fresh.ts). */
class TinyGoFacts implements TinyGoDerived {
  constructor(
    public bucketCount: number,
    public bucketSize: number,
    public bucketsAddress: number,
    public loadFactor: number,
    public overflowBuckets: number,
    public keyHash: string | undefined,
    public keyEqual: string | undefined,
    public keyAlgorithm: "binary" | "string" | "interface" | undefined,
  ) {}
}

// one kept, so that the shape of its objects outlives every run (see ../../_keep_shape.ts)
keepShape(new TinyGoFacts(0, 0, 0, 0.5, 0, "", "", "binary"));

/** The hash function TinyGo 0.41.0 stores in a map's header for each key algorithm (hashmap.go). */
const HASH_FUNCTION = {
  binary: "runtime.hash32",
  string: "runtime.hashmapStringPtrHash",
  interface: "runtime.hashmapInterfacePtrHash",
} as const;

const BOXED: GoType = { kind: "interface", size: 8, align: 4 };

/** Reads TinyGo maps of one guest memory. */
export class TinyGoReader implements FamilyReader {
  readonly iface: InterfaceReader;
  #types: TinyGoTypes;
  #fnNames = new Map<number, string | null>();
  #recent0 = -1;
  #recentName0: string | undefined;
  #recent1 = -1;
  #recentName1: string | undefined;

  /** Creates a reader over a TinyGo module's memory; `module` names the hash functions. */
  constructor(readonly mem: GuestMemory, readonly module?: ModuleInfo) {
    const types = this.#types = new TinyGoTypes(mem);
    this.iface = { typeAt: (w) => types.read(w), inline: (t) => t.size <= 4 };
  }

  typeAt(descriptor: number): GoType {
    return this.#types.read(descriptor);
  }

  #mapTypes?: GoType[];

  inferType(address: number): TypeInference | undefined {
    if (!this.module) return undefined;
    const h = readTinyGoHeader(this.mem, address);
    this.#mapTypes ??= tinygoMapTypes(this.mem, this.module, this.#types);
    return inferTinyGoMapType(h, this.#fnName(h.keyHash.index), this.#mapTypes);
  }

  #fnName(slot: number): string | undefined {
    if (!this.module) return undefined;
    // The last two slots asked (a snapshot asks for keyHash then keyEqual) answer without hashing.
    if (slot === this.#recent0) return this.#recentName0;
    if (slot === this.#recent1) return this.#recentName1;
    let name = this.#fnNames.get(slot);
    if (name === undefined) this.#fnNames.set(slot, name = tableFunctionName(this.module, slot) ?? null);
    this.#recent1 = this.#recent0;
    this.#recentName1 = this.#recentName0;
    this.#recent0 = slot;
    return this.#recentName0 = name ?? undefined;
  }

  #checkType(address: number, keySize: number, valueSize: number, t: GoType): void {
    const alg = tinygoKeyAlgorithm(t.key!);
    const stored = alg === "interface" ? 8 : t.key!.size;
    if (stored !== keySize || t.elem!.size !== valueSize) {
      throw new CorruptMapError(
        address,
        `type ${typeString(t)} stores ${stored}-byte keys and ${t.elem!.size}-byte values, ` +
          `but the header says keySize ${keySize} and valueSize ${valueSize}`,
      );
    }
  }

  /** What a snapshot derives from its map type alone, made once per type. */
  #perType = new PerType((t) => ({
    keyAlgorithm: tinygoKeyAlgorithm(t.key!),
    keyType: typeString(t.key!),
    elemType: typeString(t.elem!),
    table: this.#tableBuilder(t),
  }));

  /** Key and value addresses of the snapshot being made (reused: snapshots are made one at a time). */
  #slots = new SlotList();
  #collect = (_b: number, k: number, v: number): void => {
    this.#slots.push(k, v);
  };

  /** The key reader of map type `t` when its keys are boxed (checked against the key type). */
  #boxedKey(t: GoType): { read: SlotReader; size: number } | undefined {
    const key = t.key!;
    if (tinygoKeyAlgorithm(key) !== "interface" || key.kind === "interface") return undefined;
    // A boxed key: an interface{} whose dynamic type must be the map's key type.
    const read: SlotReader = (_dv, _u8, k, budget) => {
      const boxed = decodeValue(this.mem, k, BOXED, this.iface, budget);
      if (!(boxed instanceof GoInterface) || boxed.type.kind !== key.kind || boxed.type.size !== key.size) {
        throw new CorruptMapError(k, `a boxed key is not a ${typeString(key)}`);
      }
      return boxed.value;
    };
    return { read, size: BOXED.size };
  }

  /** The entry decoder of map type `t` (boxed keys checked against the key type). */
  #decoder(t: GoType): EntryDecoder {
    return entryDecoder(this.mem, t, this.iface, this.#boxedKey(t));
  }

  /** The entry table builder of map type `t` (boxed keys checked against the key type). */
  #tableBuilder(t: GoType): EntryTableBuilder {
    return new EntryTableBuilder(this.mem, t, this.iface, this.#boxedKey(t));
  }

  walk(address: number, _type: GoType | undefined, visit: (k: number, v: number) => void): number {
    const h = readTinyGoHeader(this.mem, address);
    walkTinyGo(this.mem, address, h, (_b, k, v) => visit(k, v));
    return h.count;
  }

  entries(address: number, t: GoType): IterableIterator<MapEntry> {
    return new EntryIterator(() => {
      const h = readTinyGoHeader(this.mem, address);
      this.#checkType(address, h.keySize, h.valueSize, t);
      // a list of its own (iteration may be suspended while snapshots are made), sized once
      const list = new SlotList();
      list.reserve(h.count);
      walkTinyGo(this.mem, address, h, (_b, k, v) => list.push(k, v));
      return list;
    }, this.#decoder(t));
  }

  snapshot(address: number, type: GoType | undefined, options: FamilySnapshotOptions): TinyGoSnapshot {
    const h = readTinyGoFields(this.mem, address);
    const bucketCount = bucketCountOf(h.bucketBits);
    const per = type ? this.#perType.of(type) : undefined;
    const keyAlgorithm = per?.keyAlgorithm;
    const overflowBuckets = countOverflowBuckets(this.mem, address, h);
    if (h.count > 8 * (bucketCount + overflowBuckets)) {
      throw new CorruptMapError(
        address,
        `count ${h.count} is more than the ${8 * (bucketCount + overflowBuckets)} slots of its buckets`,
      );
    }
    const tinygo = new TinyGoFacts(
      bucketCount,
      bucketSize(h),
      h.buckets,
      h.count / (8 * bucketCount),
      overflowBuckets,
      this.#fnName(h.keyHash),
      this.#fnName(h.keyEqual),
      keyAlgorithm,
    );
    if (type && keyAlgorithm) {
      this.#checkType(address, h.keySize, h.valueSize, type);
      const expect = HASH_FUNCTION[keyAlgorithm];
      if (tinygo.keyHash && tinygo.keyHash !== expect) {
        throw new CorruptMapError(
          address,
          `type ${typeString(type)} hashes keys with ${expect}, but the map's keyHash is ${tinygo.keyHash}`,
        );
      }
    }
    let table: EntryTable | undefined;
    let truncated: string | undefined;
    if (options.entries && type) {
      // Count first (the walk checks every slot against count), decode after, within the budget.
      const slots = this.#slots;
      slots.clear();
      walkTinyGo(this.mem, address, h, this.#collect);
      const budget = new DecodeBudget(options.budget ?? snapshotBudget(h.count));
      const builder = per!.table;
      builder.begin(slots.pairs);
      try {
        truncated = decodeWithin(slots, builder, budget).truncated;
      } finally {
        slots.release();
        table = builder.finish();
      }
    }
    return new SnapshotRecord(
      "tinygo",
      options.name,
      options.origin,
      address,
      h.count,
      h,
      undefined,
      tinygo,
      per?.keyType,
      per?.elemType,
      table,
      truncated,
      options.occupancy
        ? { unit: "bucket" as const, cells: tinygoOccupancy(this.mem, address, h), tableStarts: [0] }
        : undefined,
    );
  }
}
