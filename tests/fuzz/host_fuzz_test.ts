// Issue #11: the short profile of the WASI-arguments and CLI-arguments fuzzers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fuzzCli, fuzzWasiImports } from "./_host_harness.ts";

test("fuzz WASI imports: 20,000 random calls answer an errno, never an exception", () => {
  const s = fuzzWasiImports(20_000, 5);
  assert.deepEqual(s.untyped.slice(0, 3), [], `${s.untyped.length} untyped`);
  assert.ok(s.maxMs < 1000, `a call took ${s.maxMs.toFixed(0)} ms: ${s.slowest}`);
  assert.ok(s.refused > 0 && s.refused < s.cases, `${s.refused} of ${s.cases} refused`);
});

test("fuzz CLI arguments: 150 random command lines end with an exit code, never an exception", async () => {
  const s = await fuzzCli(150, 3);
  assert.deepEqual(s.untyped.slice(0, 3), [], `${s.untyped.length} untyped`);
  assert.ok(s.refused > 0 && s.refused < s.cases, `${s.refused} of ${s.cases} refused`);
});
