import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeWithin, snapshotBudget } from "./budget.ts";
import { DecodeBudget } from "../types/decode.ts";
import { SlotList } from "./_slot_list.ts";

test("snapshotBudget is 2 MiB plus 256 bytes per entry", () => {
  assert.equal(snapshotBudget(0), 2 << 20);
  assert.equal(snapshotBudget(10), (2 << 20) + 2560);
});

function pairs(n: number): SlotList {
  const s = new SlotList();
  for (let i = 0; i < n; i++) s.push(100 + i, 200 + i);
  return s;
}

test("decodeWithin keeps what fits the budget and says how many of how many", () => {
  const r = decodeWithin(pairs(3), (_k, _v, b) => (b.spend(8), "e"), new DecodeBudget(16));
  assert.deepEqual(r.entries, ["e", "e"]);
  assert.equal(r.truncated, "2 of 3 entries kept: the snapshot's decode budget ran out");
  assert.deepEqual(decodeWithin(pairs(2), (k, v) => [k, v], new DecodeBudget(16)), {
    entries: [[100, 200], [101, 201]],
  });
  assert.throws(() =>
    decodeWithin(pairs(1), () => {
      throw new TypeError("not a budget error");
    }, new DecodeBudget(16)), TypeError);
});

test("SlotList grows past its first storage, keeps pairs in order, and empties", () => {
  const s = pairs(1000);
  assert.equal(s.pairs, 1000);
  assert.equal(s.key(999), 1099);
  assert.equal(s.value(500), 700);
  s.clear();
  assert.equal(s.pairs, 0);
  s.push(1, 2);
  assert.equal(s.key(0), 1);
  s.release();
  assert.equal(s.pairs, 0);
});
