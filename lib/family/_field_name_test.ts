import { test } from "node:test";
import assert from "node:assert/strict";
import { isFieldName, MAX_FIELD_NAME } from "./_field_name.ts";

test("isFieldName: Go identifiers and _, nothing else", () => {
  for (const ok of ["A", "_", "b2", "Ünïcode", "x_y", "名前"]) assert.ok(isFieldName(ok), ok);
  for (const bad of ["", "2a", "a b", "a\u0000", "\u0018\u0000#", "a.b", "*T"]) {
    assert.ok(!isFieldName(bad), bad);
  }
  assert.ok(isFieldName("a".repeat(MAX_FIELD_NAME)));
  assert.ok(!isFieldName("a".repeat(MAX_FIELD_NAME + 1)));
});
