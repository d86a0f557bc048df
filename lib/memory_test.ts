import { test } from "node:test";
import assert from "node:assert/strict";
import { GuestMemory, utf8Text } from "./memory.ts";
import { MemoryAccessError } from "./errors.ts";

test("a memory that grows is read at its new size, through views made before the growth", () => {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 4 });
  const g = new GuestMemory(memory, 4);
  assert.equal(g.size, 65536);
  assert.equal(g.contains(70000, 4), false);
  assert.throws(() => g.u32(70000), MemoryAccessError);
  memory.grow(1);
  new DataView(memory.buffer).setUint32(70000, 0xcafe, true);
  assert.equal(g.size, 131072);
  assert.equal(g.contains(70000, 4), true);
  assert.equal(g.u32(70000), 0xcafe);
  assert.equal(g.dataView().byteLength, 131072);
  assert.equal(g.u8array().length, 131072);
});

test("a shared memory that grows in place is read at its new size", () => {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 4, shared: true });
  const g = new GuestMemory(memory, 4);
  assert.equal(g.size, 65536);
  memory.grow(2);
  assert.equal(g.size, 196608);
  assert.equal(g.contains(150000, 8), true);
});

test("utf8Text reads every length of ASCII, and UTF-8 wherever a multi-byte character sits", () => {
  const enc = new TextEncoder();
  for (let n = 0; n <= 70; n++) {
    const ascii = Array.from({ length: n }, (_, i) => String.fromCharCode(32 + ((i * 7) % 95))).join("");
    const bytes = new Uint8Array(n + 8);
    bytes.set(enc.encode(ascii), 3);
    assert.equal(utf8Text(bytes, 3, n), ascii, `${n} ASCII bytes`);
    if (n >= 2) {
      const withE = ascii.slice(0, n >> 1) + "é" + ascii.slice((n >> 1) + 2);
      const b = enc.encode(withE);
      const buf = new Uint8Array(b.length + 5);
      buf.set(b, 5);
      assert.equal(utf8Text(buf, 5, b.length), withE, `${b.length} bytes with é at ${n >> 1}`);
    }
  }
});

test("8-byte pointers: the low word when the high word is zero, MemoryAccessError otherwise or past the end", () => {
  const bytes = new Uint8Array(32);
  const dv = new DataView(bytes.buffer);
  dv.setUint32(0, 0xfffffff0, true); // a pointer near 4 GiB, high word 0
  dv.setUint32(8, 16, true);
  dv.setUint32(12, 1, true); // high word set: not a wasm32 address
  const g = new GuestMemory(bytes, 8);
  assert.equal(g.ptr(0), 0xfffffff0);
  assert.throws(() => g.ptr(8), MemoryAccessError);
  assert.throws(() => g.ptr(28), MemoryAccessError, "4 of its 8 bytes are past the end");
  assert.equal(new GuestMemory(bytes, 4).ptr(8), 16, "4-byte pointers read one word");
});
