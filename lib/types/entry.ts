/**
 * Building a {@linkcode MapEntry}: a decoded key and value, with their Go JSON encodings made
 * when first asked for (a report that shows 20 entries of a million encodes 20).
 *
 * @module
 */
import { goJson, goJsonString, isPlainJsonChar } from "./gojson.ts";
import type { TextBuffer } from "../_text_buffer.ts";
import type { MapEntry } from "../model/snapshot.ts";
import type { GoType } from "../model/gotype.ts";
import type { GoValue } from "../model/values.ts";
import { INTEGER_KINDS, isScalarKind, type SlotReader, slotReader } from "./slot_reader.ts";
import { MemoryAccessError } from "../errors.ts";
import type { GuestMemory } from "../memory.ts";
import type { DecodeBudget, InterfaceReader } from "./decode.ts";

/** Encodes a value of one type as Go's JSON. */
type Encoder = (v: GoValue) => string;

/** A monomorphic encoder for values the slot readers make of kind `t` (see slot_reader.ts). */
function encoderFor(t: GoType): Encoder {
  if (INTEGER_KINDS.has(t.kind)) return (v) => String(v);
  if (t.kind === "bool") return (v) => (v ? "true" : "false");
  if (t.kind === "string") return (v) => goJsonString(v as string);
  return (v) => goJson(v, t);
}

/** How a side is written into a text buffer: straight from the value, or from its JSON. */
type Direct = "int" | "bool" | "string" | "none";

function directFor(t: GoType): Direct {
  if (INTEGER_KINDS.has(t.kind)) return "int";
  if (t.kind === "bool") return "bool";
  if (t.kind === "string") return "string";
  return "none";
}

/** The map type of entries, with one encoder per side: shared by every entry of a snapshot. */
export class EntryType {
  readonly key: Encoder;
  readonly value: Encoder;
  readonly directKey: Direct;
  readonly directValue: Direct;
  /** Whether keys / values are encoded at once (kinds whose encoding can fail), not lazily. */
  readonly eagerKey: boolean;
  readonly eagerValue: boolean;
  constructor(readonly type: GoType) {
    this.key = encoderFor(type.key!);
    this.value = encoderFor(type.elem!);
    this.eagerKey = !isScalarKind(type.key!);
    this.eagerValue = !isScalarKind(type.elem!);
    this.directKey = directFor(type.key!);
    this.directValue = directFor(type.elem!);
  }
}

const ENTRY_TYPES = new WeakMap<GoType, EntryType>();

/** The entry type of map type `t` (one per type object). */
export function entryType(t: GoType): EntryType {
  let et = ENTRY_TYPES.get(t);
  if (!et) ENTRY_TYPES.set(t, et = new EntryType(t));
  return et;
}

