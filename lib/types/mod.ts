/**
 * Go types and values as mapscope models them: the type model, Go type expressions, decoding
 * values from memory, Go's JSON encoding and `%v` formatting.
 *
 * @example
 * ```ts
 * import { goJson, parseGoType, typeString } from "@mapscope/mapscope/types";
 * const t = parseGoType("map[string][]int32", 4);
 * console.log(typeString(t), goJson("a<b", t.key!)); // map[string][]int32 "a\u003cb"
 * ```
 *
 * @module
 */
export { basicLayout, type GoField, type GoKind, type GoType, typeString } from "../model/gotype.ts";
export { GoInterface, GoRef, GoSlice, type GoValue } from "../model/values.ts";
export { parseGoType } from "./expr.ts";
export { DecodeBudget, decodeValue, DEFAULT_DECODE_BUDGET, type InterfaceReader } from "./decode.ts";
export { goJson, goJsonFloat, goJsonString } from "./gojson.ts";
export { formatGoValue } from "./format.ts";
