import { test } from "node:test";
import assert from "node:assert/strict";
import { CorruptMapError } from "../errors.ts";
import type { GoType } from "../model/gotype.ts";
import { readTypeGraph } from "./read_type.ts";

test("a failed read leaves the cache as it was; a good one is cached and checked", () => {
  const cache = new Map<number, GoType>();
  assert.throws(() =>
    readTypeGraph(cache, 8, (addr, added) => {
      cache.set(addr, { kind: "int32", size: 4, align: 4 });
      added.push(addr);
      throw new Error("a part could not be read");
    })
  );
  assert.equal(cache.size, 0);
  // an inconsistent graph is refused and rolled back too
  assert.throws(() =>
    readTypeGraph(cache, 8, (addr, added) => {
      const t: GoType = { kind: "int32", size: 3, align: 4 };
      cache.set(addr, t);
      added.push(addr);
      return t;
    }), CorruptMapError);
  assert.equal(cache.size, 0);
  const t = readTypeGraph(cache, 8, (addr, added) => {
    const t: GoType = { kind: "int32", size: 4, align: 4 };
    cache.set(addr, t);
    added.push(addr);
    return t;
  });
  assert.equal(readTypeGraph(cache, 8, () => assert.fail("read again")), t);
});
