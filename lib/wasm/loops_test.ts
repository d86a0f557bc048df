import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { instrumentLoops } from "./loops.ts";
import { parseModule } from "./module.ts";

test("instrumentLoops adds a global and its code after every loop; the module still validates", () => {
  const bytes = new Uint8Array(
    readFileSync(new URL("../../go-targets/dist/tinygo-0.41.0/hello.wasm", import.meta.url)),
  );
  const info = parseModule(bytes);
  let global = -1;
  const out = instrumentLoops(bytes, info, (g) => ((global = g), new Uint8Array([0x01])), 7)!;
  assert.ok(WebAssembly.validate(out));
  const after = parseModule(out);
  assert.equal(after.globalInits.length, info.globalInits.length + 1);
  assert.equal(after.globalInits.at(-1), 7);
  assert.equal(global, info.imports.filter((i) => i.kind === 3).length + info.globalInits.length);
  assert.deepEqual(after.functionNames, info.functionNames);
});

test("a module without a global section is left alone", () => {
  const spin = new Uint8Array([
    0,
    0x61,
    0x73,
    0x6d,
    1,
    0,
    0,
    0,
    0x01,
    0x04,
    0x01,
    0x60,
    0x00,
    0x00,
    0x03,
    0x02,
    0x01,
    0x00,
    0x0a,
    0x09,
    0x01,
    0x07,
    0x00,
    0x03,
    0x40,
    0x0c,
    0x00,
    0x0b,
    0x0b,
  ]);
  assert.equal(instrumentLoops(spin, parseModule(spin), () => new Uint8Array([0x01]), 0), undefined);
});
