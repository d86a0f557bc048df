import { test } from "node:test";
import assert from "node:assert/strict";
import { callSites, loopStarts } from "./instructions.ts";

test("loopStarts finds each loop after its block type, skipping every immediate", () => {
  // loop (empty) ; br 0 ; end ; end
  assert.deepEqual(loopStarts(new Uint8Array([0x03, 0x40, 0x0c, 0x00, 0x0b, 0x0b]), 0, 6), [2]);
  // i32.const -1 (0x7f) ; f64.const ; loop (type 0x7f) ; i64.load memarg ; end ; drop ; end
  const body = [
    0x41,
    0x7f,
    0x44,
    0x03,
    0x03,
    0x03,
    0x03,
    0x03,
    0x03,
    0x03,
    0x03,
    0x03,
    0x7f,
    0x29,
    0x03,
    0x00,
    0x0b,
    0x1a,
    0x0b,
  ];
  assert.deepEqual(loopStarts(new Uint8Array(body), 0, body.length), [13]);
});

test("an unknown instruction, or a body that does not end where it should, gives undefined", () => {
  assert.equal(loopStarts(new Uint8Array([0xff, 0x0b]), 0, 2), undefined);
  assert.equal(loopStarts(new Uint8Array([0x41, 0x80]), 0, 2), undefined);
});

test("callSites finds each direct call of a wanted callee, never an immediate that looks like one", () => {
  const body = [
    0x41,
    0x10, // i32.const 16: a 0x10 byte that is no call
    0x10,
    0x03, // call 3
    0x10,
    0x85,
    0x01, // call 133 (a two-byte index)
    0x11,
    0x10,
    0x00, // call_indirect (type 16): not a direct call
    0x10,
    0x05, // call 5
    0x0b,
  ]; // deno-fmt-ignore
  const b = new Uint8Array(body);
  assert.deepEqual(callSites(b, 0, b.length, () => true), [
    { at: 2, callee: 3 },
    { at: 4, callee: 133 },
    { at: 10, callee: 5 },
  ]);
  assert.deepEqual(callSites(b, 0, b.length, (c) => c === 133), [{ at: 4, callee: 133 }]);
  assert.equal(callSites(new Uint8Array([0x10, 0x03, 0xff, 0x0b]), 0, 4, () => true), undefined);
});
