/**
 * Go's `encoding/json` encoding of decoded values, byte for byte, so that mapscope's view of a
 * map can be compared with what the Go program itself prints. Addresses (pointers, maps, chans,
 * funcs) are shown as `"0x..."` strings, as `%p` prints them; complex numbers as `[re,im]`.
 *
 * @module
 */
import type { GoType } from "../model/gotype.ts";
import { CorruptMapError } from "../errors.ts";
import { GoInterface, GoRef, GoSlice, type GoValue } from "../model/values.ts";

// deno-lint-ignore no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f<>&\u2028\u2029\ud800-\udfff]/;
/** Go's escape of each ASCII character ("" for none): control characters, quote, backslash, `<>&`. */
const ASCII_ESCAPE: readonly string[] = (() => {
  const e: string[] = [];
  for (let c = 0; c < 0x80; c++) e.push(c < 0x20 ? "\\u" + c.toString(16).padStart(4, "0") : "");
  e[0x0a] = "\\n";
  e[0x0d] = "\\r";
  e[0x09] = "\\t";
  e[0x22] = '\\"';
  e[0x5c] = "\\\\";
  e[0x3c] = "\\u003c";
  e[0x3e] = "\\u003e";
  e[0x26] = "\\u0026";
  return e;
})();

/** 1 for each ASCII character Go's JSON writes as itself. */
const PLAIN = Uint8Array.from(ASCII_ESCAPE, (e) => (e === "" ? 1 : 0));

/** Whether Go's JSON writes character code `c` as itself: printable ASCII with no escape. */
export function isPlainJsonChar(c: number): boolean {
  return c < 0x80 && PLAIN[c] === 1;
}

/**
 * Go's JSON string encoding (HTML-safe: `<`, `>`, `&` escaped; U+2028/9 escaped).
 * Never throws.
 *
 * @example
 * ```ts
 * import { goJsonString } from "@mapscope/mapscope/types";
 * console.log(goJsonString("a<b")); // "a\u003cb"
 * ```
 */
export function goJsonString(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return '"' + s + '"';
  // One pass, copying the runs between escapes: linear in the string even when every character
  // is escaped (a corrupted string of a megabyte of zero bytes).
  let out = '"', from = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    let e: string;
    if (c < 0x80) {
      e = ASCII_ESCAPE[c]!;
      if (e === "") continue;
    } else if (c === 0x2028 || c === 0x2029) e = "\\u" + c.toString(16);
    else if (c >= 0xd800 && c <= 0xdfff) {
      // a surrogate pair is kept; a lone one is not UTF-8, so Go writes U+FFFD for it
      if (c <= 0xdbff && i + 1 < n) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          i++;
          continue;
        }
      }
      e = "\\ufffd";
    } else continue;
    if (i > from) out += s.slice(from, i);
    out += e;
    from = i + 1;
  }
  if (from < n) out += s.slice(from);
  return out + '"';
}

/**
 * Formats a float as Go's JSON does for `bits` 32 or 64 (shortest round-trip digits).
 * Never throws.
 *
 * @example
 * ```ts
 * import { goJsonFloat } from "@mapscope/mapscope/types";
 * console.log(goJsonFloat(Math.fround(0.1), 32), goJsonFloat(NaN, 64)); // 0.1 "NaN"
 * ```
 */
export function goJsonFloat(f: number, bits: 32 | 64): string {
  if (Number.isNaN(f)) return '"NaN"';
  if (!Number.isFinite(f)) return f > 0 ? '"+Inf"' : '"-Inf"';
  if (Object.is(f, -0)) return "-0";
  if (bits === 64) return String(f);
  for (let p = 1; p <= 9; p++) {
    const v = Number(f.toPrecision(p));
    if (Math.fround(v) === f) return String(v);
  }
  return String(f);
}

function base64(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
  return btoa(bin);
}

/**
 * Encodes `v` (decoded with type `t`) as Go's `json.Marshal` would.
 * Throws {@linkcode CorruptMapError} when `v` is not a decoded value of type `t` (a value and a type that do
 * not belong together).
 *
 * @example
 * ```ts
 * import { goJson, parseGoType } from "@mapscope/mapscope/types";
 * console.log(goJson("<a&b>", parseGoType("string", 4))); // "\u003ca\u0026b\u003e" in quotes
 * ```
 */
export function goJson(v: GoValue, t: GoType): string {
  if (v === null) return "null";
  const why = mismatch(v, t);
  if (why) throw new CorruptMapError(0, `a decoded value does not match its type ${t.kind}: ${why}`);
  switch (t.kind) {
    case "bool":
      return v ? "true" : "false";
    case "float32":
      return goJsonFloat(v as number, 32);
    case "float64":
      return goJsonFloat(v as number, 64);
    case "complex64":
    case "complex128": {
      const [re, im] = v as number[];
      const bits = t.kind === "complex64" ? 32 : 64;
      return `[${goJsonFloat(re, bits)},${goJsonFloat(im, bits)}]`;
    }
    case "string":
      return goJsonString(v as string);
    case "array":
      return "[" + (v as GoValue[]).map((x) => goJson(x, t.elem!)).join(",") + "]";
    case "struct": {
      const o = v as { [f: string]: GoValue };
      const parts = t.fields!.filter((f) => f.exported && f.name !== "_").map((f) =>
        goJsonString(f.name) + ":" + goJson(o[f.name], f.type)
      );
      return "{" + parts.join(",") + "}";
    }
    case "slice": {
      const s = v as GoSlice;
      if (s.items instanceof Uint8Array) return '"' + base64(s.items) + '"';
      return "[" + s.items.map((x) => goJson(x, t.elem!)).join(",") + "]";
    }
    case "interface": {
      if (v instanceof GoInterface) return goJson(v.value, v.type);
      if (v instanceof GoRef) return goJsonString(v.toString());
      return "null";
    }
    default:
      if (v instanceof GoRef) return goJsonString(v.toString());
      return String(v);
  }
}

/** Why `v` cannot be a decoded value of `t` (shape only), or undefined. */
function mismatch(v: GoValue, t: GoType): string | undefined {
  switch (t.kind) {
    case "complex64":
    case "complex128":
      return Array.isArray(v) && v.length === 2 ? undefined : "not a [re, im] pair";
    case "array":
      return Array.isArray(v) && t.elem ? undefined : "not an array";
    case "struct":
      return typeof v === "object" && v !== null && !Array.isArray(v) && t.fields &&
          !(v instanceof GoRef || v instanceof GoSlice || v instanceof GoInterface)
        ? undefined
        : "not a struct";
    case "slice":
      return v instanceof GoSlice && t.elem ? undefined : "not a slice";
    case "string":
      return typeof v === "string" ? undefined : "not a string";
    case "float32":
    case "float64":
      return typeof v === "number" ? undefined : "not a number";
    default:
      return undefined;
  }
}
