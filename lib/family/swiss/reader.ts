/**
 * Go's half of the map reader: snapshots of swiss maps (header, directory and tables, group
 * layout, entries), the typed walk, and type descriptors named through the module's type data.
 *
 * @module
 */
import { CorruptMapError, DecodeBudgetError, MapscopeError } from "../../errors.ts";
import type { GuestMemory } from "../../memory.ts";
import { type GoType, typeString } from "../../model/gotype.ts";
import type { MapEntry, SwissDerived, SwissSnapshot, SwissTable } from "../../model/snapshot.ts";
import type { Toolchain } from "../../model/toolchain.ts";
import { DecodeBudget, type InterfaceReader } from "../../types/decode.ts";
import { decodeWithin, snapshotBudget } from "../budget.ts";
import { SlotList } from "../_slot_list.ts";
import { EntryIterator } from "../_entry_iterator.ts";
import { type EntryDecoder, entryDecoder } from "../../types/entry.ts";
import { type EntryTable, EntryTableBuilder } from "../../types/entry_table.ts";
import { SnapshotRecord } from "../_snapshot_record.ts";
import type { ModuleInfo } from "../../wasm/module.ts";
import type { FamilyReader, FamilySnapshotOptions } from "../family.ts";
import { computeGeometry, type GroupGeometry } from "./geometry.ts";
import { PerType } from "../per_type.ts";
import { readSwissHeader } from "./header.ts";
import { AbiTypes } from "./types.ts";
import { slotVisitor, swissOccupancy, swissTables, walkSwissSlots } from "./walk.ts";
import { keepShape } from "../../_keep_shape.ts";

/** A snapshot's swiss facts, made by `new` so that V8 never allocates them old (see ../_fresh.ts). */
class SwissFacts implements SwissDerived {
  constructor(
    public small: boolean,
    public tables: SwissTable[],
    public groupLayout: "interleaved" | "split",
    public groupSize: number,
  ) {}
}

// one kept, so that the shape of its objects outlives every run (see ../../_keep_shape.ts)
keepShape(new SwissFacts(false, [], "interleaved", 0));

/** Reads swiss maps of one Go module's memory. */
export class SwissReader implements FamilyReader {
  /** The module's type descriptors. */
  readonly types: AbiTypes;
  readonly iface: InterfaceReader;
  #split: boolean;

  /** Creates a reader for a Go module's memory. */
  constructor(readonly mem: GuestMemory, toolchain: Toolchain, module?: ModuleInfo) {
    this.types = new AbiTypes(mem, toolchain.layout === "go1.26" ? "go1.26" : "go1.27", module);
    this.#split = toolchain.layout === "go1.27-mapsplitgroup";
    this.iface = {
      typeAt: (w) => {
        try {
          return this.types.read(w);
        } catch (e) {
          if (e instanceof MapscopeError) return undefined;
          throw e;
        }
      },
      inline: (t) => t.descriptor !== undefined && this.types.directIface(t.descriptor),
    };
  }

  typeAt(descriptor: number): GoType {
    const t = this.types.read(descriptor);
    this.types.nameTypes();
    return t;
  }

  /** The group geometry for a map type: from its descriptor, else computed for this toolchain. */
  geometry(t: GoType): GroupGeometry {
    const computed = computeGeometry(t.key!, t.elem!, this.#split ? "split" : "interleaved");
    if (t.descriptor === undefined) return computed;
    // The runtime's own geometry must be the one its compiler computes for these key and elem
    // types in this toolchain's group layout: a wrong layout or a corrupted descriptor stops here.
    const g = this.types.geometry(t.descriptor);
    for (const k of Object.keys(computed) as (keyof GroupGeometry)[]) {
      if (g[k] !== computed[k]) {
        throw new CorruptMapError(
          t.descriptor,
          `abi.MapType says ${k} ${g[k]}, but a ${computed.layout} group of these key and elem types has ${
            computed[k]
          }`,
        );
      }
    }
    return g;
  }

  /** What a snapshot derives from its map type alone, made once per type. */
  #perType = new PerType((t) => {
    const geo = this.geometry(t);
    return {
      geo,
      keyType: typeString(t.key!),
      elemType: typeString(t.elem!),
      table: new EntryTableBuilder(this.mem, t, this.iface),
      rethrow: (err: unknown, k: number): unknown =>
        err instanceof MapscopeError && !(err instanceof DecodeBudgetError)
          ? new CorruptMapError(k, `cannot decode an entry as ${typeString(t)}: ${err.message}`)
          : err,
      collect: slotVisitor(this.mem, geo, this.#collect),
    };
  });

