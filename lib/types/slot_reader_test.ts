import { test } from "node:test";
import assert from "node:assert/strict";
import { GuestMemory } from "../memory.ts";
import { DecodeBudget, decodeValue } from "./decode.ts";
import { entryDecoder, plainEntry, writeEntryJson } from "./entry.ts";
import { TextBuffer } from "../_text_buffer.ts";
import { parseGoType } from "./expr.ts";
import { isScalarKind, slotReader } from "./slot_reader.ts";
import { DecodeBudgetError, MemoryAccessError } from "../errors.ts";

function memory(ptrSize: 4 | 8): { mem: GuestMemory; dv: DataView; u8: Uint8Array } {
  const u8 = new Uint8Array(256);
  const dv = new DataView(u8.buffer);
  return { mem: new GuestMemory(u8.buffer, ptrSize), dv, u8 };
}

test("every fast reader reads what the generic decoder reads", () => {
  for (const ptrSize of [4, 8] as const) {
    const { mem, dv, u8 } = memory(ptrSize);
    for (let i = 0; i < 64; i++) u8[i] = (i * 37 + 11) & 0xff;
    u8[0] = 1; // a bool
    const kinds = [
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
    ];
    for (const k of kinds) {
      const t = parseGoType(k, ptrSize);
      assert.ok(isScalarKind(t), k);
      const fast = slotReader(mem, t)(dv, u8, 0, new DecodeBudget(1 << 20));
      assert.deepEqual(fast, decodeValue(mem, 0, t), `${k} on ${ptrSize}-byte pointers`);
    }
  }
});

test("string reader: text, bounds, high words, budget", () => {
  for (const ptrSize of [4, 8] as const) {
    const { mem, dv, u8 } = memory(ptrSize);
    u8.set(new TextEncoder().encode("héllo"), 100);
    dv.setUint32(0, 100, true);
    dv.setUint32(ptrSize, 6, true);
    const read = slotReader(mem, parseGoType("string", ptrSize));
    assert.equal(read(dv, u8, 0, new DecodeBudget(1 << 20)), "héllo");
    assert.throws(() => read(dv, u8, 0, new DecodeBudget(10)), DecodeBudgetError);
    dv.setUint32(ptrSize, 200, true); // past the end of memory
    assert.throws(() => read(dv, u8, 0, new DecodeBudget(1 << 20)), MemoryAccessError);
    if (ptrSize === 8) {
      dv.setUint32(8, 6, true);
      dv.setUint32(12, 1, true); // a length over 2^32
      assert.throws(() => read(dv, u8, 0, new DecodeBudget(1 << 20)), MemoryAccessError);
      dv.setUint32(12, 0, true);
      dv.setUint32(4, 1, true); // a pointer over 2^32
      assert.throws(() => read(dv, u8, 0, new DecodeBudget(1 << 20)), MemoryAccessError);
    }
  }
});

test("entries: JSON made on first use, plain copies for structured clone, slots outside memory refused", () => {
  const { mem, dv, u8 } = memory(4);
  u8.set(new TextEncoder().encode("a<b"), 100);
  dv.setUint32(0, 100, true);
  dv.setUint32(4, 3, true);
  dv.setInt32(8, -7, true);
  const t = parseGoType("map[string]int32", 4);
  const decode = entryDecoder(mem, t);
  const e = decode(0, 8, new DecodeBudget(1 << 20));
  assert.equal(e.key, "a<b");
  assert.equal(e.value, -7);
  assert.equal(e.json, '["a\\u003cb",-7]');
  const plain = plainEntry(e);
  assert.deepEqual(structuredClone(plain), {
    key: "a<b",
    value: -7,
    json: e.json,
    keyJson: e.keyJson,
    valueJson: "-7",
  });
  assert.deepEqual(JSON.parse(JSON.stringify(e)), plain);
  assert.throws(() => decode(0, 254, new DecodeBudget(1 << 20)), MemoryAccessError);
});

test("an entry written into a text buffer spells exactly its json, for every fast kind and any string", () => {
  const strings = [
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
    "amp&",
  ];
  for (const ptrSize of [4, 8] as const) {
    const { mem, dv, u8 } = memory(ptrSize);
    for (const value of ["int32", "int64", "uint64", "int", "bool", "string"]) {
      const t = parseGoType(`map[string]${value}`, ptrSize);
      const decode = entryDecoder(mem, t);
      const out = new TextBuffer();
      for (const [i, s] of strings.entries()) {
        const bytes = new TextEncoder().encode(s);
        u8.fill(0);
        u8.set(bytes, 128);
        dv.setUint32(0, 128, true);
        dv.setUint32(ptrSize, bytes.length, true);
        // the value slot at 64: an integer, a bool, or the same string again
        if (value === "string") {
          dv.setUint32(64, 128, true);
          dv.setUint32(64 + ptrSize, bytes.length, true);
        } else {
          dv.setInt32(64, i % 2 ? -(i * 1_000_003) : i, true);
          dv.setInt32(68, value === "int32" ? 0 : i % 2 ? -1 : i * 77);
        }
        const e = decode(0, 64, new DecodeBudget(1 << 20));
        writeEntryJson(e, out);
        assert.equal(
          out.take(),
          e.json,
          `map[string]${value} with ${JSON.stringify(s)}, ${ptrSize}-byte pointers`,
        );
        writeEntryJson(plainEntry(e), out);
        assert.equal(out.take(), e.json, "a plain entry is written from its json");
      }
    }
  }
});
