import { test } from "node:test";
import assert from "node:assert/strict";
import { GuestMemory } from "../memory.ts";
import type { MapEntry } from "../model/snapshot.ts";
import { TextBuffer } from "../_text_buffer.ts";
import { DecodeBudget } from "./decode.ts";
import { entryDecoder } from "./entry.ts";
import { ENTRY_TABLE, type EntryTable, EntryTableBuilder, entryTableOf } from "./entry_table.ts";
import { parseGoType } from "./expr.ts";
import { DecodeBudgetError, MemoryAccessError } from "../errors.ts";

const SIZE = 1 << 14;
const SIDES = [
  "bool",
  "int8",
  "uint8",
  "int16",
  "uint16",
  "int32",
  "uint32",
  "int64",
  "uint64",
  "int",
  "uint",
  "uintptr",
  "float32",
  "float64",
  "string",
  "[2]uint16",
  "struct{A int8; B string}",
  "*int32",
] as const;

/** A deterministic generator (xorshift32). */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

const STRINGS = [
  "",
  "plain",
  "a<b",
  'q"uote',
  "back\\slash",
  "\u0001\n",
  "héllo",
  "☃",
  "\u2028",
  "del\u007f",
  "x".repeat(40),
];

/**
 * A memory of random slots from 0 to 8 KiB. Every slot-aligned word that a string header or a
 * pointer may occupy is patched so that some point at the strings at 12 KiB, some past memory.
 */
function randomMemory(ptrSize: 4 | 8, seed: number): { mem: GuestMemory; dv: DataView; u8: Uint8Array } {
  const u8 = new Uint8Array(SIZE);
  const dv = new DataView(u8.buffer);
  const next = rng(seed);
  for (let i = 0; i < 8192; i += 4) dv.setUint32(i, next(), true);
  // strings at 12 KiB, recorded as (offset, length) pairs
  const spots: [number, number][] = [];
  let at = 12 << 10;
  for (const s of STRINGS) {
    const b = new TextEncoder().encode(s);
    u8.set(b, at);
    spots.push([at, b.length]);
    at += b.length;
  }
  // every 16-byte row: a string header (or a pointer) at its start, most of them valid
  for (let row = 0; row < 8192; row += 16) {
    const r = next();
    if (r % 5 === 0) continue; // left random: 64-bit integers past 2^53
    const [p, n] = spots[r % spots.length]!;
    const bad = r % 23 === 0;
    dv.setUint32(row, bad ? SIZE - 2 : p, true);
    if (ptrSize === 8) {
      dv.setUint32(row + 4, r % 97 === 0 ? 1 : 0, true); // now and then a pointer over 2^32
      dv.setUint32(row + 8, n, true);
      dv.setUint32(row + 12, 0, true);
    } else dv.setUint32(row + 4, n, true);
    // some 64-bit integers small enough to be safe, some negative, in the second 8 bytes
    if (r % 3 === 0) dv.setUint32(row + 12, r % 2 ? 0xffffffff : 0, true);
    // and some at the row's start: an int32 as an int64 (a pointer's high word of all ones is refused)
    if (r % 7 === 1) {
      dv.setUint32(row + 4, 0xffffffff, true);
      if (r % 2) dv.setUint32(row, 0x80000000 | r, true);
    }
  }
  return { mem: new GuestMemory(u8.buffer, ptrSize), dv, u8 };
}

/** What the entry decoder makes of a pair (or the error it throws), for comparison. */
function expected(decode: ReturnType<typeof entryDecoder>, k: number, v: number): MapEntry | Error {
  try {
    const e = decode(k, v, new DecodeBudget(1 << 20));
    void e.json; // an encoding that fails fails here too
    return e;
  } catch (err) {
    return err as Error;
  }
}