  /** Key and elem addresses of the snapshot being made (reused: snapshots are made one at a time). */
  #slots = new SlotList();
  #collect = (k: number, e: number): void => {
    this.#slots.push(k, e);
  };

  /** The entry decoder of map type `t`: a slot that cannot be decoded is a {@linkcode CorruptMapError}. */
  #decoder(t: GoType): EntryDecoder {
    const decode = entryDecoder(this.mem, t, this.iface);
    return (k, e, budget) => {
      try {
        return decode(k, e, budget);
      } catch (err) {
        if (err instanceof MapscopeError && !(err instanceof DecodeBudgetError)) {
          throw new CorruptMapError(k, `cannot decode an entry as ${typeString(t)}: ${err.message}`);
        }
        throw err;
      }
    };
  }

  walk(address: number, type: GoType | undefined, visit: (k: number, e: number) => void): number {
    if (!type) {
      throw new MapscopeError(
        "a swiss map cannot be walked without its type: pass a descriptor or expression",
      );
    }
    const h = readSwissHeader(this.mem, address);
    const geo = this.geometry(type);
    return walkSwissSlots(this.mem, address, h, geo.groupSize, slotVisitor(this.mem, geo, visit));
  }

  entries(address: number, t: GoType): IterableIterator<MapEntry> {
    return new EntryIterator(() => {
      const h = readSwissHeader(this.mem, address);
      const geo = this.geometry(t);
      // a list of its own (iteration may be suspended while snapshots are made), sized once
      const list = new SlotList();
      list.reserve(h.used);
      walkSwissSlots(
        this.mem,
        address,
        h,
        geo.groupSize,
        slotVisitor(this.mem, geo, (k, e) => list.push(k, e)),
      );
      return list;
    }, this.#decoder(t));
  }

  snapshot(address: number, type: GoType | undefined, options: FamilySnapshotOptions): SwissSnapshot {
    const h = readSwissHeader(this.mem, address);
    const tables = swissTables(this.mem, address, h);
    const per = type ? this.#perType.of(type) : undefined;
    const geo = per?.geo;
    let table: EntryTable | undefined;
    let truncated: string | undefined;
    if (type && geo) {
      const keep = options.entries === true;
      // Count first (the walk checks the slots against `used` even when entries are not kept),
      // decode after, within the budget.
      const slots = this.#slots;
      slots.clear();
      walkSwissSlots(this.mem, address, h, geo.groupSize, keep ? per!.collect : () => {}, tables);
      if (keep) {
        const budget = new DecodeBudget(options.budget ?? snapshotBudget(h.used));
        const builder = per!.table;
        builder.begin(slots.pairs);
        try {
          truncated = decodeWithin(slots, builder, budget, per!.rethrow).truncated;
        } finally {
          slots.release();
          table = builder.finish();
        }
      }
    }
    return new SnapshotRecord(
      "go",
      options.name,
      options.origin,
      address,
      h.used,
      h,
      new SwissFacts(
        h.dirLen === 0,
        tables,
        geo?.layout ?? (this.#split ? "split" : "interleaved"),
        geo?.groupSize ?? 0,
      ),
      undefined,
      per?.keyType,
      per?.elemType,
      table,
      truncated,
      options.occupancy && geo
        ? { unit: "group" as const, ...swissOccupancy(this.mem, address, h, geo.groupSize) }
        : undefined,
    );
  }
}
