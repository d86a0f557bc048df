/**
 * The swiss-table walk: a small map's single group, or the directory's distinct tables (each
 * visited once, by its `index`), their groups, and every full slot (control byte 0b0hhhhhhh),
 * bounded by memory and checked against the header's `used`.
 *
 * Sources: go1.26.8 and go1.27.3 `src/internal/runtime/maps/map.go` (directory), `table.go`
 * (table, groups), `group.go` (control bytes, slots).
 *
 * @module
 */
import { freshArray } from "../_fresh.ts";
import { CorruptMapError } from "../../errors.ts";
import type { GuestMemory } from "../../memory.ts";
import type { SwissTable } from "../../model/snapshot.ts";
import type { GroupGeometry } from "./geometry.ts";
import { SWISS_MAP, type SwissHeader, u53 } from "./header.ts";
import { keepShape } from "../../_keep_shape.ts";

/** A table never holds more than 1024 slots; past that it splits (table.go maxTableCapacity). */
export const MAX_TABLE_CAPACITY = 1024;

/** A signed 64-bit integer as a number from two 32-bit reads (no bigint made; exact below 2^53). */
function i53(mem: GuestMemory, at: number): number {
  const hi = mem.i32(at + 4);
  const lo = mem.u32(at);
  return hi === 0 ? lo : hi * 4294967296 + lo;
}

/**
 * The distinct tables of a map with a directory, in directory order. Throws
 * {@linkcode CorruptMapError} for a directory or table outside memory, or indexes and depths that
 * cannot be right.
 */
export function swissTables(mem: GuestMemory, address: number, h: SwissHeader): SwissTable[] {
  if (h.dirLen === 0) return freshArray<SwissTable>();
  // found into a scratch list and copied at the end: an array of exactly the tables found
  const out = TABLES;
  let n = 0;
  const T = SWISS_MAP.table;
  if (!mem.contains(h.dirPtr, 8 * h.dirLen)) {
    throw new CorruptMapError(address, "directory is outside memory");
  }
  for (let i = 0; i < h.dirLen; i++) {
    const t = mem.ptr(h.dirPtr + 8 * i);
    if (!mem.contains(t, T.size)) {
      throw new CorruptMapError(address, `directory slot ${i} points outside memory`);
    }
    const index = i53(mem, t + T.index);
    if (index > i || index < 0) throw new CorruptMapError(address, `table in slot ${i} has index ${index}`);
    if (index !== i) continue;
    const localDepth = mem.u8(t + T.localDepth);
    if (localDepth > h.globalDepth) {
      throw new CorruptMapError(
        address,
        `table localDepth ${localDepth} exceeds globalDepth ${h.globalDepth}`,
      );
    }
    const table = new SwissTableRecord(
      t,
      index,
      mem.u16(t + T.used),
      mem.u16(t + T.capacity),
      mem.u16(t + T.growthLeft),
      localDepth,
      mem.ptr(t + T.groupsData),
    );
    const c = table.capacity;
    if (c < 8 || c > MAX_TABLE_CAPACITY || (c & (c - 1)) !== 0) {
      throw new CorruptMapError(
        address,
        `table in slot ${i} has capacity ${c} (a power of 2, 8 to ${MAX_TABLE_CAPACITY})`,
      );
    }
    if (table.used > c || table.growthLeft > c) {
      throw new CorruptMapError(
        address,
        `table in slot ${i}: used ${table.used} / growthLeft ${table.growthLeft} over capacity ${c}`,
      );
    }
    out[n++] = table;
  }
  let total = 0;
  for (let i = 0; i < n; i++) total += out[i]!.used;
  if (total !== h.used) {
    throw new CorruptMapError(address, `the tables hold ${total} entries but used is ${h.used}`);
  }
  // its storage is kept (length 0 would let it go), and with it the last map's tables until overwritten
  return out.slice(0, n);
}

/** The scratch list of {@linkcode swissTables} (tables are read one map at a time; only its first `n` are this map's). */
const TABLES: SwissTable[] = [];

/** One table of a directory, made by `new` so that V8 never allocates it old (see ../_fresh.ts). */
class SwissTableRecord implements SwissTable {
  constructor(
    public address: number,
    public index: number,
    public used: number,
    public capacity: number,
    public growthLeft: number,
    public localDepth: number,
    public groups: number,
  ) {}
}

// one kept, so that the shape of its objects outlives every run (see ../../_keep_shape.ts)
keepShape(new SwissTableRecord(0, 0, 0, 0, 0, 0, 0));

