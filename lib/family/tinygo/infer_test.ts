import { test } from "node:test";
import assert from "node:assert/strict";
import { parseGoType } from "../../types/expr.ts";
import type { TinyGoHeader } from "./header.ts";
import { inferTinyGoMapType } from "./infer.ts";

const header = (keySize: number, valueSize: number): TinyGoHeader => ({
  buckets: 0,
  seed: 0,
  count: 0,
  keySize,
  valueSize,
  bucketBits: 0,
  keyEqual: { context: 0, index: 0 },
  keyHash: { context: 0, index: 0 },
});
const STRING_HASH = "runtime.hashmapStringPtrHash";

test("the one program map type that fits the header gives the map its type", () => {
  const r = inferTinyGoMapType(header(8, 4), STRING_HASH, [
    parseGoType("map[string]int32", 4),
    parseGoType("map[int64]int32", 4), // 8-byte keys too, but hashed as binary
  ]);
  assert.equal(r.how, "inferred");
  assert.equal(
    r.note,
    "type inferred: the program's only map type with 8-byte string keys and 4-byte values",
  );
});

test("none or several fitting types: decoded by shape, and the note says why", () => {
  const none = inferTinyGoMapType(header(8, 4), STRING_HASH, []);
  assert.equal(none.how, "shape");
  assert.equal(none.note, "decoded by shape as map[string]uint32: no map type of the program fits");
  const two = inferTinyGoMapType(header(4, 8), "runtime.hash32", [
    parseGoType("map[int32]float64", 4),
    parseGoType("map[uint32]int64", 4),
  ]);
  assert.equal(two.how, "shape");
  assert.match(two.note, /^decoded by shape as map\[uint32\]uint64: 2 map types fit \(/);
  const odd = inferTinyGoMapType(header(3, 12), "runtime.hash32", []);
  assert.equal(odd.note.split(":")[0], "decoded by shape as map[[3]uint8][12]uint8");
});
