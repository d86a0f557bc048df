import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeWithin, snapshotBudget } from "./budget.ts";
import { DecodeBudget } from "../types/decode.ts";

test("snapshotBudget is 2 MiB plus 256 bytes per entry", () => {
  assert.equal(snapshotBudget(0), 2 << 20);
  assert.equal(snapshotBudget(10), (2 << 20) + 2560);
});

test("decodeWithin keeps what fits the budget and says how many of how many", () => {
  const b = new DecodeBudget(16);
  const r = decodeWithin(3, () => (b.spend(8), "e"));
  assert.deepEqual(r.entries, ["e", "e"]);
  assert.equal(r.truncated, "2 of 3 entries kept: the snapshot's decode budget ran out");
  assert.deepEqual(decodeWithin(2, (i) => i), { entries: [0, 1] });
  assert.throws(() =>
    decodeWithin(1, () => {
      throw new TypeError("not a budget error");
    }), TypeError);
});
