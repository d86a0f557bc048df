import { test } from "node:test";
import assert from "node:assert/strict";
import type { GoType } from "../model/gotype.ts";
import { checkTypeGraph } from "./check.ts";
import { parseGoType } from "./expr.ts";

test("consistent types pass, recursive ones through pointers too", () => {
  assert.equal(checkTypeGraph(parseGoType("map[struct{A int8; B string}][3]*int", 8)), undefined);
  const node: GoType = { kind: "struct", size: 8, align: 8, fields: [] };
  node.fields!.push({
    name: "next",
    offset: 0,
    exported: false,
    type: { kind: "pointer", size: 8, align: 8, elem: node },
  });
  assert.equal(checkTypeGraph(node), undefined);
});

test("inconsistent types are named: self-containment, sizes, fields past the end, missing parts", () => {
  const arr: GoType = { kind: "array", size: 0, align: 1, len: 2 };
  arr.elem = arr;
  assert.equal(checkTypeGraph(arr), "a type contains itself by value: [2]…");
  assert.equal(checkTypeGraph({ kind: "int32", size: 7, align: 4 }), "int32 of size 7, not 4");
  assert.match(
    checkTypeGraph({
      kind: "array",
      size: 10,
      align: 4,
      len: 3,
      elem: { kind: "int32", size: 4, align: 4 },
    })!,
    /has size 10/,
  );
  assert.match(
    checkTypeGraph({
      kind: "struct",
      size: 4,
      align: 4,
      fields: [{ name: "A", offset: 2, exported: true, type: { kind: "int32", size: 4, align: 4 } }],
    })!,
    /field "A" at offset 2/,
  );
  assert.equal(checkTypeGraph({ kind: "map", size: 4, align: 4 }), "map without key or element type");
  assert.match(checkTypeGraph({ kind: "string", size: 2 ** 40, align: 4 })!, /of size/);
});
