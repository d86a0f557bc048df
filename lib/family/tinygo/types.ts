/**
 * Reads TinyGo 0.41.0's in-memory type descriptors (wasm32) into {@linkcode GoType}s.
 *
 * Source: tinygo v0.41.0 `src/internal/reflectlite/type.go`. Every descriptor starts with a meta
 * byte (kind in the low 5 bits, 32 = named, 64 = comparable, 128 = binary hash); a pointer type
 * may instead be encoded as the address of its element plus a tag of 1..3 in the low two bits.
 *
 * | descriptor  | wasm32 layout (offset: field)                                                    |
 * |-------------|----------------------------------------------------------------------------------|
 * | elemType    | 0 meta u8, 2 numMethod u16, 4 ptrTo, 8 elem (named, chan, slice)                  |
 * | ptrType     | 0 meta, 2 numMethod u16, 4 elem                                                   |
 * | arrayType   | 0 meta, 2 numMethod, 4 ptrTo, 8 elem, 12 arrayLen, 16 slicePtr                    |
 * | mapType     | 0 meta, 2 numMethod, 4 ptrTo, 8 elem, 12 key                                      |
 * | namedType   | 0 meta, 2 numMethod, 4 ptrTo, 8 elem (underlying), 12 pkg; then, if numMethod has |
 * |             | bit 15, a methodSet {length u32, methods[length] u32}; then "pkg.Name\0"          |
 * | structType  | 0 meta, 2 numMethod, 4 ptrTo, 8 pkgpath, 12 size u32, 16 numField u16,            |
 * |             | 20 fields[numField] of {fieldType u32, data u32}                                  |
 * | field data  | flags u8 (1 anonymous, 2 has tag, 4 exported, 8 embedded), offset uvarint32, name |
 *
 * @module
 */
import { CorruptMapError } from "../../errors.ts";
import { isFieldName } from "../_field_name.ts";
import type { GuestMemory } from "../../memory.ts";
import {
  basicLayout,
  type GoKind,
  type GoType,
  NUMERIC_KINDS,
  PREDECLARED_KINDS,
} from "../../model/gotype.ts";
import { readTypeGraph } from "../../types/read_type.ts";

/** TinyGo's reflectlite Kind numbering (type.go). */
export const TINYGO_KINDS: readonly GoKind[] = [
  "bool", // placeholder for Invalid (0), never returned
  ...NUMERIC_KINDS,
  "string",
  "unsafe.Pointer",
  "chan",
  "interface",
  "pointer",
  "slice",
  "array",
  "func",
  "map",
  "struct",
];

const FLAG_NAMED = 32;
const FLAG_BINARY = 128;
const HAS_METHOD_SET = 0x8000;
const FIELD_EXPORTED = 4;

/** Reads TinyGo type descriptors out of one module's memory, caching each by address. */
export class TinyGoTypes {
  #cache = new Map<number, GoType>();
  /** Creates a reader over a TinyGo module's memory. */
  constructor(readonly mem: GuestMemory) {}

  /** The meta byte of a descriptor (0 for a tagged pointer type). */
  meta(addr: number): number {
    return (addr & 3) !== 0 ? 0 : this.mem.u8(addr);
  }

  /** Whether TinyGo marked this type as hashed with the binary algorithm. */
  isBinary(addr: number): boolean {
    return (this.meta(addr) & FLAG_BINARY) !== 0;
  }

