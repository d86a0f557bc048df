/**
 * Go's `%v` formatting of decoded values, for panic values and reports.
 *
 * @module
 */
import type { GoType } from "../model/gotype.ts";
import { GoInterface, GoRef, GoSlice, type GoValue } from "../model/values.ts";

/**
 * Formats a decoded value as Go's `%v` would for plain data: strings as is, structs as
 * `{a:1 b:x}`, pointers to structs as `&{...}`, addresses as 0x....
 * Never throws.
 *
 * @example
 * ```ts
 * import { formatGoValue, parseGoType } from "@mapscope/mapscope/types";
 * console.log(formatGoValue({ x: 5, y: 3 }, parseGoType("struct{x int32; y int32}", 4))); // {x:5 y:3}
 * ```
 */
export function formatGoValue(
  v: GoValue,
  t?: GoType,
  deref?: (r: GoRef, t: GoType) => GoValue | undefined,
): string {
  if (v === null) return "<nil>";
  if (typeof v === "string") return v;
  if (typeof v === "boolean" || typeof v === "number" || typeof v === "bigint") return String(v);
  if (v instanceof GoInterface) return formatGoValue(v.value, v.type, deref);
  if (v instanceof GoRef) {
    if (v.address !== 0 && t?.kind === "pointer" && t.elem?.kind === "struct" && deref) {
      const inner = deref(v, t.elem);
      if (inner !== undefined) return "&" + formatGoValue(inner, t.elem, deref);
    }
    return v.toString();
  }
  if (v instanceof GoSlice) {
    const items = v.items instanceof Uint8Array ? Array.from(v.items) : v.items;
    return "[" + items.map((x) => formatGoValue(x, t?.elem, deref)).join(" ") + "]";
  }
  if (Array.isArray(v)) {
    if (t?.kind === "complex64" || t?.kind === "complex128") {
      return `(${v[0]}${(v[1] as number) < 0 ? "" : "+"}${v[1]}i)`;
    }
    return "[" + v.map((x) => formatGoValue(x, t?.elem, deref)).join(" ") + "]";
  }
  const fields = t?.fields;
  return "{" + Object.entries(v).map(([k, x]) => {
    const ft = fields?.find((f) => f.name === k)?.type;
    return `${k}:${formatGoValue(x, ft, deref)}`;
  }).join(" ") + "}";
}
