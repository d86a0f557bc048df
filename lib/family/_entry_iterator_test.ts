import { test } from "node:test";
import assert from "node:assert/strict";
import { EntryIterator } from "./_entry_iterator.ts";
import { SlotList } from "./_slot_list.ts";
import type { MapEntry } from "../model/snapshot.ts";
import { DEFAULT_DECODE_BUDGET } from "../types/decode.ts";

const entry = (k: number, v: number): MapEntry => ({
  key: k,
  value: v,
  json: `[${k},${v}]`,
  keyJson: `${k}`,
  valueJson: `${v}`,
});

function list(n: number): SlotList {
  const s = new SlotList();
  for (let i = 0; i < n; i++) s.push(i, 10 * i);
  return s;
}

test("EntryIterator walks at the first next(), decodes in order, each entry with the whole budget", () => {
  let walks = 0;
  const budgets: number[] = [];
  const it = new EntryIterator(() => (walks++, list(3)), (k, v, b) => {
    budgets.push(b.left);
    b.spend(1000);
    return entry(k, v);
  });
  assert.equal(walks, 0, "nothing is read before iteration");
  assert.deepEqual([...it].map((e) => e.json), ["[0,0]", "[1,10]", "[2,20]"]);
  assert.equal(walks, 1);
  assert.deepEqual(budgets, [DEFAULT_DECODE_BUDGET, DEFAULT_DECODE_BUDGET, DEFAULT_DECODE_BUDGET]);
  assert.deepEqual(it.next(), { done: true, value: undefined });
});

test("EntryIterator is done after the walk or a decode throws", () => {
  const bad = new EntryIterator(() => {
    throw new RangeError("walk");
  }, (k, v) => entry(k, v));
  assert.throws(() => bad.next(), RangeError);
  assert.deepEqual(bad.next(), { done: true, value: undefined }, "the walk is not retried");
  const it = new EntryIterator(() => list(3), (k, v) => {
    if (k === 1) throw new TypeError("decode");
    return entry(k, v);
  });
  assert.equal(it.next().value?.json, "[0,0]");
  assert.throws(() => it.next(), TypeError);
  assert.deepEqual(it.next(), { done: true, value: undefined });
});
