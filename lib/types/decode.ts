/**
 * Decoding Go values from linear memory, given their type.
 *
 * @module
 */
import { CorruptMapError, DecodeBudgetError, MemoryAccessError } from "../errors.ts";
import type { GuestMemory } from "../memory.ts";
import type { GoType } from "../model/gotype.ts";
import { GoInterface, GoRef, GoSlice, type GoValue } from "../model/values.ts";
import { keepShape } from "../_keep_shape.ts";

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

/** What one decoded value costs at least, in budget bytes (a node of the decoded tree). */
const NODE_COST = 8;
/** What a byte of string costs: the text, and its JSON (escapes make it up to 6 characters). */
export const STRING_COST = 4;

/**
 * The default budget of one top-level decode (a panic value, one dereference): 16 MiB.
 *
 * @example
 * ```ts
 * import { DEFAULT_DECODE_BUDGET } from "@mapscope/mapscope/types";
 * console.log(DEFAULT_DECODE_BUDGET); // 16777216
 * ```
 */
export const DEFAULT_DECODE_BUDGET = 16 << 20;

/**
 * A budget of bytes for decoding: every decoded value costs at least 8, strings and byte slices
 * four times their length (the text and its JSON). When it runs out, decoding stops with {@linkcode DecodeBudgetError}, so that a
 * corrupted length or a huge array costs bounded time and memory.
 *
 * @example
 * ```ts
 * import { DecodeBudget } from "@mapscope/mapscope/types";
 * const b = new DecodeBudget(100);
 * b.spend(60);
 * console.log(b.left); // 40
 * ```
 */
export class DecodeBudget {
  /** Creates a budget of `left` bytes. */
  constructor(public left: number) {}
  /**
   * Spends `n` bytes; throws {@linkcode DecodeBudgetError} when the budget is exceeded.
   * Throws {@linkcode DecodeBudgetError} when the budget is exceeded.
   */
  spend(n: number): void {
    this.left -= n;
    if (this.left < 0) throw new DecodeBudgetError();
  }
}

// one kept, so that the shape of its objects outlives every run (see ../_keep_shape.ts)
keepShape(new DecodeBudget(1));

/**
 * Decodes the value of type `t` at `addr`.
 * Throws {@linkcode MemoryAccessError} for a value or a part of it outside memory, {@linkcode
 * CorruptMapError} for a value that cannot be of its type (nesting over 32, a slice longer than its
 * capacity), and {@linkcode DecodeBudgetError} when the budget runs out.
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
  budget: DecodeBudget = new DecodeBudget(DEFAULT_DECODE_BUDGET),
): GoValue {
  return decode(mem, addr, t, iface, budget, 0);
}

function decode(
  mem: GuestMemory,
  addr: number,
  t: GoType,
  iface: InterfaceReader | undefined,
  budget: DecodeBudget,
  depth: number,
): GoValue {
  if (depth > 32) throw new CorruptMapError(addr, "value nesting deeper than 32");
  budget.spend(NODE_COST);
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
      if (!mem.contains(ptr, len)) throw new MemoryAccessError(ptr, len, mem.size);
      budget.spend(STRING_COST * len);
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
      if (!mem.contains(addr, t.size)) throw new MemoryAccessError(addr, t.size, mem.size);
      const out: GoValue[] = [];
      for (let i = 0; i < t.len!; i++) {
        out.push(decode(mem, addr + i * t.elem!.size, t.elem!, iface, budget, depth + 1));
      }
      return out;
    }
    case "struct": {
      const out: { [field: string]: GoValue } = {};
      for (const f of t.fields!) out[f.name] = decode(mem, addr + f.offset, f.type, iface, budget, depth + 1);
      return out;
    }
    case "slice": {
      const ptr = mem.ptr(addr);
      const len = Number(p === 4 ? mem.u32(addr + 4) : mem.u64(addr + 8));
      const cap = Number(p === 4 ? mem.u32(addr + 8) : mem.u64(addr + 16));
      if (ptr === 0) return null;
      if (len > cap) throw new CorruptMapError(addr, `slice with len ${len} over cap ${cap}`);
      const n = Math.min(len, MAX_SLICE_ITEMS);
      if (!mem.contains(ptr, n * t.elem!.size)) throw new MemoryAccessError(ptr, n * t.elem!.size, mem.size);
      if (t.elem!.kind === "uint8" && !t.elem!.name) {
        budget.spend(n);
        return new GoSlice(ptr, len, cap, mem.bytes(ptr, n));
      }
      const items: GoValue[] = [];
      for (let i = 0; i < n; i++) {
        items.push(decode(mem, ptr + i * t.elem!.size, t.elem!, iface, budget, depth + 1));
      }
      return new GoSlice(ptr, len, cap, items);
    }
    case "interface": {
      const typeWord = mem.ptr(addr);
      const data = mem.ptr(addr + p);
      if (typeWord === 0) return null;
      const dyn = iface?.typeAt(typeWord);
      if (!dyn) return new GoRef("interface", data);
      if (dyn.size === 0) return new GoInterface(dyn, decode(mem, addr + p, dyn, iface, budget, depth + 1));
      const at = iface!.inline(dyn) ? addr + p : data;
      return new GoInterface(dyn, decode(mem, at, dyn, iface, budget, depth + 1));
    }
  }
}
