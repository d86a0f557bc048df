/**
 * Reads Go's `internal/abi` type descriptors (Go 1.26.8 and 1.27.3 on wasm, 8-byte pointers)
 * into {@linkcode GoType}s.
 *
 * Source: `src/internal/abi/type.go` and `src/internal/abi/map.go` of go1.26.8 and go1.27.3.
 * `abi.Type` is identical in both; `abi.MapType` differs (1.27 describes keys and elems with
 * offset/stride pairs that cover both group layouts).
 *
 * | struct        | wasm layout (offset: field)                                                  |
 * |---------------|------------------------------------------------------------------------------|
 * | Type          | 0 Size_, 8 PtrBytes, 16 Hash u32, 20 TFlag u8, 21 Align_ u8, 22 FieldAlign_, |
 * |               | 23 Kind_ u8, 24 Equal, 32 GCData, 40 Str NameOff i32, 44 PtrToThis i32 (48)   |
 * | ArrayType     | 48 Elem, 56 Slice, 64 Len                                                    |
 * | ChanType      | 48 Elem, 56 Dir                                                              |
 * | PtrType       | 48 Elem;  SliceType: 48 Elem                                                 |
 * | StructType    | 48 PkgPath Name, 56 Fields.ptr, 64 Fields.len, 72 Fields.cap                  |
 * | StructField   | 0 Name, 8 Typ, 16 Offset (24 bytes)                                          |
 * | Name          | flags u8 (1 exported, 2 tag, 8 embedded), uvarint length, bytes              |
 * | MapType 1.26  | 48 Key, 56 Elem, 64 Group, 72 Hasher, 80 GroupSize, 88 SlotSize, 96 ElemOff, |
 * |               | 104 Flags u32                                                                |
 * | MapType 1.27  | 48 Key, 56 Elem, 64 Group, 72 Hasher, 80 GroupSize, 88 KeysOff,              |
 * |               | 96 KeyStride, 104 ElemsOff, 112 ElemStride, 120 ElemOff, 128 Flags u32        |
 *
 * @module
 */
import { CorruptMapError } from "../../errors.ts";
import type { GuestMemory } from "../../memory.ts";
import { type GoKind, type GoType, NUMERIC_KINDS, PREDECLARED_KINDS } from "../../model/gotype.ts";
import { readTypeGraph } from "../../types/read_type.ts";
import type { GroupGeometry } from "./geometry.ts";
import { isFieldName, MAX_FIELD_NAME } from "../_field_name.ts";

/** Go's abi.Kind numbering (type.go). */
export const GO_KINDS: readonly (GoKind | undefined)[] = [
  undefined, // Invalid
  ...NUMERIC_KINDS,
  "array",
  "chan",
  "func",
  "interface",
  "map",
  "pointer",
  "slice",
  "string",
  "struct",
  "unsafe.Pointer",
];

const PREDECLARED = new Set<GoKind>(PREDECLARED_KINDS);
/** The longest type name believed: a named type's name, generic arguments included. */
const MAX_TYPE_NAME = 1 << 14;
const PREDECLARED_NAMES = new Set<string>(PREDECLARED);
/** Where each module's type data starts, once found (null: not found). */
const TYPES_BASE = new WeakMap<object, number | null>();

/** TFlagExtraStar: the name at Str has a '*' that is not part of the type's name. */
export const TFLAG_EXTRA_STAR = 1 << 1;
/** TFlagNamed: the type has a name. */
export const TFLAG_NAMED = 1 << 2;
/** TFlagDirectIface: the value is stored in the interface's data word itself. */
export const TFLAG_DIRECT_IFACE = 1 << 5;
/** MapType.Flags bits (abi/map.go). */
export const MAP_INDIRECT_KEY = 1 << 2;
/** MapType.Flags: elems are stored behind a pointer (elem over 128 bytes). */
export const MAP_INDIRECT_ELEM = 1 << 3;

