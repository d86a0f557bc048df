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

/** A sink keeping [key, value] addresses, spending `cost` per entry. */
function sink(cost = 0): { kept: number[][]; add(k: number, v: number, b: DecodeBudget): void } {
  const kept: number[][] = [];
  return { kept, add: (k, v, b) => (b.spend(cost), kept.push([k, v])) };
}

test("decodeWithin keeps what fits the budget and says how many of how many", () => {
  const s = sink(8);
  const r = decodeWithin(pairs(3), s, new DecodeBudget(16));
  assert.deepEqual(s.kept, [[100, 200], [101, 201]]);
  assert.deepEqual(r, { kept: 2, truncated: "2 of 3 entries kept: the snapshot's decode budget ran out" });
  const all = sink();
  assert.deepEqual(decodeWithin(pairs(2), all, new DecodeBudget(16)), { kept: 2 });
  assert.deepEqual(all.kept, [[100, 200], [101, 201]]);
});

test("decodeWithin passes other errors on, through rethrow with the failing key's address", () => {
  const failing = {
    add(k: number): void {
      if (k === 101) throw new TypeError("not a budget error");
    },
  };
  assert.throws(() => decodeWithin(pairs(3), failing, new DecodeBudget(16)), TypeError);
  assert.throws(
    () =>
      decodeWithin(
        pairs(3),
        failing,
        new DecodeBudget(16),
        (e, k) => new RangeError(`${k}: ${(e as Error).message}`),
      ),
    { name: "RangeError", message: "101: not a budget error" },
  );
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
