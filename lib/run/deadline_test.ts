import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { MapscopeError } from "../errors.ts";
import { parseModule } from "../wasm/module.ts";
import { checkTimeout, interruptible, MAX_TIMEOUT_MS } from "./deadline.ts";

test("checkTimeout takes 1 to 2^31-1 ms and refuses the rest", () => {
  checkTimeout(1);
  checkTimeout(MAX_TIMEOUT_MS);
  for (const ms of [0, -1, 1e12, MAX_TIMEOUT_MS + 1, Number.NaN, Infinity]) {
    assert.throws(() => checkTimeout(ms), MapscopeError, String(ms));
  }
});

test("interruptible inserts loop checks into a module with fd_write, and leaves others alone", () => {
  const bytes = new Uint8Array(
    readFileSync(new URL("../../go-targets/dist/go1.26.8/hello.wasm", import.meta.url)),
  );
  const info = parseModule(bytes);
  const out = interruptible(bytes, info)!;
  assert.ok(out.length > bytes.length && WebAssembly.validate(out));
  assert.equal(
    interruptible(bytes, { ...info, imports: info.imports.filter((i) => i.name !== "fd_write") }),
    undefined,
  );
});
