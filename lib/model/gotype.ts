/**
 * The Go type model mapscope decodes values with, whichever runtime described the type.
 *
 * @module
 */

/**
 * A Go kind, as `reflect.Kind.String()` spells it (with "pointer" for Ptr).
 *
 * @example
 * ```ts
 * import type { GoKind } from "@mapscope/mapscope/types";
 * const k: GoKind = "unsafe.Pointer";
 * console.log(k);
 * ```
 */
export type GoKind =
  | "bool"
  | "int"
  | "int8"
  | "int16"
  | "int32"
  | "int64"
  | "uint"
  | "uint8"
  | "uint16"
  | "uint32"
  | "uint64"
  | "uintptr"
  | "float32"
  | "float64"
  | "complex64"
  | "complex128"
  | "string"
  | "unsafe.Pointer"
  | "chan"
  | "interface"
  | "pointer"
  | "slice"
  | "array"
  | "func"
  | "map"
  | "struct";

/**
 * bool, the integers, floats and complex numbers, in the order both Go's abi.Kind and TinyGo's
 * reflectlite Kind number them (1 to 16).
 */
export const NUMERIC_KINDS: readonly GoKind[] = [
  "bool",
  "int",
  "int8",
  "int16",
  "int32",
  "int64",
  "uint",
  "uint8",
  "uint16",
  "uint32",
  "uint64",
  "uintptr",
  "float32",
  "float64",
  "complex64",
  "complex128",
];

/** The predeclared (basic) kinds: the numeric kinds and string. */
export const PREDECLARED_KINDS: readonly GoKind[] = [...NUMERIC_KINDS, "string"];

/**
 * A struct field: name, byte offset and type.
 *
 * @example
 * ```ts
 * import { type GoField, parseGoType } from "@mapscope/mapscope/types";
 * const fields: GoField[] = parseGoType("struct{A int8; B int32}", 4).fields!;
 * console.log(fields.map((f) => `${f.name}@${f.offset}`)); // ["A@0", "B@4"]
 * ```
 */
export interface GoField {
  /** The field's name. */
  name: string;
  /** Byte offset inside the struct. */
  offset: number;
  /** The field's type. */
  type: GoType;
  /** Whether the field is exported (Go's JSON encodes only those). */
  exported: boolean;
}

/**
 * A Go type laid out for one target: kind, size, alignment and its parts.
 *
 * @example
 * ```ts
 * import { type GoType, parseGoType } from "@mapscope/mapscope/types";
 * const t: GoType = parseGoType("map[string][4]uint16", 8);
 * console.log(t.kind, t.key!.size, t.elem!.size, t.elem!.len); // map 16 8 4
 * ```
 */
export interface GoType {
  /** The kind of the underlying type. */
  kind: GoKind;
  /** Size in bytes. */
  size: number;
  /** Alignment in bytes. */
  align: number;
  /** Qualified name of a named type (`main.Color`), absent for unnamed types. */
  name?: string;
  /** Element type of arrays, slices, pointers, chans and maps (lazily read for pointers). */
  elem?: GoType;
  /** Key type of a map. */
  key?: GoType;
  /** Length of an array. */
  len?: number;
  /** Fields of a struct, in order. */
  fields?: GoField[];
  /** Address of the runtime's type descriptor, when read from memory. */
  descriptor?: number;
}

const basic: Record<string, [number, number]> = {
  bool: [1, 1],
  int8: [1, 1],
  uint8: [1, 1],
  int16: [2, 2],
  uint16: [2, 2],
  int32: [4, 4],
  uint32: [4, 4],
  int64: [8, 8],
  uint64: [8, 8],
  float32: [4, 4],
  float64: [8, 8],
  complex64: [8, 4],
  complex128: [16, 8],
};

/**
 * The size and alignment of a kind that has no parts, for a target with `ptrSize`-byte pointers.
 * Returns undefined for arrays and structs (their size depends on their parts).
 * Never throws: undefined for kinds made of parts.
 *
 * @example
 * ```ts
 * import { basicLayout } from "@mapscope/mapscope/types";
 * console.log(basicLayout("string", 4)); // [8, 4]
 * ```
 */
export function basicLayout(kind: GoKind, ptrSize: 4 | 8): [number, number] | undefined {
  if (kind in basic) return basic[kind];
  switch (kind) {
    case "int":
    case "uint":
    case "uintptr":
    case "pointer":
    case "unsafe.Pointer":
    case "map":
    case "chan":
      return [ptrSize, ptrSize];
    case "func":
      // TinyGo func values are {context, function}; Go's are one pointer to a closure.
      return ptrSize === 4 ? [8, 4] : [8, 8];
    case "string":
    case "interface":
      return [2 * ptrSize, ptrSize];
    case "slice":
      return [3 * ptrSize, ptrSize];
    default:
      return undefined;
  }
}

/**
 * Go's spelling of a type: its name if named, else its structure.
 * Never throws: an unnamed type that contains itself is spelled with "…" where it recurs.
 *
 * @example
 * ```ts
 * import { parseGoType, typeString } from "@mapscope/mapscope/types";
 * console.log(typeString(parseGoType("map[string][]int32", 4))); // "map[string][]int32"
 * ```
 */
export function typeString(t: GoType): string {
  return spell(t, new Set(), new Map()).text;
}

/** Longest spelling kept of one type (a deeply shared struct would otherwise spell exponentially long). */
const MAX_SPELLING = 2000;

/**
 * Spells `t`; `onPath` holds the types being spelled (a type reached again is recursive and shown
 * as "…"), `memo` the spellings of types with no recursion below them, so that a type shared by
 * many fields is spelled once (linear, not exponential, in the size of the graph).
 */
function spell(
  t: GoType,
  onPath: Set<GoType>,
  memo: Map<GoType, string>,
): { text: string; recursive: boolean } {
  if (t.name) return { text: t.name, recursive: false };
  const hit = memo.get(t);
  if (hit !== undefined) return { text: hit, recursive: false };
  if (onPath.has(t)) return { text: "…", recursive: true }; // a recursive type without a name
  onPath.add(t);
  let recursive = false;
  const sub = (x: GoType | undefined): string => {
    if (!x) return "?";
    const r = spell(x, onPath, memo);
    recursive ||= r.recursive;
    return r.text;
  };
  let text: string;
  switch (t.kind) {
    case "pointer":
      text = "*" + sub(t.elem);
      break;
    case "slice":
      text = "[]" + sub(t.elem);
      break;
    case "array":
      text = `[${t.len}]` + sub(t.elem);
      break;
    case "map":
      text = `map[${sub(t.key)}]${sub(t.elem)}`;
      break;
    case "chan":
      text = "chan " + sub(t.elem);
      break;
    case "struct":
      text = !t.fields || t.fields.length === 0
        ? "struct {}"
        : "struct { " + t.fields.map((f) => `${f.name} ${sub(f.type)}`).join("; ") + " }";
      break;
    case "interface":
      text = "interface {}";
      break;
    default:
      text = t.kind;
  }
  onPath.delete(t);
  if (text.length > MAX_SPELLING) text = text.slice(0, MAX_SPELLING) + "…";
  if (!recursive) memo.set(t, text);
  return { text, recursive };
}
