/**
 * Parses a Go type expression (`map[string]int32`, `map[struct{A int32; B string}]float64`) into
 * a {@linkcode GoType} laid out for 4-byte (TinyGo) or 8-byte (Go) pointers. Used for maps found
 * without the probe, whose type the caller names.
 *
 * @module
 */
import { TypeExpressionError } from "../errors.ts";
import { MAX_TYPE_SIZE } from "./check.ts";
import { basicLayout, type GoField, type GoKind, type GoType, PREDECLARED_KINDS } from "../model/gotype.ts";

const BASIC = new Set<string>(PREDECLARED_KINDS);
/** How deeply type expressions may nest (Go's own types in maps rarely pass 10). */
const MAX_NESTING = 64;
/** Expressions longer than this are refused before they are read. */
const MAX_EXPRESSION = 64 * 1024;
const ALIAS: Record<string, GoKind> = { byte: "uint8", rune: "int32" };

function tokenize(src: string, expr: string): string[] {
  const out: string[] = [];
  const re = /\s*([A-Za-z_][A-Za-z0-9_.]*|[0-9]+|\[|\]|\{|\}|\*|;|,|\(|\))/y;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(src);
    if (!m) {
      throw new TypeExpressionError(expr, `unexpected character at ${pos}: ${JSON.stringify(src[pos])}`);
    }
    out.push(m[1]);
    pos = re.lastIndex;
  }
  return out;
}

/**
 * Parses `expr` and lays it out for `ptrSize`-byte pointers. Throws
 * {@linkcode TypeExpressionError} for anything it cannot parse or size.
 *
 * @example
 * ```ts
 * import { parseGoType } from "@mapscope/mapscope/types";
 * const t = parseGoType("map[struct{A int32; B string}]float64", 4);
 * console.log(t.key!.size, t.key!.fields!.map((f) => f.offset)); // 12 [0, 4]
 * ```
 */
export function parseGoType(expr: string, ptrSize: 4 | 8): GoType {
  if (expr.length > MAX_EXPRESSION) {
    throw new TypeExpressionError(expr.slice(0, 40) + "…", `longer than ${MAX_EXPRESSION} characters`);
  }
  const toks = tokenize(expr, expr);
  let i = 0;
  const peek = () => toks[i];
  const next = () => {
    if (i >= toks.length) throw new TypeExpressionError(expr, "unexpected end of the expression");
    return toks[i++];
  };
  const expect = (t: string) => {
    const got = next();
    if (got !== t) {
      throw new TypeExpressionError(expr, `expected ${JSON.stringify(t)}, found ${JSON.stringify(got)}`);
    }
  };
  const basicType = (kind: GoKind): GoType => {
    const [size, align] = basicLayout(kind, ptrSize)!;
    return { kind, size, align };
  };
  let depth = 0;
  const parse = (): GoType => {
    if (++depth > MAX_NESTING) {
      throw new TypeExpressionError(expr, `types nested deeper than ${MAX_NESTING} levels`);
    }
    try {
      return parseOne();
    } finally {
      depth--;
    }
  };
  const parseOne = (): GoType => {
    const t = next();
    if (t === "map") {
      expect("[");
      const key = parse();
      expect("]");
      const elem = parse();
      if (key.kind === "slice" || key.kind === "map" || key.kind === "func") {
        throw new TypeExpressionError(expr, `invalid map key type ${key.kind}`);
      }
      return { ...basicType("map"), key, elem };
    }
    if (t === "*") return { ...basicType("pointer"), elem: parse() };
    if (t === "chan") return { ...basicType("chan"), elem: parse() };
    if (t === "[") {
      if (peek() === "]") {
        next();
        return { ...basicType("slice"), elem: parse() };
      }
      const n = next();
      if (!/^[0-9]+$/.test(n)) {
        throw new TypeExpressionError(expr, `array length ${JSON.stringify(n)} is not a number`);
      }
      expect("]");
      const elem = parse();
      const len = Number(n);
      if (len > MAX_TYPE_SIZE || elem.size * len > MAX_TYPE_SIZE) {
        throw new TypeExpressionError(
          expr,
          `[${n}] of ${elem.size}-byte elements is larger than a wasm32 program can hold`,
        );
      }
      return { kind: "array", size: elem.size * len, align: elem.align, elem, len };
    }
    if (t === "struct") {
      expect("{");
      const fields: GoField[] = [];
      let offset = 0;
      let align = 1;
      while (peek() !== "}") {
        const names = [next()];
        while (peek() === ",") {
          next();
          names.push(next());
        }
        const ft = parse();
        for (const name of names) {
          if (!/^[A-Za-z_]/.test(name)) {
            throw new TypeExpressionError(expr, `bad field name ${JSON.stringify(name)}`);
          }
          offset = Math.ceil(offset / ft.align) * ft.align;
          fields.push({ name, offset, type: ft, exported: /^[A-Z]/.test(name) });
          offset += ft.size;
          align = Math.max(align, ft.align);
        }
        if (peek() === ";") next();
      }
      expect("}");
      // A trailing zero-size field gets a byte of padding in gc; rare enough to leave out here.
      return { kind: "struct", size: Math.ceil(offset / align) * align, align, fields };
    }
    if (t === "interface") {
      expect("{");
      expect("}");
      return basicType("interface");
    }
    if (t === "any" || t === "error") return basicType("interface");
    if (t === "unsafe.Pointer") return basicType("unsafe.Pointer");
    if (t in ALIAS) return basicType(ALIAS[t]);
    if (BASIC.has(t)) return basicType(t as GoKind);
    throw new TypeExpressionError(
      expr,
      `unknown type ${
        JSON.stringify(t)
      } (named types cannot be laid out from their name: spell out their structure)`,
    );
  };
  const result = parse();
  if (i !== toks.length) {
    throw new TypeExpressionError(expr, `unexpected ${JSON.stringify(toks[i])} after the type`);
  }
  return result;
}