  /** The type described at `addr`. Throws {@linkcode CorruptMapError} for a non-descriptor. */
  read(addr: number): GoType {
    // A read either completes or leaves no trace: a half-built type never stays in the cache.
    return readTypeGraph(this.#cache, addr, (a, added) => this.#read(a, 0, added));
  }

  #read(addr: number, depth: number, added: number[]): GoType {
    const hit = this.#cache.get(addr);
    if (hit) return hit;
    if (depth > 64) throw new CorruptMapError(addr, "type descriptor nesting is deeper than 64");
    if (addr === 0) throw new CorruptMapError(addr, "nil type descriptor");
    const mem = this.mem;
    if ((addr & 3) !== 0) {
      const t: GoType = { kind: "pointer", size: 4, align: 4, descriptor: addr };
      this.#cache.set(addr, t);
      added.push(addr);
      t.elem = this.#read(addr - 1, depth + 1, added);
      return t;
    }
    const meta = mem.u8(addr);
    const k = meta & 31;
    if (k === 0 || k >= TINYGO_KINDS.length) {
      throw new CorruptMapError(addr, `not a TinyGo type descriptor (kind ${k})`);
    }
    if (meta & FLAG_NAMED) {
      const numMethod = mem.u16(addr + 2);
      let p = addr + 16;
      if (numMethod & HAS_METHOD_SET) p += 4 + 4 * mem.u32(p);
      const name = mem.cstring(p, 512);
      const under = this.#read(mem.u32(addr + 8), depth + 1, added);
      const t: GoType = { ...under, name: name.startsWith(".") ? name.slice(1) : name, descriptor: addr };
      this.#cache.set(addr, t);
      added.push(addr);
      return t;
    }
    const kind = TINYGO_KINDS[k];
    const t: GoType = { kind, size: 0, align: 1, descriptor: addr };
    this.#cache.set(addr, t);
    added.push(addr);
    const bl = basicLayout(kind, 4);
    if (bl) [t.size, t.align] = bl;
    switch (kind) {
      case "pointer":
        t.elem = this.#read(mem.u32(addr + 4), depth + 1, added);
        break;
      case "slice":
      case "chan":
        t.elem = this.#read(mem.u32(addr + 8), depth + 1, added);
        break;
      case "array":
        t.elem = this.#read(mem.u32(addr + 8), depth + 1, added);
        t.len = mem.u32(addr + 12);
        t.size = t.elem.size * t.len;
        t.align = t.elem.align;
        break;
      case "map":
        t.elem = this.#read(mem.u32(addr + 8), depth + 1, added);
        t.key = this.#read(mem.u32(addr + 12), depth + 1, added);
        break;
      case "struct": {
        t.size = mem.u32(addr + 12);
        const n = mem.u16(addr + 16);
        t.fields = [];
        for (let i = 0; i < n; i++) {
          const f = addr + 20 + 8 * i;
          const ft = this.#read(mem.u32(f), depth + 1, added);
          let d = mem.u32(f + 4);
          const flags = mem.u8(d++);
          let offset = 0;
          for (let shift = 0; shift < 35; shift += 7) {
            const b = mem.u8(d++);
            offset += (b & 0x7f) * 2 ** shift;
            if (!(b & 0x80)) break;
          }
          const name = mem.cstring(d, 256);
          if (!isFieldName(name)) throw new CorruptMapError(addr, `field ${i} has no Go name`);
          t.fields.push({ name, offset, type: ft, exported: (flags & FIELD_EXPORTED) !== 0 });
          t.align = Math.max(t.align, ft.align);
        }
        break;
      }
    }
    return t;
  }
}

/**
 * Whether TinyGo 0.41.0 hashes keys of type `t` with its binary algorithm (compiler/map.go
 * `hashmapIsBinaryKey`): bools, integers, pointers, and arrays and structs of only those. Strings
 * use the string algorithm; every other key (floats, complex, interfaces, structs or arrays with
 * any of those or a string) is stored boxed in an `interface{}` and hashed as one.
 */
export function tinygoKeyAlgorithm(t: GoType): "binary" | "string" | "interface" {
  if (t.kind === "string") return "string";
  return isBinaryKey(t) ? "binary" : "interface";
}

/** bool and every integer kind (int*, uint*, uintptr): TinyGo hashes them as raw bytes. */
const INTEGER_KINDS = new Set<GoKind>(PREDECLARED_KINDS.filter((k) => k === "bool" || /int/.test(k)));

function isBinaryKey(t: GoType): boolean {
  if (INTEGER_KINDS.has(t.kind) || t.kind === "pointer") return true;
  if (t.kind === "struct") return t.fields!.every((f) => isBinaryKey(f.type));
  if (t.kind === "array") return isBinaryKey(t.elem!);
  return false;
}