/** A map type as Go's runtime describes it: key, elem and group geometry. */
export interface SwissMapType {
  /** The map type (kind "map", with key and elem). */
  type: GoType;
  /** The group geometry read from abi.MapType. */
  geometry: GroupGeometry;
}

/** Reads abi.Type descriptors out of one Go module's memory, caching each by address. */
export class AbiTypes {
  #cache = new Map<number, GoType>();
  #maps = new Map<number, GroupGeometry>();
  /**
   * Creates a reader over a Go module's memory; `version` picks the abi.MapType layout. Type
   * names are static data at fixed addresses, so where they start is remembered per `cacheKey`
   * (the parsed module) across runs.
   */
  constructor(readonly mem: GuestMemory, readonly version: "go1.26" | "go1.27", readonly cacheKey?: object) {}

  /** Whether values of the type at `addr` are stored directly in an interface's data word. */
  directIface(addr: number): boolean {
    return (this.mem.u8(addr + 20) & TFLAG_DIRECT_IFACE) !== 0;
  }

  /** The group geometry of the map type at `addr` (from abi.MapType). */
  geometry(addr: number): GroupGeometry {
    const hit = this.#maps.get(addr);
    if (hit) return hit;
    const m = this.mem;
    let g: GroupGeometry;
    if (this.version === "go1.26") {
      const slot = m.ptr(addr + 88);
      const elemOff = m.ptr(addr + 96);
      const flags = m.u32(addr + 104);
      g = {
        groupSize: m.ptr(addr + 80),
        keysOff: 8,
        keyStride: slot,
        elemsOff: 8 + elemOff,
        elemStride: slot,
        indirectKey: (flags & MAP_INDIRECT_KEY) !== 0,
        indirectElem: (flags & MAP_INDIRECT_ELEM) !== 0,
        layout: "interleaved",
      };
    } else {
      const flags = m.u32(addr + 128);
      const keyStride = m.ptr(addr + 96);
      const elemStride = m.ptr(addr + 112);
      g = {
        groupSize: m.ptr(addr + 80),
        keysOff: m.ptr(addr + 88),
        keyStride,
        elemsOff: m.ptr(addr + 104),
        elemStride,
        indirectKey: (flags & MAP_INDIRECT_KEY) !== 0,
        indirectElem: (flags & MAP_INDIRECT_ELEM) !== 0,
        layout: keyStride === elemStride && m.ptr(addr + 104) - m.ptr(addr + 88) < keyStride
          ? "interleaved"
          : "split",
      };
    }
    this.#maps.set(addr, g);
    return g;
  }

