/**
 * A snapshot's entries kept as columns (#15): every integer, float, bool and string key or value
 * is kept as raw 32-bit words in one typed array per snapshot, string bytes in one byte pool, and
 * only other kinds (structs, pointers, interfaces...) as decoded values. A text or JSON report is
 * written straight from the columns; {@linkcode MapEntry} objects are made only when `entries` is
 * read, and then once.
 *
 * What the columns hold is read from guest memory exactly as the slot readers (slot_reader.ts)
 * read it, with the same checks, errors and budget spent, and an entry made from a row equals the
 * one `entryDecoder` makes from the same slots.
 *
 * @module
 */
import { MemoryAccessError } from "../errors.ts";
import { GuestMemory, utf8Text } from "../memory.ts";
import { keepShape } from "../_keep_shape.ts";
import type { GoType } from "../model/gotype.ts";
import type { MapEntry } from "../model/snapshot.ts";
import type { GoValue } from "../model/values.ts";
import { putInt, type TextBuffer } from "../_text_buffer.ts";
import type { DecodeBudget, InterfaceReader } from "./decode.ts";
import { type EntryType, entryType, newEntry } from "./entry.ts";
import { goJsonFloat, goJsonString, isPlainJsonChar } from "./gojson.ts";
import { readStringSlot, type SlotReader, slotReader, STRING_SLOT } from "./slot_reader.ts";

// How one side (key or value) of an entry is read and kept: one code per slot reader.
/** Signed integers of up to 32 bits: one word. */
const INT = 0;
/** Unsigned integers of up to 32 bits: one word. */
const UINT = 1;
/** int64 (and Go's int on 64-bit): two words, low first. */
const I64 = 2;
/** uint64 (and uint, uintptr on 64-bit): two words. */
const U64 = 3;
/** float32: its bits, one word. */
const F32 = 4;
/** float64: its bits, two words. */
const F64 = 5;
/** bool: one word, 0 or 1. */
const BOOL = 6;
/** string: two words, the offset of its bytes in the pool and their count. */
const STR = 7;
/** anything else: a decoded value (and, for kinds whose encoding can fail, its JSON). */
const VALUE = 8;

type Code =
  | typeof INT
  | typeof UINT
  | typeof I64
  | typeof U64
  | typeof F32
  | typeof F64
  | typeof BOOL
  | typeof STR
  | typeof VALUE;

/** Words a side of code `c` takes in a row. */
function widthOf(c: Code): number {
  return c === I64 || c === U64 || c === F64 || c === STR ? 2 : c === VALUE ? 0 : 1;
}

/** The code of slots of type `t` (the slot readers' choice, in slot_reader.ts). */
function codeOf(t: GoType, wide: boolean): Code {
  switch (t.kind) {
    case "int8":
    case "int16":
    case "int32":
      return INT;
    case "uint8":
    case "uint16":
    case "uint32":
      return UINT;
    case "int64":
      return I64;
    case "uint64":
      return U64;
    case "int":
      return wide ? I64 : INT;
    case "uint":
    case "uintptr":
      return wide ? U64 : UINT;
    case "float32":
      return F32;
    case "float64":
      return F64;
    case "bool":
      return BOOL;
    case "string":
      return STR;
    default:
      return VALUE;
  }
}

/** Scratch for turning float bits into numbers. */
const BITS = new DataView(new ArrayBuffer(8));

function f32(w: number): number {
  BITS.setUint32(0, w, true);
  return BITS.getFloat32(0, true);
}

function f64(lo: number, hi: number): number {
  BITS.setUint32(0, lo, true);
  BITS.setUint32(4, hi, true);
  return BITS.getFloat64(0, true);
}

/** The 64-bit integer of two words: a number when it is a safe integer, else a bigint. */
function int64(lo: number, hi: number, signed: boolean): number | bigint {
  const h = signed ? hi | 0 : hi;
  if (h >= -0x200000 && h < 0x200000) return h * 4294967296 + lo;
  const v = (BigInt(hi) << 32n) | BigInt(lo);
  return signed ? BigInt.asIntN(64, v) : v;
}

