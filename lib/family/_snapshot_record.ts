/**
 * The record both families' readers make a snapshot as: one class (one shape for every map a
 * report writes), made by `new` so that V8 never allocates it old (see `_fresh.ts`). Its entries
 * are made from its entry table when first read.
 *
 * @module
 */
import type { MapEntry, Occupancy } from "../model/snapshot.ts";
import { ENTRY_TABLE, type EntryTable, type WithEntryTable } from "../types/entry_table.ts";
import { keepShape } from "../_keep_shape.ts";

/**
 * A snapshot a reader made: family `F`, header `H`, and the facts of its own family (`S` for
 * swiss, `T` for TinyGo; the other one undefined).
 */
export class SnapshotRecord<F extends "go" | "tinygo", H, S, T> implements WithEntryTable {
  #table: EntryTable | undefined;
  #entries: readonly MapEntry[] | undefined;
  /** Made by a family reader; `table` holds the entries, when the snapshot was taken with them. */
  constructor(
    readonly family: F,
    readonly name: string | undefined,
    readonly origin: string | undefined,
    readonly address: number,
    readonly len: number,
    readonly header: H,
    readonly swiss: S,
    readonly tinygo: T,
    readonly keyType: string | undefined,
    readonly elemType: string | undefined,
    table: EntryTable | undefined,
    readonly truncated: string | undefined,
    readonly occupancy: Occupancy | undefined,
  ) {
    this.#table = table;
  }
  /** The entries, made from the table when first read (see `MapSnapshot.entries`). */
  get entries(): readonly MapEntry[] | undefined {
    return this.#entries ??= this.#table?.entries();
  }
  /** The entry table, if the snapshot was taken with entries. */
  [ENTRY_TABLE](): EntryTable | undefined {
    return this.#table;
  }
  /** The snapshot as a plain object, its entries included (for `JSON.stringify`). */
  toJSON(): object {
    return { ...this, entries: this.entries };
  }
}

// one kept, so that the shape of its objects outlives every run (see ../_keep_shape.ts)
keepShape(new SnapshotRecord("go", "", "", 0, 0, {}, {}, undefined, "", "", undefined, undefined, undefined));