  /** The Name at `addr`; a length over `max` is corruption. */
  #name(addr: number, max = MAX_TYPE_NAME): { name: string; exported: boolean } {
    const m = this.mem;
    const flags = m.u8(addr);
    let len = 0;
    let i = 1;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = m.u8(addr + i++);
      len += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) break;
    }
    if (len > max) throw new CorruptMapError(addr, `a name of ${len} bytes`);
    return { name: m.text(addr + i, len), exported: (flags & 1) !== 0 };
  }

  /**
   * Where the module's type data starts (moduledata.types): `Str` name offsets are relative to
   * it. Found once from the descriptors read so far: a predeclared type's name ("int", "string",
   * ...) is searched for in memory, and the base it implies must give every other read
   * descriptor a well-formed name. Undefined until it can be found.
   */
  #typesBase: number | null | undefined;

  #typesBaseFor(): number | undefined {
    if (this.#typesBase === undefined && this.cacheKey && TYPES_BASE.has(this.cacheKey)) {
      this.#typesBase = TYPES_BASE.get(this.cacheKey);
    }
    if (this.#typesBase !== undefined) return this.#typesBase ?? undefined;
    const m = this.mem;
    const all = [...this.#cache.values()].filter((t) => t.descriptor !== undefined);
    const basic = all.find((t) => PREDECLARED.has(t.kind) && (m.u8(t.descriptor! + 20) & TFLAG_NAMED));
    if (!basic || all.length < 2) return undefined; // try again when more descriptors are known
    const str = m.i32(basic.descriptor! + 40);
    const bytes = m.u8array();
    const enc = new TextEncoder();
    for (const text of [basic.kind, "*" + basic.kind]) {
      const want = enc.encode(text);
      for (let i = bytes.indexOf(want.length); i !== -1; i = bytes.indexOf(want.length, i + 1)) {
        let ok = i + 1 + want.length <= bytes.length;
        for (let j = 0; ok && j < want.length; j++) ok = bytes[i + 1 + j] === want[j];
        if (!ok) continue;
        const base = i - 1 - str;
        if (all.every((t) => this.#plausibleName(base, t.descriptor!))) {
          this.#typesBase = base;
          if (this.cacheKey) TYPES_BASE.set(this.cacheKey, base);
          return base;
        }
      }
    }
    this.#typesBase = null;
    return undefined;
  }

  #plausibleName(base: number, desc: number): boolean {
    const m = this.mem;
    const at = base + m.i32(desc + 40);
    if (!m.contains(at, 3)) return false;
    let len = m.u8(at + 1);
    let start = at + 2;
    if (len & 0x80) {
      len = (len & 0x7f) | (m.u8(at + 2) << 7);
      start++;
    }
    if (len === 0 || !m.contains(start, len)) return false;
    return /^[\x21-\x7e][\x20-\x7e]*$/.test(m.text(start, len));
  }

  /**
   * The name of a named type (`main.Color`, `runtime.boundsError`) through the module's type-name
   * data; undefined for unnamed types or when the type data cannot be located.
   */
  typeName(addr: number): string | undefined {
    const m = this.mem;
    const tflag = m.u8(addr + 20);
    if (!(tflag & TFLAG_NAMED)) return undefined;
    const base = this.#typesBaseFor();
    if (base === undefined) return undefined;
    const { name } = this.#name(base + m.i32(addr + 40));
    return tflag & TFLAG_EXTRA_STAR ? name.slice(1) : name;
  }

  /** Names every named type read so far (once the type data is located); returns how many. */
  nameTypes(): number {
    let n = 0;
    for (const t of this.#cache.values()) {
      if (t.descriptor === undefined || t.name) continue;
      const name = this.typeName(t.descriptor);
      if (name && !PREDECLARED_NAMES.has(name)) {
        t.name = name;
        n++;
      }
    }
    return n;
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
    const m = this.mem;
    const kind = GO_KINDS[m.u8(addr + 23)];
    if (!kind) throw new CorruptMapError(addr, `not a Go type descriptor (kind ${m.u8(addr + 23)})`);
    const t: GoType = { kind, size: m.ptr(addr), align: m.u8(addr + 21) || 1, descriptor: addr };
    this.#cache.set(addr, t);
    added.push(addr);
    switch (kind) {
      case "pointer":
      case "slice":
      case "chan":
        t.elem = this.#read(m.ptr(addr + 48), depth + 1, added);
        break;
      case "array":
        t.elem = this.#read(m.ptr(addr + 48), depth + 1, added);
        t.len = m.ptr(addr + 64);
        break;
      case "map":
        t.key = this.#read(m.ptr(addr + 48), depth + 1, added);
        t.elem = this.#read(m.ptr(addr + 56), depth + 1, added);
        break;
      case "struct": {
        const ptr = m.ptr(addr + 56);
        const n = m.ptr(addr + 64);
        if (n > 4096) throw new CorruptMapError(addr, `struct with ${n} fields`);
        t.fields = [];
        for (let i = 0; i < n; i++) {
          const f = ptr + 24 * i;
          const { name, exported } = this.#name(m.ptr(f), MAX_FIELD_NAME);
          if (!isFieldName(name)) throw new CorruptMapError(addr, `field ${i} has no Go name`);
          t.fields.push({
            name,
            exported,
            type: this.#read(m.ptr(f + 8), depth + 1, added),
            offset: m.ptr(f + 16),
          });
        }
        break;
      }
    }
    return t;
  }
}
