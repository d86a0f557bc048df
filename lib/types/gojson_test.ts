import { test } from "node:test";
import assert from "node:assert/strict";
import { GoInterface, GoRef, GoSlice } from "../model/values.ts";
import { goJson, goJsonFloat, goJsonString } from "./gojson.ts";
import { parseGoType } from "./expr.ts";

test("goJsonString escapes as Go's encoding/json does (HTML-safe)", () => {
  assert.equal(goJsonString("plain"), '"plain"');
  assert.equal(goJsonString('a"b\\c'), '"a\\"b\\\\c"');
  assert.equal(goJsonString("<&>"), '"\\u003c\\u0026\\u003e"');
  assert.equal(goJsonString("\n\r\t\u0001"), '"\\n\\r\\t\\u0001"');
  assert.equal(goJsonString("\u2028\u2029"), '"\\u2028\\u2029"');
  assert.equal(goJsonString("héllo ☃"), '"héllo ☃"');
  assert.equal(goJsonString("\b\f"), '"\\u0008\\u000c"', "Go spells \\b and \\f as \\u escapes");
  assert.equal(goJsonString("\\b<"), '"\\\\b\\u003c"', "an escaped backslash before b stays");
});

test("goJsonFloat: shortest round-trip digits, float32 precision, special values as strings", () => {
  assert.equal(goJsonFloat(0.1, 64), "0.1");
  assert.equal(goJsonFloat(Math.fround(0.1), 32), "0.1");
  assert.equal(goJsonFloat(Math.fround(0.1), 64), "0.10000000149011612");
  assert.equal(goJsonFloat(-0, 64), "-0");
  assert.equal(goJsonFloat(NaN, 64), '"NaN"');
  assert.equal(goJsonFloat(-Infinity, 32), '"-Inf"');
});

test("goJson encodes structs (exported fields only), slices, bytes, interfaces and refs", () => {
  const st = parseGoType("struct{A int32; b string; C []byte; D []int8; E any; F *int}", 4);
  const v = {
    A: 7,
    b: "hidden",
    C: new GoSlice(16, 3, 3, new Uint8Array([1, 2, 3])),
    D: new GoSlice(32, 2, 4, [-1, 2]),
    E: new GoInterface(parseGoType("string", 4), "x"),
    F: new GoRef("pointer", 0x40),
  };
  assert.equal(goJson(v, st), '{"A":7,"C":"AQID","D":[-1,2],"E":"x","F":"0x40"}');
  assert.equal(goJson(null, parseGoType("[]int", 4)), "null");
  assert.equal(goJson([1.5, -2], parseGoType("complex128", 8)), "[1.5,-2]");
  assert.equal(goJson(true, parseGoType("bool", 4)), "true");
  assert.equal(goJson(123n, parseGoType("int64", 4)), "123");
  assert.equal(goJson(null, parseGoType("any", 4)), "null");
});

test("goJsonString: every character escaped, a lone surrogate as Go spells invalid UTF-8", () => {
  assert.equal(goJsonString("\0".repeat(3)), '"\\u0000\\u0000\\u0000"');
  assert.equal(goJsonString("a\ud800b\udc00"), '"a\\ufffdb\\ufffd"');
  assert.equal(goJsonString("😀<"), '"😀\\u003c"', "a surrogate pair is one character, kept");
  const all = Array.from({ length: 0x90 }, (_, c) => String.fromCharCode(c)).join("");
  const go = JSON.stringify(all).replace(
    /\\[bf]|[<>&]/g,
    (m) => ({ "\\b": "\\u0008", "\\f": "\\u000c", "<": "\\u003c", ">": "\\u003e", "&": "\\u0026" })[m]!,
  );
  assert.equal(goJsonString(all), go);
});