function compareRow(table: EntryTable, i: number, e: MapEntry, what: string): void {
  const got = table.entry(i);
  assert.deepEqual(got.key, e.key, `${what}: key`);
  assert.deepEqual(got.value, e.value, `${what}: value`);
  assert.equal(got.keyJson, e.keyJson, `${what}: keyJson`);
  assert.equal(got.valueJson, e.valueJson, `${what}: valueJson`);
  assert.equal(table.json(i), e.json, `${what}: table json`);
  const out = new TextBuffer();
  table.writeJson(i, out);
  assert.equal(out.take(), e.json, `${what}: written json`);
}

test("a table row is the entry the entry decoder makes, for every side kind, or the same error", () => {
  let rows = 0, errors = 0, bigints = 0, safe64 = 0, negative32 = 0;
  for (const ptrSize of [4, 8] as const) {
    const { mem } = randomMemory(ptrSize, ptrSize * 7919);
    for (const k of SIDES) {
      for (const v of SIDES) {
        if (k === "*int32" && v !== "int32") continue; // pointer keys: one map is enough
        const t = parseGoType(`map[${k}]${v}`, ptrSize);
        const decode = entryDecoder(mem, t);
        const b = new EntryTableBuilder(mem, t);
        b.begin(8);
        const kept: [MapEntry, string][] = [];
        for (let row = 0; row < 48; row++) {
          const ka = 16 * row, va = 4096 + 16 * ((row * 7) % 200);
          const e = expected(decode, ka, va);
          const what = `map[${k}]${v} row ${row} (${ptrSize}-byte pointers)`;
          if (e instanceof Error) {
            assert.throws(() => b.add(ka, va, new DecodeBudget(1 << 20)), {
              name: e.name,
              message: e.message,
            }, what);
            errors++;
          } else {
            b.add(ka, va, new DecodeBudget(1 << 20));
            kept.push([e, what]);
            for (const x of [e.key, e.value]) {
              if (typeof x === "bigint") Number.isSafeInteger(Number(x)) ? safe64++ : bigints++;
              if (typeof x === "bigint" && x < 0n && x >= -(2n ** 31n)) negative32++;
            }
          }
          assert.equal(b.rows, kept.length, `${what}: rows after the add`);
        }
        const table = b.finish();
        assert.equal(table.length, kept.length);
        kept.forEach(([e, what], i) => compareRow(table, i, e, what));
        assert.deepEqual(table.entries().map((e) => e.json), kept.map(([e]) => e.json));
        // the lines of a text report: every row as json spells it (rows with strings to escape included)
        const out = new TextBuffer(16); // small: the rows make it grow
        out.text("x");
        table.writeLines(table.length, out, new Uint8Array([0x20, 0x20]));
        assert.equal(out.take(), "x" + kept.map(([e]) => `  ${e.json}\n`).join(""), `map[${k}]${v} lines`);
        rows += kept.length;
      }
    }
  }
  // the inputs reach every path: rows kept, rows refused, 64-bit values both safe and not
  assert.ok(
    rows > 10_000 && errors > 100 && bigints > 100 && safe64 > 100 && negative32 > 100,
    `${rows} ${errors} ${bigints} ${safe64} ${negative32}`,
  );
});

