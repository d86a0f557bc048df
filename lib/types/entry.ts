/**
 * Building a {@linkcode MapEntry}: a decoded key and value with their Go JSON encodings.
 *
 * @module
 */
import { goJson } from "./gojson.ts";
import type { MapEntry } from "../model/snapshot.ts";
import type { GoType } from "../model/gotype.ts";
import type { GoValue } from "../model/values.ts";

/** A map entry of map type `t`, with its key, value and pair in Go's JSON encoding. */
export function makeEntry(key: GoValue, value: GoValue, t: GoType): MapEntry {
  const keyJson = goJson(key, t.key!);
  const valueJson = goJson(value, t.elem!);
  return { key, value, json: `[${keyJson},${valueJson}]`, keyJson, valueJson };
}
