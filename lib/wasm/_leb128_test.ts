import { test } from "node:test";
import assert from "node:assert/strict";
import { ModuleError } from "../errors.ts";
import { decodeS32, decodeU32, encodeS32, encodeU32 } from "./_leb128.ts";

test("LEB128 round-trips unsigned and signed 32-bit values", () => {
  for (const n of [0, 1, 63, 64, 127, 128, 255, 624485, 2 ** 31, 2 ** 32 - 1]) {
    const b = new Uint8Array(encodeU32(n));
    assert.deepEqual(decodeU32(b, 0), [n, b.length], String(n));
  }
  for (const n of [0, 1, -1, 63, 64, -64, -65, 0x4d53484b, -(2 ** 31), 2 ** 31 - 1]) {
    const b = new Uint8Array(encodeS32(n));
    assert.deepEqual(decodeS32(b, 0), [n, b.length], String(n));
  }
});

test("LEB128 decoding refuses truncated and over-long encodings", () => {
  assert.throws(() => decodeU32(new Uint8Array([0x80, 0x80]), 0), ModuleError);
  assert.throws(() => decodeU32(new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x80, 0x01]), 0), ModuleError);
  assert.throws(() => decodeS32(new Uint8Array([0xff]), 0), ModuleError);
});