test("a string past memory, a high word set and an exhausted budget are refused, and the table is as before", () => {
  for (const ptrSize of [4, 8] as const) {
    const u8 = new Uint8Array(512);
    const dv = new DataView(u8.buffer);
    const mem = new GuestMemory(u8.buffer, ptrSize);
    const put = (at: number, s: string, ptr: number): void => {
      const bytes = new TextEncoder().encode(s);
      u8.set(bytes, ptr);
      dv.setUint32(at, ptr, true);
      dv.setUint32(at + ptrSize, bytes.length, true);
    };
    const b = new EntryTableBuilder(mem, parseGoType("map[string]string", ptrSize));
    b.begin(4);
    put(0, "key", 300);
    put(32, "value", 320);
    b.add(0, 32, new DecodeBudget(1 << 20));
    // the key is read (and copied) before the value fails: the copy must be undone
    put(64, "second", 340);
    dv.setUint32(96, 500, true);
    dv.setUint32(96 + ptrSize, 100, true);
    assert.throws(() => b.add(64, 96, new DecodeBudget(1 << 20)), MemoryAccessError);
    assert.throws(() => b.add(64, 32, new DecodeBudget(4 * 6 + 4 * 5 - 1)), DecodeBudgetError);
    if (ptrSize === 8) {
      dv.setUint32(96, 360, true);
      dv.setUint32(96 + 4, 1, true);
      assert.throws(() => b.add(64, 96, new DecodeBudget(1 << 20)), MemoryAccessError);
      dv.setUint32(96 + 4, 0, true);
      dv.setUint32(96 + 12, 1, true);
      assert.throws(() => b.add(64, 96, new DecodeBudget(1 << 20)), MemoryAccessError);
    }
    assert.throws(() => b.add(508, 32, new DecodeBudget(1 << 20)), MemoryAccessError, "a slot past memory");
    assert.equal(b.rows, 1);
    const budget = new DecodeBudget(1 << 20);
    b.add(64, 32, budget);
    assert.equal(budget.left, (1 << 20) - 4 * 6 - 4 * 5, "each string's bytes are paid for, 4 per byte");
    const t = b.finish();
    assert.deepEqual(t.entries().map((e) => e.json), ['["key","value"]', '["second","value"]']);
  }
});

test("tables made one after another each keep their own rows, small ones and large ones", () => {
  const u8 = new Uint8Array(1 << 16);
  const dv = new DataView(u8.buffer);
  const mem = new GuestMemory(u8.buffer, 4);
  const t = parseGoType("map[int32]string", 4);
  const b = new EntryTableBuilder(mem, t);
  const tables: [EntryTable, number, number][] = [];
  const text = "abcdefghijklmnopqrstuvwxyz";
  u8.set(new TextEncoder().encode(text), 60000);
  // 3000 tables of 1-40 rows and a few of 2000 rows: many times an arena chunk in all
  for (let n = 0; n < 3000; n++) {
    const rows = n % 500 === 7 ? 2000 : 1 + (n % 40);
    b.begin(rows);
    for (let r = 0; r < rows; r++) {
      dv.setInt32(0, n * 100_000 + r, true);
      dv.setUint32(8, 60000 + (r % 20), true);
      dv.setUint32(12, 1 + ((n + r) % 6), true);
      b.add(0, 8, new DecodeBudget(1 << 20));
    }
    tables.push([b.finish(), n, rows]);
  }
  for (const [table, n, rows] of tables) {
    assert.equal(table.length, rows);
    for (const r of [0, rows >> 1, rows - 1]) {
      const e = table.entry(r);
      assert.equal(e.key, n * 100_000 + r, `table ${n} row ${r}`);
      assert.equal(e.value, text.slice(r % 20, (r % 20) + 1 + ((n + r) % 6)), `table ${n} row ${r}`);
    }
  }
});

/** A record with table entries, as the families make them. */
class Rec {
  #table: EntryTable | undefined;
  constructor(readonly name: string, table: EntryTable | undefined) {
    this.#table = table;
  }
  [ENTRY_TABLE](): EntryTable | undefined {
    return this.#table;
  }
}

test("entryTableOf: the table of a record that has one; none for plain objects and copies", () => {
  const u8 = new Uint8Array(64);
  const dv = new DataView(u8.buffer);
  const mem = new GuestMemory(u8.buffer, 4);
  const b = new EntryTableBuilder(mem, parseGoType("map[int32]bool", 4));
  b.begin(2);
  dv.setInt32(0, -5, true);
  u8[4] = 1;
  b.add(0, 4, new DecodeBudget(100));
  const table = b.finish();
  const r = new Rec("m", table);
  assert.equal(entryTableOf(r), table);
  assert.deepEqual(table.entries().map((e) => e.json), ["[-5,true]"]);
  assert.equal(entryTableOf({ ...r }), undefined, "a copy is a plain object");
  assert.equal(entryTableOf({ entries: [] }), undefined);
  assert.equal(entryTableOf(new Rec("n", undefined)), undefined);
  assert.deepEqual(Object.keys(r), ["name"], "no own property of its own");
});
