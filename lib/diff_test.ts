import { test } from "node:test";
import assert from "node:assert/strict";
import { diffSnapshots } from "./diff.ts";
import type { MapSnapshot } from "./model/snapshot.ts";

/** A snapshot of a map[string]int at `address` with the given entries (only what the diff reads). */
function snap(address: number, entries: [string, number][] | undefined, name?: string): MapSnapshot {
  return {
    name,
    address,
    family: "go",
    len: 0,
    header: {},
    error: "synthetic",
    entries: entries?.map(([k, v]) => {
      const keyJson = JSON.stringify(k);
      const valueJson = String(v);
      return { key: k, value: v, keyJson, valueJson, json: `[${keyJson},${valueJson}]` };
    }),
  };
}

test("diffSnapshots: added, removed and changed entries per map, sorted", () => {
  const before = [snap(8, [["apples", 3], ["pears", 1], ["kiwis", 2]], "fruit")];
  const after = [snap(8, [["apples", 4], ["kiwis", 2], ["figs", 5], ["dates", 6]], "fruit")];
  const [d] = diffSnapshots(before, after);
  assert.ok(d);
  assert.equal(d.name, "fruit");
  assert.deepEqual(d.added, ['["dates",6]', '["figs",5]']);
  assert.deepEqual(d.removed, ['["pears",1]']);
  assert.deepEqual(d.changed, [{ key: '"apples"', before: "3", after: "4" }]);
});

test("diffSnapshots matches maps by address, names unnamed ones by address, skips maps without entries", () => {
  const before = [snap(16, [["a", 1]]), snap(32, undefined, "noentries"), snap(48, [["x", 1]], "gone")];
  const after = [snap(32, [["b", 2]], "noentries"), snap(16, [["a", 1]])];
  const diffs = diffSnapshots(before, after);
  assert.equal(diffs.length, 1);
  assert.deepEqual(diffs[0], { name: "0x10", address: 16, added: [], removed: [], changed: [] });
});
