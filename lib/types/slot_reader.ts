/**
 * Monomorphic readers of map slots: for each key or value kind, one small function that reads a
 * slot straight out of a DataView, with no per-value bounds-check call, type switch or
 * allocation beyond the value itself. Kinds without a fast reader fall back to
 * {@linkcode decodeValue}.
 *
 * Only for slot addresses a walk has already bounds-checked (the whole bucket, group or table
 * array is inside memory); what a slot points to (string bytes) is checked here.
 *
 * @module
 */
import { MemoryAccessError } from "../errors.ts";
import { type GuestMemory, utf8Text } from "../memory.ts";
import type { GoType } from "../model/gotype.ts";
import type { GoValue } from "../model/values.ts";
import { type DecodeBudget, decodeValue, type InterfaceReader, STRING_COST } from "./decode.ts";

/** Reads the value in the slot at `addr` (memory as `dv`/`u8` of the current buffer). */
export type SlotReader = (dv: DataView, u8: Uint8Array, addr: number, budget: DecodeBudget) => GoValue;

/** Where the bytes of the string slot {@linkcode readStringSlot} read last are (one object, reused). */
export const STRING_SLOT = { ptr: 0, len: 0 };

/**
 * Reads the string header (pointer, length) at `addr` into {@linkcode STRING_SLOT}: a set high
 * word or bytes outside memory throw {@linkcode MemoryAccessError}, and the bytes are paid for
 * from `budget` (which throws `DecodeBudgetError` when it runs out).
 */
export function readStringSlot(
  dv: DataView,
  u8: Uint8Array,
  addr: number,
  ptrSize: 4 | 8,
  budget: DecodeBudget,
): void {
  const ptr = dv.getUint32(addr, true);
  let len: number;
  if (ptrSize === 4) len = dv.getUint32(addr + 4, true);
  else {
    if (dv.getUint32(addr + 4, true) !== 0) throw new MemoryAccessError(addr, 8, u8.length);
    len = dv.getUint32(addr + 8, true);
    if (dv.getUint32(addr + 12, true) !== 0) throw new MemoryAccessError(ptr, 2 ** 32, u8.length);
  }
  STRING_SLOT.ptr = ptr;
  STRING_SLOT.len = len;
  if (len === 0) return;
  if (ptr + len > u8.length) throw new MemoryAccessError(ptr, len, u8.length);
  budget.spend(STRING_COST * len);
}

function stringReader(ptrSize: 4 | 8): SlotReader {
  return (dv, u8, addr, budget) => {
    readStringSlot(dv, u8, addr, ptrSize, budget);
    const { ptr, len } = STRING_SLOT;
    return len === 0 ? "" : utf8Text(u8, ptr, len);
  };
}

/**
 * The reader for slots of type `t` in `mem` (pointer size from `mem`), decoding interfaces with
 * `iface`.
 */
export function slotReader(mem: GuestMemory, t: GoType, iface?: InterfaceReader): SlotReader {
  const wide = mem.ptrSize === 8;
  switch (t.kind) {
    case "bool":
      return (dv, _u, a) => dv.getUint8(a) !== 0;
    case "int8":
      return (dv, _u, a) => dv.getInt8(a);
    case "uint8":
      return (_d, u8, a) => u8[a]!;
    case "int16":
      return (dv, _u, a) => dv.getInt16(a, true);
    case "uint16":
      return (dv, _u, a) => dv.getUint16(a, true);
    case "int32":
      return (dv, _u, a) => dv.getInt32(a, true);
    case "uint32":
      return (dv, _u, a) => dv.getUint32(a, true);
    case "int64":
      return (dv, _u, a) => dv.getBigInt64(a, true);
    case "uint64":
      return (dv, _u, a) => dv.getBigUint64(a, true);
    case "int":
      return wide ? (dv, _u, a) => dv.getBigInt64(a, true) : (dv, _u, a) => dv.getInt32(a, true);
    case "uint":
    case "uintptr":
      return wide ? (dv, _u, a) => dv.getBigUint64(a, true) : (dv, _u, a) => dv.getUint32(a, true);
    case "float32":
      return (dv, _u, a) => dv.getFloat32(a, true);
    case "float64":
      return (dv, _u, a) => dv.getFloat64(a, true);
    case "string":
      return stringReader(mem.ptrSize);
    default:
      return (_d, _u, a, budget) => decodeValue(mem, a, t, iface, budget);
  }
}

/** The integer kinds: read by a fast reader, and encoded as JSON by `String`. */
export const INTEGER_KINDS: ReadonlySet<string> = new Set([
  "int8",
  "uint8",
  "int16",
  "uint16",
  "int32",
  "uint32",
  "int64",
  "uint64",
  "int",
  "uint",
  "uintptr",
]);

/** Whether `t` is read by a fast reader whose values always encode to JSON without error. */
export function isScalarKind(t: GoType): boolean {
  return INTEGER_KINDS.has(t.kind) || t.kind === "bool" || t.kind === "float32" || t.kind === "float64" ||
    t.kind === "string";
}
