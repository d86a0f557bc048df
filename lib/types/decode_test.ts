import { test } from "node:test";
import assert from "node:assert/strict";
import { CorruptMapError, MemoryAccessError } from "../errors.ts";
import { GuestMemory } from "../memory.ts";
import { GoInterface, GoRef, GoSlice } from "../model/values.ts";
import { decodeValue, type InterfaceReader } from "./decode.ts";
import { parseGoType } from "./expr.ts";

/** A fake 4 KiB memory with little-endian writes. */
function fake(ptrSize: 4 | 8 = 4) {
  const bytes = new Uint8Array(4096);
  const dv = new DataView(bytes.buffer);
  return { bytes, dv, mem: () => new GuestMemory(bytes, ptrSize) };
}

test("decodeValue reads integers, floats and bools little-endian", () => {
  const f = fake();
  f.dv.setInt32(0, -5, true);
  f.dv.setBigInt64(8, -(2n ** 40n), true);
  f.dv.setFloat64(16, 2.5, true);
  f.bytes[24] = 1;
  const m = f.mem();
  assert.equal(decodeValue(m, 0, parseGoType("int32", 4)), -5);
  assert.equal(decodeValue(m, 0, parseGoType("int", 4)), -5);
  assert.equal(decodeValue(m, 0, parseGoType("uint32", 4)), 2 ** 32 - 5);
  assert.equal(decodeValue(m, 8, parseGoType("int64", 4)), -(2n ** 40n));
  assert.equal(decodeValue(m, 16, parseGoType("float64", 4)), 2.5);
  assert.equal(decodeValue(m, 24, parseGoType("bool", 4)), true);
});

test("decodeValue follows string and slice headers (4- and 8-byte pointers)", () => {
  const f = fake(8);
  f.bytes.set(new TextEncoder().encode("hello"), 512);
  f.dv.setUint32(0, 512, true); // string: ptr (8 bytes), len (8 bytes)
  f.dv.setUint32(8, 5, true);
  f.dv.setUint32(16, 512, true); // []byte: ptr, len 3, cap 5
  f.dv.setUint32(24, 3, true);
  f.dv.setUint32(32, 5, true);
  const m = f.mem();
  assert.equal(decodeValue(m, 0, parseGoType("string", 8)), "hello");
  const s = decodeValue(m, 16, parseGoType("[]byte", 8));
  assert.ok(s instanceof GoSlice);
  assert.deepEqual([...(s.items as Uint8Array)], [104, 101, 108]);
  assert.equal(s.cap, 5);
  assert.equal(decodeValue(m, 40, parseGoType("[]int", 8)), null, "nil slice");
});

test("decodeValue decodes structs, arrays and refs by the type's offsets", () => {
  const f = fake();
  f.dv.setInt16(100, 3, true);
  f.dv.setUint32(104, 0x200, true);
  f.dv.setUint8(108, 9);
  f.dv.setUint8(109, 8);
  const v = decodeValue(f.mem(), 100, parseGoType("struct{A int16; P *int; B [2]uint8}", 4));
  assert.equal((v as Record<string, unknown>).A, 3);
  const p = (v as Record<string, unknown>).P;
  assert.ok(p instanceof GoRef && p.address === 0x200 && p.toString() === "0x200");
  assert.deepEqual((v as Record<string, unknown>).B, [9, 8]);
});

test("decodeValue reads interfaces through the runtime's InterfaceReader", () => {
  const f = fake();
  f.dv.setUint32(0, 0x77, true); // type word
  f.dv.setUint32(4, 0x300, true); // data word: pointer to the value
  f.dv.setInt32(0x300, 42, true);
  const int32 = parseGoType("int32", 4);
  const iface: InterfaceReader = { typeAt: (w) => (w === 0x77 ? int32 : undefined), inline: () => false };
  const v = decodeValue(f.mem(), 0, parseGoType("any", 4), iface);
  assert.ok(v instanceof GoInterface);
  assert.equal(v.value, 42);
  const inline = decodeValue(f.mem(), 0, parseGoType("any", 4), { ...iface, inline: () => true });
  assert.equal((inline as GoInterface).value, 0x300);
  f.dv.setUint32(0, 0x99, true);
  assert.ok(decodeValue(f.mem(), 0, parseGoType("any", 4), iface) instanceof GoRef, "unknown type: a ref");
  f.dv.setUint32(0, 0, true);
  assert.equal(decodeValue(f.mem(), 0, parseGoType("any", 4), iface), null);
});

test("decodeValue throws typed errors for reads outside memory and runaway nesting", () => {
  const f = fake();
  f.dv.setUint32(0, 4000, true);
  f.dv.setUint32(4, 1000, true); // a string running past the end of memory
  assert.throws(() => decodeValue(f.mem(), 0, parseGoType("string", 4)), MemoryAccessError);
  assert.throws(() => decodeValue(f.mem(), 4095, parseGoType("int32", 4)), MemoryAccessError);
  let deep = "int8";
  for (let i = 0; i < 40; i++) deep = `[1]${deep}`;
  assert.throws(() => decodeValue(f.mem(), 0, parseGoType(deep, 4)), CorruptMapError);
});
