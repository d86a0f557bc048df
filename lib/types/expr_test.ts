import { test } from "node:test";
import assert from "node:assert/strict";
import { TypeExpressionError } from "../errors.ts";
import { typeString } from "../model/gotype.ts";
import { parseGoType } from "./expr.ts";

test("parseGoType lays out basic kinds for 4- and 8-byte pointers", () => {
  const sizes = (expr: string) => [4, 8].map((p) => parseGoType(expr, p as 4 | 8).size);
  assert.deepEqual(sizes("string"), [8, 16]);
  assert.deepEqual(sizes("int"), [4, 8]);
  assert.deepEqual(sizes("[]byte"), [12, 24]);
  assert.deepEqual(sizes("interface{}"), [8, 16]);
  assert.deepEqual(sizes("any"), [8, 16]);
  assert.deepEqual(sizes("complex64"), [8, 8]);
  assert.equal(parseGoType("byte", 4).kind, "uint8");
  assert.equal(parseGoType("rune", 4).kind, "int32");
});

test("parseGoType aligns struct fields and pads the struct to its alignment", () => {
  const t = parseGoType("struct{A int8; B int64; C, D int16}", 8);
  assert.deepEqual(t.fields!.map((f) => [f.name, f.offset, f.exported]), [
    ["A", 0, true],
    ["B", 8, true],
    ["C", 16, true],
    ["D", 18, true],
  ]);
  assert.equal(t.size, 24);
  assert.equal(t.align, 8);
  assert.equal(parseGoType("struct{x int32}", 4).fields![0]!.exported, false);
});

test("parseGoType reads nested map, array, pointer and chan types", () => {
  const t = parseGoType("map[[3]uint16]*map[string]chan int", 4);
  assert.equal(t.key!.size, 6);
  assert.equal(t.key!.len, 3);
  assert.equal(t.elem!.kind, "pointer");
  assert.equal(t.elem!.elem!.elem!.kind, "chan");
  assert.equal(typeString(t), "map[[3]uint16]*map[string]chan int");
});

test("parseGoType refuses what it cannot parse or size, with TypeExpressionError", () => {
  for (
    const bad of [
      "map[",
      "map[]int]string",
      "map[[]int]string",
      "map[string]int extra",
      "[x]int",
      "main.Color",
      "struct{1a int}",
      "map[string]int$",
      "",
    ]
  ) {
    assert.throws(() => parseGoType(bad, 4), TypeExpressionError, bad);
  }
});

test("parseGoType refuses hostile expressions quickly and typed: deep nesting, huge arrays, huge input", () => {
  assert.throws(() => parseGoType("[1]".repeat(5000) + "int", 4), TypeExpressionError);
  assert.throws(() => parseGoType("*".repeat(20000) + "int", 4), TypeExpressionError);
  assert.throws(() => parseGoType("map[string][99999999999]struct{}", 8), TypeExpressionError);
  assert.throws(() => parseGoType("[4294967296]int8", 4), TypeExpressionError);
  assert.throws(() => parseGoType("map[string]" + "x".repeat(100_000), 4), TypeExpressionError);
  assert.equal(parseGoType("[1]".repeat(60) + "int", 4).size, 4, "nesting up to the limit is fine");
});
