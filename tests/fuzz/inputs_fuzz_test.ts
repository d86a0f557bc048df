// Issue #11: the short profile of the module-bytes and type-expression fuzzers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { wasm } from "../_helpers.ts";
import { fuzzDwarf, fuzzModules, fuzzTypeExpressions } from "./_inputs_harness.ts";

for (const layout of ["tinygo-0.41.0", "go1.26.8"]) {
  test(`fuzz ${layout} module bytes: truncations and bit flips in every section are typed errors or valid modules`, async () => {
    const s = await fuzzModules(wasm(layout, "hello"), 300, 7);
    assert.deepEqual(s.untyped.slice(0, 3), [], `${s.untyped.length} untyped throws`);
    assert.ok(s.typed > 0 && s.accepted > 0, `${s.typed} refused, ${s.accepted} accepted`);
  });
}

test("fuzz Go type expressions: 20,000 random expressions parse or are refused with TypeExpressionError", () => {
  const s = fuzzTypeExpressions(20_000, 11);
  assert.deepEqual(s.untyped.slice(0, 3), [], `${s.untyped.length} untyped throws`);
  assert.ok(s.typed > 0 && s.accepted > 0, `${s.typed} refused, ${s.accepted} accepted`);
});

test("fuzz DWARF: mutated and truncated debug sections of a clang-19 build read or are refused with ModuleError", () => {
  const s = fuzzDwarf(wasm("clang-19-wasi", "wasi_files"), 300, 5);
  assert.deepEqual(s.untyped.slice(0, 3), [], `${s.untyped.length} untyped throws`);
  assert.ok(s.typed > 0 && s.accepted > 0, `${s.typed} refused, ${s.accepted} accepted`);
});
