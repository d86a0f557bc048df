import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { functionIndex, parseModule } from "../../wasm/module.ts";
import { dataImage, GoFuncTable, goFunctionIndexes, goNameSection } from "./pclntab.ts";

const load = (tc: string, t: string) =>
  new Uint8Array(readFileSync(new URL(`../../../go-targets/dist/${tc}/${t}.wasm`, import.meta.url)));

test("the pclntab names every Go function at its wasm index, as the name section does", () => {
  for (const tc of ["go1.26.8", "go1.27.3", "go1.27.3-mapsplitgroup"]) {
    const bytes = load(tc, "hello");
    const info = parseModule(bytes);
    assert.equal(
      goFunctionIndexes(bytes, info).get("runtime.gopanic"),
      functionIndex(info, "runtime.gopanic"),
    );
    const names = goNameSection(bytes, info);
    assert.ok(names.size > 1000);
    for (const [i, n] of names) assert.equal(info.functionNames.get(i), n, `${tc} function ${i}`);
  }
});

test("no pclntab: a TinyGo module gives no names; its data image is still rebuilt", () => {
  const bytes = load("tinygo-0.41.0", "hello");
  const info = parseModule(bytes);
  assert.equal(goFunctionIndexes(bytes, info).size, 0);
  const img = dataImage(bytes, info)!;
  assert.equal(img.length, Math.max(...info.dataSegments.map((s) => s.offset + s.length)));
});

test("GoFuncTable finds the table in a Go module's data and gives a function's name for its PC", () => {
  const bytes = load("go1.26.8", "hello");
  const info = parseModule(bytes);
  const table = GoFuncTable.of(dataImage(bytes, info)!)!;
  const idx = functionIndex(info, "runtime.gopanic")!;
  const pcF = 0x1000 + idx - info.importedFunctions;
  assert.equal(table.position(pcF * 65536)?.function, "runtime.gopanic");
  assert.equal(table.position(0x7fff * 65536), undefined);
});