/** The decoded value `v` of the words, as the slot reader of code `c` returns it. */
function wordsValue(c: Code, w: Uint32Array, at: number, pool: Uint8Array, poolBase: number): GoValue {
  switch (c) {
    case INT:
      return w[at]! | 0;
    case UINT:
      return w[at]!;
    case I64:
    case U64: {
      const v = int64(w[at]!, w[at + 1]!, c === I64);
      return typeof v === "bigint" ? v : BigInt(v);
    }
    case F32:
      return f32(w[at]!);
    case F64:
      return f64(w[at]!, w[at + 1]!);
    case BOOL:
      return w[at] !== 0;
    default:
      return utf8Text(pool, poolBase + w[at]!, w[at + 1]!);
  }
}

/**
 * The most bytes a side of code `c` takes in {@linkcode EntryTable.writeLines}'s fast path (a
 * string's: its quotes, its bytes added per row), or -1 (a big number) for codes it does not write.
 */
function widthBound(c: Code): number {
  switch (c) {
    case INT:
    case UINT:
      return 11;
    case I64:
    case U64:
      return 20;
    case BOOL:
      return 5;
    case STR:
      return 2;
    default:
      return -1e9;
  }
}

/**
 * Writes the side of code `c` at `w[at]` into `b` from `p` (room made) as Go's JSON, and returns
 * where it ended; -1 for a string with a byte to escape or a code it does not write.
 */
function putSide(
  b: Uint8Array,
  p: number,
  c: Code,
  w: Uint32Array,
  at: number,
  pool: Uint8Array,
  poolBase: number,
): number {
  switch (c) {
    case INT:
      return putInt(b, p, w[at]! | 0);
    case UINT:
      return putInt(b, p, w[at]!);
    case I64:
    case U64: {
      const lo = w[at]!, hi = w[at + 1]!;
      // an int32 in int32 arithmetic (most are): no double made
      if (hi === 0 ? lo < 0x80000000 : c === I64 && hi === 0xffffffff && lo >= 0x80000000) {
        return putInt(b, p, lo | 0);
      }
      return putInt64(b, p, lo, hi, c === I64);
    }
    case BOOL:
      if (w[at] !== 0) (b[p] = 0x74, b[p + 1] = 0x72, b[p + 2] = 0x75, b[p + 3] = 0x65);
      else (b[p] = 0x66, b[p + 1] = 0x61, b[p + 2] = 0x6c, b[p + 3] = 0x73, b[p + 4] = 0x65, p++);
      return p + 4;
    case STR: {
      const from = poolBase + w[at]!, end = from + w[at + 1]!;
      b[p++] = 0x22;
      for (let j = from; j < end; j++) {
        const x = pool[j]!;
        if (!isPlainJsonChar(x)) return -1;
        b[p++] = x;
      }
      b[p++] = 0x22;
      return p;
    }
    default:
      return -1;
  }
}

/** {@linkcode putSide} of a 64-bit integer of two words (kept apart: the common sides stay small). */
function putInt64(b: Uint8Array, p: number, lo: number, hi: number, signed: boolean): number {
  const v = int64(lo, hi, signed);
  if (typeof v === "number") return putInt(b, p, v);
  const s = v.toString();
  for (let j = 0; j < s.length; j++) b[p++] = s.charCodeAt(j);
  return p;
}

/** One side's column layout: its code, its first word in a row, its values' encoding. */
interface Side {
  readonly code: Code;
  readonly offset: number;
  readonly encode: (v: GoValue) => string;
}

/**
 * The entries of one snapshot as columns: a table of rows, one per entry, in walk order.
 * Immutable once made.
 */
