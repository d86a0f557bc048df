import { test } from "node:test";
import assert from "node:assert/strict";
import { classifyTrap } from "./traps.ts";

test("classifyTrap names each kind from V8's and JavaScriptCore's messages", () => {
  const cases: [string, string][] = [
    ["unreachable", "unreachable"],
    ["Unreachable code should not be executed", "unreachable"],
    ["memory access out of bounds", "out of bounds"],
    ["Out of bounds memory access", "out of bounds"],
    ["divide by zero", "divide by zero"],
    ["Division by zero", "divide by zero"],
    ["integer overflow", "integer overflow"],
    ["float unrepresentable in integer range", "integer overflow"],
    ["null function or function signature mismatch", "indirect call"],
    ["call stack exhausted", "stack overflow"],
    ["something new", "other"],
  ];
  for (const [message, kind] of cases) {
    assert.equal(classifyTrap(new WebAssembly.RuntimeError(message))?.kind, kind, message);
  }
});

test("classifyTrap: a JS stack overflow is a trap; other errors are not", () => {
  assert.equal(classifyTrap(new RangeError("Maximum call stack size exceeded"))?.kind, "stack overflow");
  assert.equal(classifyTrap(new RangeError("Invalid array length")), undefined);
  assert.equal(classifyTrap(new TypeError("x is not a function")), undefined);
  assert.equal(classifyTrap("a string"), undefined);
});
