/**
 * Types for TinyGo maps found without a probe. TinyGo's map headers carry no type, but a program's
 * data holds the reflectlite descriptors of the map types it converts to interfaces; a header's
 * key hash function (binary, string or interface), key size and value size select among them.
 * Exactly one fit gives the map its type; otherwise it is decoded by shape: string keys (known
 * from the hash function) as strings, keys and values of 1, 2, 4 or 8 bytes as unsigned integers,
 * other sizes as byte arrays.
 *
 * @module
 */
import type { GuestMemory } from "../../memory.ts";
import type { GoType } from "../../model/gotype.ts";
import { typeString } from "../../model/gotype.ts";
import type { ModuleInfo } from "../../wasm/module.ts";
import type { TinyGoHeader } from "./header.ts";
import { TINYGO_KINDS, tinygoKeyAlgorithm, type TinyGoTypes } from "./types.ts";

const MAP_KIND = TINYGO_KINDS.indexOf("map");
const ALGORITHM_OF_HASH: Record<string, "binary" | "string" | "interface"> = {
  "runtime.hash32": "binary",
  "runtime.hashmapStringPtrHash": "string",
  "runtime.hashmapInterfacePtrHash": "interface",
};

/** A map type chosen for a header, and how. */
export interface TypeInference {
  /** The type to decode with. */
  type: GoType;
  /** "inferred" (the one descriptor that fits) or "shape" (none or several fit). */
  how: "inferred" | "shape";
  /** In words, for reports. */
  note: string;
}

/**
 * Every map type descriptor in the module's data (unnamed, no methods, key and elem readable):
 * a scan of the data segments for 4-aligned descriptors of kind map.
 */
export function tinygoMapTypes(mem: GuestMemory, module: ModuleInfo, types: TinyGoTypes): GoType[] {
  const out: GoType[] = [];
  const bytes = mem.u8array();
  for (const { offset, length } of module.dataSegments) {
    for (let a = (offset + 3) & ~3; a + 16 <= offset + length && a + 16 <= bytes.length; a += 4) {
      if (bytes[a] !== MAP_KIND || bytes[a + 2] !== 0 || bytes[a + 3] !== 0) continue;
      try {
        const t = types.read(a);
        if (t.kind === "map" && t.key && t.elem) out.push(t);
      } catch {
        // not a descriptor after all
      }
    }
  }
  return out;
}

/** The type a shape gives: what the header's sizes and hash function say about keys and values. */
function shapeType(h: TinyGoHeader, algorithm: string | undefined): GoType {
  const sized = (n: number): GoType => {
    const k = ({ 1: "uint8", 2: "uint16", 4: "uint32", 8: "uint64" } as const)[n as 1 | 2 | 4 | 8];
    if (k) return { kind: k, size: n, align: Math.min(n, 8) };
    return { kind: "array", size: n, align: 1, len: n, elem: { kind: "uint8", size: 1, align: 1 } };
  };
  const key: GoType = algorithm === "string" ? { kind: "string", size: 8, align: 4 } : sized(h.keySize);
  return { kind: "map", size: 4, align: 4, key, elem: sized(h.valueSize) };
}

/**
 * The type to read the header `h` with, given the name of its key hash function and the program's
 * map types.
 */
export function inferTinyGoMapType(
  h: TinyGoHeader,
  keyHash: string | undefined,
  candidates: GoType[],
): TypeInference {
  const algorithm = keyHash ? ALGORITHM_OF_HASH[keyHash] : undefined;
  const fits = candidates.filter((t) => {
    const alg = tinygoKeyAlgorithm(t.key!);
    const stored = alg === "interface" ? 8 : t.key!.size;
    return stored === h.keySize && t.elem!.size === h.valueSize &&
      (algorithm === undefined || alg === algorithm);
  });
  const distinct = [...new Map(fits.map((t) => [typeString(t), t])).values()];
  if (distinct.length === 1) {
    return {
      type: distinct[0]!,
      how: "inferred",
      note: `type inferred: the program's only map type with ${h.keySize}-byte ${
        algorithm ?? ""
      } keys and ${h.valueSize}-byte values`
        .replace("  ", " "),
    };
  }
  const type = shapeType(h, algorithm);
  const why = distinct.length
    ? `${distinct.length} map types fit (${distinct.map((t) => typeString(t)).join(", ")})`
    : "no map type of the program fits";
  return { type, how: "shape", note: `decoded by shape as ${typeString(type)}: ${why}` };
}