/** Visits the full slots of the group at `g`; returns `found` plus them (no more than `used`). */
function walkGroup(
  bytes: Uint8Array,
  g: number,
  groupSize: number,
  found: number,
  address: number,
  used: number,
  visit: (group: number, slot: number) => void,
): number {
  if (g + groupSize > bytes.length) {
    throw new CorruptMapError(address, `group 0x${g.toString(16)} is outside memory`);
  }
  for (let s = 0; s < 8; s++) {
    if ((bytes[g + s]! & 0x80) === 0) {
      if (++found > used) throw new CorruptMapError(address, `more full slots than used (${used})`);
      visit(g, s);
    }
  }
  return found;
}

/**
 * Calls `visit(group, slot)` for every full slot; returns how many. Checks the count against
 * `used`, and every group against memory. `tables` are the map's tables if the caller has read them.
 */
export function walkSwissSlots(
  mem: GuestMemory,
  address: number,
  h: SwissHeader,
  groupSize: number,
  visit: (group: number, slot: number) => void,
  tables: readonly SwissTable[] = h.dirLen === 0 ? [] : swissTables(mem, address, h),
): number {
  const bytes = mem.u8array();
  let found = 0;
  if (h.dirLen === 0) {
    if (h.dirPtr !== 0) found = walkGroup(bytes, h.dirPtr, groupSize, found, address, h.used, visit);
  } else {
    for (const t of tables) {
      // inside the table swissTables checked against memory
      const n = u53(mem.dataView(), t.address + SWISS_MAP.table.groupsLengthMask) + 1;
      if (n * 8 !== t.capacity) {
        throw new CorruptMapError(
          address,
          `table at 0x${t.address.toString(16)}: ${n} groups but capacity ${t.capacity}`,
        );
      }
      for (let j = 0; j < n; j++) {
        found = walkGroup(bytes, t.groups + j * groupSize, groupSize, found, address, h.used, visit);
      }
    }
  }
  if (found !== h.used) throw new CorruptMapError(address, `found ${found} full slots but used is ${h.used}`);
  return found;
}

/**
 * A `walkSwissSlots` visitor that passes each full slot's key and elem addresses to `visit`
 * (following indirect keys and elems), without allocating per slot.
 */
export function slotVisitor(
  mem: GuestMemory,
  geo: GroupGeometry,
  visit: (keyAddr: number, elemAddr: number) => void,
): (group: number, slot: number) => void {
  const { keysOff, keyStride, elemsOff, elemStride, indirectKey, indirectElem } = geo;
  if (!indirectKey && !indirectElem) {
    return (g, s) => visit(g + keysOff + s * keyStride, g + elemsOff + s * elemStride);
  }
  return (g, s) => {
    let k = g + keysOff + s * keyStride;
    let e = g + elemsOff + s * elemStride;
    if (indirectKey) k = mem.ptr(k);
    if (indirectElem) e = mem.ptr(e);
    visit(k, e);
  };
}

/**
 * One cell per group (a small map's one group, or each table's groups in directory order): full
 * slots (low four bits) and deleted slots (high four bits), from the control bytes alone.
 */
export function swissOccupancy(
  mem: GuestMemory,
  address: number,
  h: SwissHeader,
  groupSize: number,
): { cells: Uint8Array; tableStarts: number[] } {
  const bytes = mem.u8array();
  const groups: number[] = [];
  const tableStarts: number[] = [];
  if (h.dirLen === 0) {
    tableStarts.push(0);
    if (h.dirPtr !== 0) groups.push(h.dirPtr);
  } else {
    for (const t of swissTables(mem, address, h)) {
      tableStarts.push(groups.length);
      for (let j = 0; j < t.capacity / 8; j++) groups.push(t.groups + j * groupSize);
    }
  }
  const cells = new Uint8Array(groups.length);
  groups.forEach((g, i) => {
    if (g + 8 > bytes.length) {
      throw new CorruptMapError(address, `group 0x${g.toString(16)} is outside memory`);
    }
    let full = 0;
    let deleted = 0;
    for (let s = 0; s < 8; s++) {
      const c = bytes[g + s]!;
      if ((c & 0x80) === 0) full++;
      else if (c === SWISS_MAP.ctrl.deleted) deleted++;
    }
    cells[i] = full | (deleted << 4);
  });
  return { cells, tableStarts };
}
