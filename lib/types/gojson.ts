/**
 * Go's `encoding/json` encoding of decoded values, byte for byte, so that mapscope's view of a
 * map can be compared with what the Go program itself prints. Addresses (pointers, maps, chans,
 * funcs) are shown as `"0x..."` strings, as `%p` prints them; complex numbers as `[re,im]`.
 *
 * @module
 */
import type { GoType } from "../model/gotype.ts";
import { GoInterface, GoRef, type GoSlice, type GoValue } from "../model/values.ts";

const HEX = "0123456789abcdef";
// deno-lint-ignore no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f<>&\u2028\u2029]/;

/**
 * Go's JSON string encoding (HTML-safe: `<`, `>`, `&` escaped; U+2028/9 escaped).
 *
 * @example
 * ```ts
 * import { goJsonString } from "@mapscope/mapscope/types";
 * console.log(goJsonString("a<b")); // "a\u003cb"
 * ```
 */
export function goJsonString(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return '"' + s + '"';
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (c < 0x20 || ch === "<" || ch === ">" || ch === "&" || c === 0x2028 || c === 0x2029) {
      if (ch === "\n") out += "\\n";
      else if (ch === "\r") out += "\\r";
      else if (ch === "\t") out += "\\t";
      else out += "\\u" + HEX[(c >> 12) & 15] + HEX[(c >> 8) & 15] + HEX[(c >> 4) & 15] + HEX[c & 15];
    } else out += ch;
  }
  return out + '"';
}

/**
 * Formats a float as Go's JSON does for `bits` 32 or 64 (shortest round-trip digits).
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
 *
 * @example
 * ```ts
 * import { goJson, parseGoType } from "@mapscope/mapscope/types";
 * console.log(goJson("<a&b>", parseGoType("string", 4))); // "\u003ca\u0026b\u003e" in quotes
 * ```
 */
export function goJson(v: GoValue, t: GoType): string {
  if (v === null) return "null";
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
