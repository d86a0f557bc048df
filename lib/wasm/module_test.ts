import { test } from "node:test";
import assert from "node:assert/strict";
import { ModuleError } from "../errors.ts";
import { parseModule } from "./module.ts";

/** A module of one section `id` holding `body`. */
function moduleWith(id: number, body: number[]): Uint8Array {
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, id, body.length, ...body]);
}

test("data segments are read when first asked for: offsets, lengths, where their bytes start", () => {
  // two active segments (i32.const 1024 / i32.const 8, 2 and 3 bytes) and a passive one; the
  // section body starts at byte 10 (8 of header, the id, the size)
  const body = [3, 0, 0x41, 0x80, 0x08, 0x0b, 2, 0xaa, 0xbb, 0, 0x41, 8, 0x0b, 3, 1, 2, 3, 1, 1, 0xcc];
  const info = parseModule(moduleWith(11, body));
  assert.deepEqual(info.dataSegments, [
    { offset: 1024, length: 2, start: 17 },
    { offset: 8, length: 3, start: 24 },
  ]);
  assert.equal(info.dataSegments, info.dataSegments, "read once");
  assert.deepEqual(JSON.parse(JSON.stringify(info)).dataSegments.length, 2, "enumerable, as a field");
});

test("a malformed data section throws ModuleError when its segments are asked for", () => {
  const info = parseModule(moduleWith(11, [2, 0, 0x41, 0x80]));
  assert.throws(() => info.dataSegments, ModuleError);
  assert.deepEqual(parseModule(moduleWith(1, [0])).dataSegments, [], "no data section: none");
});
