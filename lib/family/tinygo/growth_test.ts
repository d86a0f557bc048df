import { test } from "node:test";
import assert from "node:assert/strict";
import type { TinyGoSnapshot } from "../../model/snapshot.ts";
import { growthReport } from "../../growth.ts";
import { tinygoOverLoadFactor } from "./growth.ts";

/** A TinyGo snapshot with the fields the growth rules read. */
function snap(count: number, bucketBits: number, buckets: number, address = 0x1000): TinyGoSnapshot {
  return {
    address,
    family: "tinygo",
    len: count,
    header: {
      buckets,
      seed: 0,
      count,
      keySize: 4,
      valueSize: 4,
      bucketBits,
      keyEqualContext: 0,
      keyEqual: 1,
      keyHashContext: 0,
      keyHash: 2,
    },
    tinygo: {
      bucketCount: 2 ** bucketBits,
      bucketSize: 76,
      bucketsAddress: buckets,
      loadFactor: 0,
      overflowBuckets: 0,
    },
  };
}

const report = (snaps: TinyGoSnapshot[]) =>
  growthReport("m", "tinygo", snaps.map((snap, i) => ({ seq: i + 1, snap })));

test("tinygo growth: a run that follows the rules has no violation and one event per doubling", () => {
  const r = report([
    snap(6, 0, 0x100),
    snap(7, 0, 0x100),
    snap(8, 1, 0x200),
    snap(13, 1, 0x200),
    snap(14, 2, 0x300),
  ]);
  assert.deepEqual(r.violations, []);
  assert.deepEqual(r.events.map((e) => [e.seq, e.depth]), [[1, 0], [3, 1], [5, 2]]);
  assert.equal(r.events[1]!.what, "buckets 1 -> 2, array moved 0x100 -> 0x200");
  assert.equal(r.finalLen, 14);
  assert.ok(r.headerFixed);
});

test("tinygo growth: each rule fires on a sequence that breaks it", () => {
  const cases: [string, TinyGoSnapshot[], RegExp][] = [
    ["bucketBits jumps", [snap(7, 0, 0x100), snap(8, 2, 0x200)], /bucketBits jumped 0 -> 2/],
    ["grows without moving", [snap(7, 0, 0x100), snap(8, 1, 0x100)], /did not move/],
    [
      "grows under the load factor",
      [snap(5, 0, 0x100), snap(6, 1, 0x200)],
      /grew at count 5 .* not over 6<<bucketBits/,
    ],
    ["moves without growing", [snap(3, 1, 0x100), snap(4, 1, 0x200)], /moved 0x100 -> 0x200 without growth/],
    ["inserts over the load factor", [snap(7, 0, 0x100), snap(8, 0, 0x100)], /inserted at count 7 over 6<<0/],
    ["header moves", [snap(1, 0, 0x100, 0x1000), snap(2, 0, 0x100, 0x2000)], /header address changed/],
  ];
  for (const [what, snaps, re] of cases) {
    const r = report(snaps);
    assert.equal(r.violations.length, 1, `${what}: ${r.violations.join("; ")}`);
    assert.match(r.violations[0]!, re, what);
  }
});

test("tinygoOverLoadFactor is v0.41.0's count > 6 << bucketBits", () => {
  assert.equal(tinygoOverLoadFactor(48, 3), false);
  assert.equal(tinygoOverLoadFactor(49, 3), true);
});
