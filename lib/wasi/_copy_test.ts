import { test } from "node:test";
import assert from "node:assert/strict";
import { copyBytes } from "./_copy.ts";

test("copyBytes copies every length, short (a loop) and long (set), at any offsets", () => {
  for (const len of [0, 1, 7, 63, 64, 65, 200]) {
    const src = Uint8Array.from({ length: 300 }, (_, i) => (i * 31 + 7) & 0xff);
    const dst = new Uint8Array(300);
    copyBytes(dst, 11, src, 5, len);
    const expected = new Uint8Array(300);
    expected.set(src.subarray(5, 5 + len), 11);
    assert.deepEqual(dst, expected, `${len} bytes`);
  }
});

test("copyBytes refuses a range past either end before copying anything, as set does", () => {
  for (const len of [4, 100]) {
    const src = new Uint8Array(128).fill(9);
    const dst = new Uint8Array(128);
    assert.throws(() => copyBytes(dst, 128 - len + 1, src, 0, len), RangeError, `dst overrun, ${len} bytes`);
    assert.throws(() => copyBytes(dst, 0, src, 128 - len + 1, len), RangeError, `src overrun, ${len} bytes`);
    assert.throws(() => copyBytes(dst, -1, src, 0, len), RangeError);
    assert.deepEqual(dst, new Uint8Array(128), "nothing copied");
  }
});