export class EntryTable {
  readonly #key: Side;
  readonly #value: Side;
  readonly #stride: number;
  readonly #words: Uint32Array;
  /** Where row 0 starts in `#words`. */
  readonly #base: number;
  readonly #pool: Uint8Array;
  /** Where the string bytes start in `#pool` (string offsets are from there). */
  readonly #poolBase: number;
  readonly #keyValues: readonly GoValue[] | undefined;
  readonly #valueValues: readonly GoValue[] | undefined;
  readonly #keyJsons: readonly string[] | undefined;
  readonly #valueJsons: readonly string[] | undefined;
  readonly #type: EntryType;

  /** Made by {@linkcode EntryTableBuilder.finish}. */
  constructor(
    readonly length: number,
    type: EntryType,
    key: Side,
    value: Side,
    stride: number,
    words: Uint32Array,
    base: number,
    pool: Uint8Array,
    poolBase: number,
    keyValues: GoValue[] | undefined,
    valueValues: GoValue[] | undefined,
    keyJsons: string[] | undefined,
    valueJsons: string[] | undefined,
  ) {
    this.#type = type;
    this.#key = key;
    this.#value = value;
    this.#stride = stride;
    this.#words = words;
    this.#base = base;
    this.#pool = pool;
    this.#poolBase = poolBase;
    this.#keyValues = keyValues;
    this.#valueValues = valueValues;
    this.#keyJsons = keyJsons;
    this.#valueJsons = valueJsons;
  }