/** An entry whose JSON encodings are computed on first use and kept. */
class Entry implements MapEntry {
  #type: EntryType;
  #keyJson: string | undefined;
  #valueJson: string | undefined;
  constructor(
    readonly key: GoValue,
    readonly value: GoValue,
    type: EntryType,
    keyJson: string | undefined,
    valueJson: string | undefined,
  ) {
    this.#type = type;
    this.#keyJson = keyJson;
    this.#valueJson = valueJson;
  }
  get keyJson(): string {
    return this.#keyJson ??= this.#type.key(this.key);
  }
  get valueJson(): string {
    return this.#valueJson ??= this.#type.value(this.value);
  }
  get json(): string {
    return `[${this.keyJson},${this.valueJson}]`;
  }
  /** The pair's JSON, from the kept encodings if made, else made and not kept. */
  jsonOnce(): string {
    const k = this.#keyJson ?? this.#type.key(this.key);
    const v = this.#valueJson ?? this.#type.value(this.value);
    return `[${k},${v}]`;
  }
  /** Writes `[key,value]` into `out`, as `json` would spell it, without making its strings. */
  writeJson(out: TextBuffer): void {
    out.byte(0x5b);
    if (this.#keyJson === undefined) writeDirect(out, this.key, this.#type.directKey, this.#type.key);
    else out.text(this.#keyJson);
    out.byte(0x2c);
    if (this.#valueJson === undefined) writeDirect(out, this.value, this.#type.directValue, this.#type.value);
    else out.text(this.#valueJson);
    out.byte(0x5d);
  }
  /** The entry as a plain object (for JSON.stringify, structured clone and deep equality). */
  toJSON(): MapEntry {
    return plainEntry(this);
  }
}

/**
 * A map entry of the entry type `et`. Keys and values of scalar and string kinds are encoded
 * lazily; others are encoded at once (unless their encodings are given), so that a value that
 * cannot be encoded fails at decode time.
 */
export function newEntry(
  key: GoValue,
  value: GoValue,
  et: EntryType,
  keyJson?: string | undefined,
  valueJson?: string | undefined,
): MapEntry {
  const e = new Entry(key, value, et, keyJson, valueJson);
  if (et.eagerKey) void e.keyJson;
  if (et.eagerValue) void e.valueJson;
  return e;
}

/** Writes `v` (of a side written `how`) as Go's JSON; `encode` for what has no direct form. */
function writeDirect(out: TextBuffer, v: GoValue, how: Direct, encode: Encoder): void {
  if (how === "int" && (typeof v === "number" || typeof v === "bigint")) return out.int(v);
  if (how === "bool") return out.text(v ? "true" : "false");
  if (how === "string" && typeof v === "string") {
    // printable ASCII with nothing to escape is written as is; anything else as goJsonString spells it
    const start = out.length;
    out.byte(0x22);
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (!isPlainJsonChar(c)) {
        out.rewind(start);
        return out.text(goJsonString(v));
      }
      out.byte(c);
    }
    return out.byte(0x22);
  }
  out.text(encode(v));
}

/**
 * Writes `[key,value]` of `e` in Go's JSON into `out`, making no strings for integer, bool and
 * plain ASCII string sides (the text report's entries).
 */
export function writeEntryJson(e: MapEntry, out: TextBuffer): void {
  if (e instanceof Entry) e.writeJson(out);
  else out.text(e.json);
}

/**
 * `[key,value]` of `e` in Go's JSON, without keeping the encodings on the entry (a report written
 * once need not hold a million encoded keys).
 */
export function entryJsonOnce(e: MapEntry): string {
  return e instanceof Entry ? e.jsonOnce() : e.json;
}

/** `e` with its encodings as own data properties: what crosses a Worker boundary. */
export function plainEntry(e: MapEntry): MapEntry {
  return { key: e.key, value: e.value, json: e.json, keyJson: e.keyJson, valueJson: e.valueJson };
}

/** Decodes the entry whose key and value are at the given addresses, spending `budget`. */
export type EntryDecoder = (keyAddr: number, valueAddr: number, budget: DecodeBudget) => MapEntry;

/**
 * The entry decoder of map type `t` over `mem`: one monomorphic reader per side (see
 * slot_reader.ts), made once per snapshot. `keyReader` replaces the key's reader and slot size
 * (TinyGo's boxed keys). Every slot is checked to lie inside memory (indirect slots were followed by pointer).
 */
export function entryDecoder(
  mem: GuestMemory,
  t: GoType,
  iface?: InterfaceReader,
  keyReader?: { read: SlotReader; size: number },
): EntryDecoder {
  const readKey = keyReader?.read ?? slotReader(mem, t.key!, iface);
  const readValue = slotReader(mem, t.elem!, iface);
  const ks = keyReader?.size ?? t.key!.size;
  const et = entryType(t);
  const vs = t.elem!.size;
  let dv = mem.dataView();
  let u8 = mem.u8array();
  return (k, v, budget) => {
    // a detached buffer (memory grew since) has length 0: take the new one
    if (u8.length === 0) (dv = mem.dataView(), u8 = mem.u8array());
    if (k + ks > u8.length) throw new MemoryAccessError(k, ks, u8.length);
    if (v + vs > u8.length) throw new MemoryAccessError(v, vs, u8.length);
    return newEntry(readKey(dv, u8, k, budget), readValue(dv, u8, v, budget), et);
  };
}
