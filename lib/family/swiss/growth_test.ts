import { test } from "node:test";
import assert from "node:assert/strict";
import type { SwissSnapshot, SwissTable } from "../../model/snapshot.ts";
import { growthReport } from "../../growth.ts";

function table(index: number, capacity: number, localDepth = 0): SwissTable {
  return {
    address: 0x4000 + 64 * index,
    index,
    used: 0,
    capacity,
    growthLeft: 0,
    localDepth,
    groups: 0x8000,
  };
}

/** A swiss snapshot: small (no tables) or with a directory of `tables`. */
function snap(len: number, tables: SwissTable[] | undefined, clearSeq = 0): SwissSnapshot {
  const dirLen = tables ? 2 ** Math.ceil(Math.log2(Math.max(tables.length, 1))) : 0;
  return {
    address: 0x1000,
    family: "go",
    len,
    header: {
      used: len,
      seed: 0n,
      dirPtr: 0x2000 + dirLen,
      dirLen,
      globalDepth: Math.log2(dirLen || 1),
      globalShift: 32 - Math.log2(dirLen || 1),
      writing: 0,
      tombstonePossible: false,
      clearSeq,
    },
    swiss: { small: !tables, tables: tables ?? [], groupLayout: "interleaved", groupSize: 136 },
  };
}

const report = (snaps: SwissSnapshot[]) =>
  growthReport("m", "go", snaps.map((snap, i) => ({ seq: i + 1, snap })));

test("swiss growth: small map -> table, table growth, split with directory doubling, clear", () => {
  const r = report([
    snap(8, undefined),
    snap(9, [table(0, 16)]),
    snap(15, [table(0, 32)]),
    snap(900, [table(0, 1024, 1), table(1, 1024, 1)]),
    snap(0, [table(0, 1024, 1), table(1, 1024, 1)], 1),
  ]);
  assert.deepEqual(r.violations, []);
  assert.deepEqual(r.events.map((e) => e.what), [
    "first seen: small map (one group)",
    "small map -> table (capacity 16) at len 9",
    "table 0 grew 16 -> 32",
    "directory doubled 1 -> 2 (table split, 1 -> 2 tables)",
    "cleared (clearSeq 0 -> 1)",
  ]);
});

test("swiss growth: each rule fires on a sequence that breaks it", () => {
  const early = report([snap(5, undefined), snap(6, [table(0, 16)])]);
  assert.equal(early.violations.length, 1);
  assert.match(early.violations[0]!, /small map became a table at len 5 -> 6, not after 8/);
  const moved = growthReport("m", "go", [
    { seq: 1, snap: snap(1, undefined) },
    { seq: 2, snap: { ...snap(2, undefined), address: 0x1100 } },
  ]);
  assert.deepEqual(moved.violations, ["the header address changed between checkpoints"]);
  assert.equal(moved.headerFixed, false);
});
