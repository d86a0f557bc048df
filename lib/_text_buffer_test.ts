import { test } from "node:test";
import assert from "node:assert/strict";
import { ascii, TextBuffer } from "./_text_buffer.ts";

test("TextBuffer writes integers as String does, in every range", () => {
  const b = new TextBuffer();
  const xs: (number | bigint)[] = [
    0,
    7,
    9,
    10,
    -1,
    -10,
    2 ** 31 - 1,
    2 ** 31,
    -(2 ** 31),
    2 ** 31 + 1,
    -(2 ** 31) - 1,
    999_999_999,
    1_000_000_000,
    4_294_967_295,
    9_999_999_999,
    10_000_000_000,
    10 ** 15 + 7,
    2 ** 32 + 5,
    Number.MAX_SAFE_INTEGER,
    -Number.MAX_SAFE_INTEGER,
    2 ** 60, // not safe: written as String writes it
    0n,
    -5n,
    2n ** 63n - 1n,
    -(2n ** 63n),
    2n ** 64n - 1n,
  ];
  for (const x of xs) {
    b.int(x);
    assert.equal(b.take(), String(x), `${x}`);
  }
});

test("TextBuffer writes hex as 0x + toString(16)", () => {
  const b = new TextBuffer();
  for (const x of [0, 1, 15, 16, 0xabcdef, 0xffffffff, 2 ** 33, 2 ** 40 + 3]) {
    b.hex(x);
    assert.equal(b.take(), "0x" + x.toString(16));
  }
});

test("TextBuffer text: ASCII, UTF-8, lone surrogates as U+FFFD, growth past the first buffer, rewind, take", () => {
  const b = new TextBuffer();
  b.text("héllo ☃ 𝄞");
  b.byte(0x20);
  b.text("a\ud800b");
  assert.equal(b.take(), "héllo ☃ 𝄞 a\ufffdb");
  assert.equal(b.length, 0, "take empties the buffer");
  const big = "x".repeat(100_000) + "é" + "y".repeat(200_000);
  b.text("<");
  b.text(big);
  b.text(">");
  assert.equal(b.take(), "<" + big + ">");
  b.text("keep");
  const at = b.length;
  b.text(" drop ☃");
  b.rewind(at);
  b.text("!");
  assert.equal(b.take(), "keep!");
});

test("TextBuffer bytes: ASCII constants copied as written, across growth; ascii refuses what is not ASCII", () => {
  const out = new TextBuffer(8);
  const a = ascii(" bucket(s) of ");
  let expect = "";
  for (let i = 0; i < 100; i++) {
    out.bytes(a);
    out.int(i);
    expect += " bucket(s) of " + i;
  }
  assert.equal(out.take(), expect);
  out.bytes(ascii(""));
  assert.equal(out.take(), "");
  assert.throws(() => ascii("héllo"), RangeError);
});