  #side(side: 0 | 1): Side {
    return side === 0 ? this.#key : this.#value;
  }

  /** The decoded key (`side` 0) or value (1) of row `i`. */
  decoded(i: number, side: 0 | 1): GoValue {
    const s = this.#side(side);
    if (s.code === VALUE) return (side === 0 ? this.#keyValues : this.#valueValues)![i]!;
    return wordsValue(
      s.code,
      this.#words,
      this.#base + i * this.#stride + s.offset,
      this.#pool,
      this.#poolBase,
    );
  }

  /** Go's JSON of the key (`side` 0) or value (1) of row `i`. */
  sideJson(i: number, side: 0 | 1): string {
    const s = this.#side(side);
    const at = this.#base + i * this.#stride + s.offset;
    const w = this.#words;
    switch (s.code) {
      case INT:
        return String(w[at]! | 0);
      case UINT:
        return String(w[at]!);
      case I64:
      case U64:
        return String(int64(w[at]!, w[at + 1]!, s.code === I64));
      case F32:
        return goJsonFloat(f32(w[at]!), 32);
      case F64:
        return goJsonFloat(f64(w[at]!, w[at + 1]!), 64);
      case BOOL:
        return w[at] !== 0 ? "true" : "false";
      case STR:
        return goJsonString(utf8Text(this.#pool, this.#poolBase + w[at]!, w[at + 1]!));
      default:
        return (side === 0 ? this.#keyJsons : this.#valueJsons)?.[i] ?? s.encode(this.decoded(i, side));
    }
  }

  /** `[key,value]` of row `i` in Go's JSON. */
  json(i: number): string {
    return `[${this.sideJson(i, 0)},${this.sideJson(i, 1)}]`;
  }

  /** Writes `[key,value]` of row `i` into `out`, as {@linkcode EntryTable.json} spells it, making no strings for integer, bool and plain ASCII string sides. */
  writeJson(i: number, out: TextBuffer): void {
    out.byte(0x5b);
    this.#writeSide(i, 0, out);
    out.byte(0x2c);
    this.#writeSide(i, 1, out);
    out.byte(0x5d);
  }

  /**
   * Writes rows `0` to `n - 1` as lines: `indent`, `[key,value]` as {@linkcode EntryTable.json}
   * spells it, and a newline. A row of integers, bools and plain ASCII strings is written with one
   * room check and no strings made; any other row as {@linkcode EntryTable.writeJson} writes it.
   */
  writeLines(n: number, out: TextBuffer, indent: Uint8Array): void {
    const w = this.#words,
      stride = this.#stride,
      base = this.#base,
      pool = this.#pool,
      poolBase = this.#poolBase;
    const kc = this.#key.code, vc = this.#value.code, vo = this.#value.offset;
    const fixed = widthBound(kc) + widthBound(vc);
    const il = indent.length;
    for (let i = 0; i < n; i++) {
      const at = base + i * stride;
      if (fixed >= 0) {
        // room: the indent, `[`, `,`, `]`, the newline, and each side at its longest
        const need = il + 4 + fixed + (kc === STR ? w[at + 1]! : 0) + (vc === STR ? w[at + vo + 1]! : 0);
        const b = out.reserve(need);
        const start = out.length;
        let p = start;
        for (let j = 0; j < il; j++) b[p++] = indent[j]!;
        b[p++] = 0x5b;
        p = putSide(b, p, kc, w, at, pool, poolBase);
        if (p >= 0) {
          b[p++] = 0x2c;
          p = putSide(b, p, vc, w, at + vo, pool, poolBase);
          if (p >= 0) {
            b[p++] = 0x5d;
            b[p++] = 0x0a;
            out.commit(p);
            continue;
          }
        }
        out.commit(start); // a string to escape: the row as writeJson writes it
      }
      out.bytes(indent);
      this.writeJson(i, out);
      out.byte(0x0a);
    }
  }

  #writeSide(i: number, side: 0 | 1, out: TextBuffer): void {
    // integers, bools and printable ASCII strings with nothing to escape as putSide writes them;
    // anything else as sideJson spells it
    const s = this.#side(side);
    const bound = widthBound(s.code);
    if (bound >= 0) {
      const at = this.#base + i * this.#stride + s.offset, w = this.#words;
      const b = out.reserve(bound + (s.code === STR ? w[at + 1]! : 0));
      const p = putSide(b, out.length, s.code, w, at, this.#pool, this.#poolBase);
      if (p >= 0) return out.commit(p);
    }
    out.text(this.sideJson(i, side));
  }

  /** The entry of row `i`, made now (its encodings made when first asked for, as ever). */
  entry(i: number): MapEntry {
    const k = this.#keyJsons?.[i];
    const v = this.#valueJsons?.[i];
    return newEntry(this.decoded(i, 0), this.decoded(i, 1), this.#type, k, v);
  }

  /** Every row as a {@linkcode MapEntry}, in order. */
  entries(): MapEntry[] {
    const n = this.length;
    const out = new Array<MapEntry>(n);
    for (let i = 0; i < n; i++) out[i] = this.entry(i);
    return out;
  }
}

/** Rows reserved at most up front; a longer table grows as it is filled. */
const MAX_RESERVE = 1 << 20;

/** Elements (words or bytes) per arena chunk. */
const CHUNK = 1 << 13;

/** Tables needing more words or bytes than this get storage of their own. */
const OWN = CHUNK >> 3;

/**
 * Where small tables keep their words and string bytes: shared chunks, so that a table is not
 * two array buffers of its own (four objects and two external allocations, freed by the collector
 * one by one). Tables are written into the current chunk in place (a table's rows are reserved at
 * its start, its bytes committed at its end; one table is made at a time), and a chunk lives
 * while a table in it does.
 */
const ARENA = { words: new Uint32Array(CHUNK), wordsUsed: 0, bytes: new Uint8Array(CHUNK), bytesUsed: 0 };

const NO_WORDS = new Uint32Array(0);

/**
 * Makes the entry tables of one map type from key and value slot addresses, one table at a time:
 * rows are written straight into their final storage (see `ARENA`), with no copy at the end.
 */
export class EntryTableBuilder {
  readonly #mem: GuestMemory;
  readonly #type: EntryType;
  readonly #key: Side;
  readonly #value: Side;
  readonly #stride: number;
  readonly #keySize: number;
  readonly #valueSize: number;
  readonly #readKey: SlotReader | undefined;
  readonly #readValue: SlotReader | undefined;
  readonly #eagerKey: boolean;
  readonly #eagerValue: boolean;
  readonly #ptrSize: 4 | 8;
  /** The table's words: rows from `#base`, room for `#cap` rows. */
  #words = NO_WORDS;
  #base = 0;
  #cap = 0;
  /** The table's string bytes: from `#poolBase`, `#poolLength` of them. */
  #pool = ARENA.bytes;
  #poolBase = 0;
  #poolLength = 0;
  #rows = 0;
  #keyValues: GoValue[] | undefined;
  #valueValues: GoValue[] | undefined;
  #keyJsons: string[] | undefined;
  #valueJsons: string[] | undefined;
  #dv: DataView;
  #u8: Uint8Array;

  /**
   * The builder for map type `t` over `mem`, decoding interfaces with `iface`. `keyReader`
   * replaces the key's reader and slot size (TinyGo's boxed keys); its values are kept decoded.
   */
  constructor(
    mem: GuestMemory,
    t: GoType,
    iface?: InterfaceReader,
    keyReader?: { read: SlotReader; size: number },
  ) {
    const wide = mem.ptrSize === 8;
    this.#mem = mem;
    this.#ptrSize = mem.ptrSize;
    this.#type = entryType(t);
    const kc = keyReader ? VALUE : codeOf(t.key!, wide);
    const vc = codeOf(t.elem!, wide);
    this.#key = { code: kc, offset: 0, encode: this.#type.key };
    this.#value = { code: vc, offset: widthOf(kc), encode: this.#type.value };
    this.#stride = widthOf(kc) + widthOf(vc);
    this.#keySize = keyReader?.size ?? t.key!.size;
    this.#valueSize = t.elem!.size;
    this.#readKey = kc === VALUE ? keyReader?.read ?? slotReader(mem, t.key!, iface) : undefined;
    this.#readValue = vc === VALUE ? slotReader(mem, t.elem!, iface) : undefined;
    this.#eagerKey = this.#type.eagerKey;
    this.#eagerValue = this.#type.eagerValue;
    this.#dv = mem.dataView();
    this.#u8 = mem.u8array();
  }

  /**
   * Starts a table of about `rows` rows (the rows are reserved now, within a cap; more grow the
   * table). A table begun must be finished before another is begun by any builder.
   */
  begin(rows: number): void {
    this.#rows = 0;
    const cap = Math.max(0, Math.min(rows, MAX_RESERVE));
    const n = cap * this.#stride;
    if (n <= OWN) {
      if (ARENA.wordsUsed + n > CHUNK) (ARENA.words = new Uint32Array(CHUNK), ARENA.wordsUsed = 0);
      this.#words = ARENA.words;
      this.#base = ARENA.wordsUsed;
      ARENA.wordsUsed += n;
    } else {
      this.#words = new Uint32Array(n);
      this.#base = 0;
    }
    this.#cap = cap;
    this.#pool = ARENA.bytes;
    this.#poolBase = ARENA.bytesUsed;
    this.#poolLength = 0;
    this.#keyValues =
      this.#valueValues =
      this.#keyJsons =
      this.#valueJsons =
        undefined;
    if (this.#key.code === VALUE) (this.#keyValues = [], this.#keyJsons = this.#eagerKey ? [] : undefined);
    if (this.#value.code === VALUE) {
      (this.#valueValues = [], this.#valueJsons = this.#eagerValue ? [] : undefined);
    }
  }

  /** Rows added since {@linkcode EntryTableBuilder.begin}. */
  get rows(): number {
    return this.#rows;
  }

  /**
   * Adds the entry whose key and value slots are at `keyAddr` and `valueAddr`, spending `budget`.
   * Throws what the slot readers throw ({@linkcode MemoryAccessError}, `CorruptMapError`,
   * `DecodeBudgetError`); the table is then as it was before the call.
   */
  add(keyAddr: number, valueAddr: number, budget: DecodeBudget): void {
    // a detached buffer (memory grew since) has length 0: take the new one
    if (this.#u8.length === 0) (this.#dv = this.#mem.dataView(), this.#u8 = this.#mem.u8array());
    const u8 = this.#u8;
    if (keyAddr + this.#keySize > u8.length) throw new MemoryAccessError(keyAddr, this.#keySize, u8.length);
    if (valueAddr + this.#valueSize > u8.length) {
      throw new MemoryAccessError(valueAddr, this.#valueSize, u8.length);
    }
    const row = this.#rows;
    if (row >= this.#cap) this.#grow();
    const at = this.#base + row * this.#stride;
    const poolMark = this.#poolLength;
    try {
      this.#read(this.#key, this.#readKey, this.#keyValues, keyAddr, at, budget);
      this.#read(this.#value, this.#readValue, this.#valueValues, valueAddr, at, budget);
      // kinds whose encoding can fail are encoded now, so that such an entry fails here
      if (this.#keyJsons) this.#keyJsons.push(this.#type.key(this.#keyValues![row]!));
      if (this.#valueJsons) this.#valueJsons.push(this.#type.value(this.#valueValues![row]!));
    } catch (e) {
      this.#poolLength = poolMark;
      for (const a of [this.#keyValues, this.#valueValues, this.#keyJsons, this.#valueJsons]) {
        if (a && a.length > row) a.length = row;
      }
      throw e;
    }
    this.#rows = row + 1;
  }

  /** Moves the rows so far into storage of their own with room for twice as many. */
  #grow(): void {
    const cap = Math.max(16, 2 * this.#cap);
    const grown = new Uint32Array(cap * this.#stride);
    const used = this.#rows * this.#stride;
    for (let i = 0; i < used; i++) grown[i] = this.#words[this.#base + i]!;
    this.#words = grown;
    this.#base = 0;
    this.#cap = cap;
  }

  /** Reads one side's slot at `addr` into the row's words from `at`. */
  #read(
    s: Side,
    reader: SlotReader | undefined,
    values: GoValue[] | undefined,
    addr: number,
    at: number,
    budget: DecodeBudget,
  ): void {
    const dv = this.#dv, w = this.#words, o = at + s.offset;
    switch (s.code) {
      case INT:
        w[o] = this.#readInt(s === this.#key ? this.#keySize : this.#valueSize, addr);
        return;
      case UINT:
        w[o] = this.#readUint(s === this.#key ? this.#keySize : this.#valueSize, addr);
        return;
      case I64:
      case U64:
      case F64:
        w[o] = dv.getUint32(addr, true);
        w[o + 1] = dv.getUint32(addr + 4, true);
        return;
      case F32:
        w[o] = dv.getUint32(addr, true);
        return;
      case BOOL:
        w[o] = this.#u8[addr] !== 0 ? 1 : 0;
        return;
      case STR:
        return this.#readString(addr, o, budget);
      default:
        values!.push(reader!(dv, this.#u8, addr, budget));
    }
  }

  #readInt(size: number, addr: number): number {
    const dv = this.#dv;
    return size === 1 ? dv.getInt8(addr) : size === 2 ? dv.getInt16(addr, true) : dv.getInt32(addr, true);
  }

  #readUint(size: number, addr: number): number {
    const dv = this.#dv;
    return size === 1 ? this.#u8[addr]! : size === 2 ? dv.getUint16(addr, true) : dv.getUint32(addr, true);
  }

  /** A string header at `addr`: its bytes checked, paid for and copied into the pool. */
  #readString(addr: number, o: number, budget: DecodeBudget): void {
    const u8 = this.#u8;
    readStringSlot(this.#dv, u8, addr, this.#ptrSize, budget);
    const { ptr, len } = STRING_SLOT;
    const from = this.#poolLength;
    this.#words[o] = from;
    this.#words[o + 1] = len;
    if (len === 0) return;
    if (this.#poolBase + from + len > this.#pool.length) this.#growPool(from + len);
    const p = this.#pool, to = this.#poolBase + from;
    if (len <= 32) { for (let j = 0; j < len; j++) p[to + j] = u8[ptr + j]!; }
    else p.set(u8.subarray(ptr, ptr + len), to);
    this.#poolLength = from + len;
  }

  /** Moves the table's bytes so far to a fresh chunk (or storage of their own) with room for `need`. */
  #growPool(need: number): void {
    const own = need > OWN;
    const grown = new Uint8Array(own ? Math.max(2 * need, CHUNK) : CHUNK);
    const p = this.#pool, from = this.#poolBase;
    for (let i = 0; i < this.#poolLength; i++) grown[i] = p[from + i]!;
    if (!own) (ARENA.bytes = grown, ARENA.bytesUsed = 0);
    this.#pool = grown;
    this.#poolBase = 0;
  }

  /** The table of the rows added since {@linkcode EntryTableBuilder.begin}; the builder is then ready to begin again. */
  finish(): EntryTable {
    const n = this.#rows, used = n * this.#stride;
    let words = this.#words, pool = this.#pool;
    if (words === ARENA.words) {
      // rows reserved and not used (a table cut short) go back when nothing was reserved since
      if (ARENA.wordsUsed === this.#base + this.#cap * this.#stride) ARENA.wordsUsed = this.#base + used;
    } else if (words.length > used + (used >> 2)) words = words.slice(0, used);
    if (pool === ARENA.bytes) ARENA.bytesUsed = this.#poolBase + this.#poolLength;
    else if (pool.length > this.#poolLength + (this.#poolLength >> 2)) pool = pool.slice(0, this.#poolLength);
    const table = new EntryTable(
      n,
      this.#type,
      this.#key,
      this.#value,
      this.#stride,
      words,
      words === this.#words ? this.#base : 0,
      pool,
      pool === this.#pool ? this.#poolBase : 0,
      this.#keyValues,
      this.#valueValues,
      this.#keyJsons,
      this.#valueJsons,
    );
    this.#keyValues =
      this.#valueValues =
      this.#keyJsons =
      this.#valueJsons =
        undefined;
    this.#rows =
      this.#cap =
      this.#base =
      this.#poolLength =
        0;
    this.#words = NO_WORDS;
    this.#pool = ARENA.bytes;
    return table;
  }
}

// One builder and one table kept (over an empty memory), so that their shapes outlive every run
// (see ../_keep_shape.ts); with them, an entry's.
const SENTINEL_TYPE: GoType = {
  kind: "map",
  size: 8,
  align: 8,
  key: { kind: "int", size: 8, align: 8 },
  elem: { kind: "string", size: 16, align: 8 },
};
const SENTINEL_BUILDER = keepShape(
  new EntryTableBuilder(new GuestMemory(new ArrayBuffer(8), 8), SENTINEL_TYPE),
);
SENTINEL_BUILDER.begin(0);
keepShape(SENTINEL_BUILDER.finish());
keepShape(newEntry(0, "", entryType(SENTINEL_TYPE)));

/**
 * The method by which a snapshot record made with entries gives its table: keyed by a symbol, so
 * that it is no own property (not in copies, not in JSON).
 */
export const ENTRY_TABLE: unique symbol = Symbol("mapscope.entryTable");

/** A snapshot record whose entries are a table. */
export interface WithEntryTable {
  /** The record's entry table, if it was made with entries. */
  [ENTRY_TABLE](): EntryTable | undefined;
}

/**
 * The entry table of a snapshot made by a family reader with entries; undefined for any other
 * (a plain object, a copy).
 */
export function entryTableOf(snapshot: object): EntryTable | undefined {
  const f = (snapshot as Partial<WithEntryTable>)[ENTRY_TABLE];
  return typeof f === "function" ? f.call(snapshot) : undefined;
}
