/**
 * Decoding Go values from linear memory, given their type.
 *
 * @module
 */
import { CorruptMapError } from "../errors.ts";
import type { GuestMemory } from "../memory.ts";
import type { GoType } from "../model/gotype.ts";
import { GoInterface, GoRef, GoSlice, type GoValue } from "../model/values.ts";

/**
 * How a runtime's interface values are read: the dynamic type, and where its data is.
 *
 * @example
 * ```ts
 * import { decodeValue, type InterfaceReader, parseGoType } from "@mapscope/mapscope/types";
 * import { GuestMemory } from "@mapscope/mapscope";
 * const bytes = new Uint8Array(64);
 * new DataView(bytes.buffer).setUint32(0, 7, true); // type word 7
 * new DataView(bytes.buffer).setUint32(4, 42, true); // data word: the int32 itself
 * const int32 = parseGoType("int32", 4);
 * const iface: InterfaceReader = { typeAt: (w) => (w === 7 ? int32 : undefined), inline: () => true };
 * console.log(decodeValue(new GuestMemory(bytes, 4), 0, parseGoType("any", 4), iface)); // GoInterface { value: 42 }
 * ```
 */
export interface InterfaceReader {
  /** The type behind an interface's type word, or undefined if it cannot be read. */
  typeAt(typeWord: number): GoType | undefined;
  /** Whether a value of type `t` is stored in the data word itself rather than pointed to. */
  inline(t: GoType): boolean;
}

/** Limits for decoding slices (elements decoded per slice). */
const MAX_SLICE_ITEMS = 1 << 16;

/**
 * Decodes the value of type `t` at `addr`.
 *
 * @example
 * ```ts
 * import { GuestMemory } from "@mapscope/mapscope";
 * import { decodeValue, parseGoType } from "@mapscope/mapscope/types";
 * const mem = new GuestMemory(new Uint8Array([42, 0, 0, 0]), 4);
 * console.log(decodeValue(mem, 0, parseGoType("int32", 4))); // 42
 * ```
 */
export function decodeValue(
  mem: GuestMemory,
  addr: number,
  t: GoType,
  iface?: InterfaceReader,
  depth = 0,
): GoValue {
  if (depth > 32) throw new CorruptMapError(addr, "value nesting deeper than 32");
  const p = mem.ptrSize;
  switch (t.kind) {
    case "bool":
      return mem.u8(addr) !== 0;
    case "int8":
      return mem.i8(addr);
    case "uint8":
      return mem.u8(addr);
    case "int16":
      return mem.i16(addr);
    case "uint16":
      return mem.u16(addr);
    case "int32":
      return mem.i32(addr);
    case "uint32":
      return mem.u32(addr);
    case "int64":
      return mem.i64(addr);
    case "uint64":
      return mem.u64(addr);
    case "int":
      return p === 4 ? mem.i32(addr) : mem.i64(addr);
    case "uint":
    case "uintptr":
      return p === 4 ? mem.u32(addr) : mem.u64(addr);
    case "float32":
      return mem.f32(addr);
    case "float64":
      return mem.f64(addr);
    case "complex64":
      return [mem.f32(addr), mem.f32(addr + 4)];
    case "complex128":
      return [mem.f64(addr), mem.f64(addr + 8)];
    case "string": {
      const ptr = mem.ptr(addr);
      const len = p === 4 ? mem.u32(addr + 4) : Number(mem.u64(addr + 8));
      if (len === 0) return "";
      return mem.text(ptr, len);
    }
    case "pointer":
    case "map":
    case "chan":
    case "unsafe.Pointer":
      return new GoRef(t.kind, mem.ptr(addr));
    case "func":
      return new GoRef("func", p === 4 ? mem.u32(addr + 4) : mem.ptr(addr));
    case "array": {
      const out: GoValue[] = [];
      for (let i = 0; i < t.len!; i++) {
        out.push(decodeValue(mem, addr + i * t.elem!.size, t.elem!, iface, depth + 1));
      }
      return out;
    }
    case "struct": {
      const out: { [field: string]: GoValue } = {};
      for (const f of t.fields!) out[f.name] = decodeValue(mem, addr + f.offset, f.type, iface, depth + 1);
      return out;
    }
    case "slice": {
      const ptr = mem.ptr(addr);
      const len = Number(p === 4 ? mem.u32(addr + 4) : mem.u64(addr + 8));
      const cap = Number(p === 4 ? mem.u32(addr + 8) : mem.u64(addr + 16));
      if (ptr === 0) return null;
      const n = Math.min(len, MAX_SLICE_ITEMS);
      if (t.elem!.kind === "uint8" && !t.elem!.name) return new GoSlice(ptr, len, cap, mem.bytes(ptr, n));
      const items: GoValue[] = [];
      for (let i = 0; i < n; i++) {
        items.push(decodeValue(mem, ptr + i * t.elem!.size, t.elem!, iface, depth + 1));
      }
      return new GoSlice(ptr, len, cap, items);
    }
    case "interface": {
      const typeWord = mem.ptr(addr);
      const data = mem.ptr(addr + p);
      if (typeWord === 0) return null;
      const dyn = iface?.typeAt(typeWord);
      if (!dyn) return new GoRef("interface", data);
      if (dyn.size === 0) return new GoInterface(dyn, decodeValue(mem, addr + p, dyn, iface, depth + 1));
      const at = iface!.inline(dyn) ? addr + p : data;
      return new GoInterface(dyn, decodeValue(mem, at, dyn, iface, depth + 1));
    }
  }
}
