import { test } from "node:test";
import assert from "node:assert/strict";
import type { ReadSnapshot } from "../model/snapshot.ts";
import { TextBuffer } from "../_text_buffer.ts";
import { describeSwiss, writeSwissDescription } from "./swiss/describe.ts";
import { describeTinyGo, writeLoad, writeTinyGoDescription } from "./tinygo/describe.ts";

const table = (index: number, capacity: number, used: number, localDepth: number) => ({
  address: 0,
  index,
  used,
  capacity,
  growthLeft: 0,
  localDepth,
  groups: 0,
});

test("swiss facts are described in one line, the same written into a buffer", () => {
  const small = { swiss: { small: true, tables: [], groupLayout: "interleaved", groupSize: 136 } };
  const big = {
    swiss: {
      small: false,
      tables: [table(0, 1024, 800, 1), table(1, 512, 301, 1)],
      groupLayout: "split",
      groupSize: 200,
    },
  };
  assert.deepEqual(describeSwiss(small as unknown as ReadSnapshot), [
    "  small map: one group (interleaved layout, 136-byte groups)",
  ]);
  assert.deepEqual(describeSwiss(big as unknown as ReadSnapshot), [
    "  2 table(s), split layout, 200-byte groups: [0] cap 1024 used 800 depth 1, [1] cap 512 used 301 depth 1",
  ]);
  const out = new TextBuffer();
  writeSwissDescription(out, big as unknown as ReadSnapshot);
  assert.equal(out.take(), describeSwiss(big as unknown as ReadSnapshot)[0] + "\n");
  assert.deepEqual(describeSwiss({} as ReadSnapshot), [], "no facts: no line");
});

test("TinyGo facts are described in one line: buckets, overflow, load, hash function and key algorithm", () => {
  const t = {
    bucketCount: 4,
    bucketSize: 108,
    bucketsAddress: 0x31b10,
    loadFactor: 19 / 32,
    overflowBuckets: 0,
    keyHash: "runtime.hashmapStringPtrHash",
    keyEqual: "runtime.hashmapStringEqual",
    keyAlgorithm: "string",
  };
  assert.deepEqual(describeTinyGo({ tinygo: t } as unknown as ReadSnapshot), [
    "  4 bucket(s) of 108 bytes at 0x31b10 + 0 overflow, load 0.594, keyHash runtime.hashmapStringPtrHash (string keys)",
  ]);
  const bare = { ...t, keyHash: undefined, keyAlgorithm: undefined, overflowBuckets: 2, loadFactor: 1 };
  assert.deepEqual(describeTinyGo({ tinygo: bare } as unknown as ReadSnapshot), [
    "  4 bucket(s) of 108 bytes at 0x31b10 + 2 overflow, load 1.000",
  ]);
  const out = new TextBuffer();
  writeTinyGoDescription(out, { tinygo: t } as unknown as ReadSnapshot);
  assert.equal(out.takeLines().length, 1);
});

test("a TinyGo load is written as toFixed(3) spells it, ties and all, and any other number too", () => {
  const out = new TextBuffer();
  let ties = 0;
  for (let bits = 0; bits <= 30; bits += bits < 12 ? 1 : 6) {
    const buckets = 2 ** bits;
    for (let count = 0; count <= 9000; count += count < 2000 ? 1 : 97) {
      const load = count / (8 * buckets);
      writeLoad(out, count, buckets, load);
      assert.equal(out.take(), load.toFixed(3), `${count} in ${buckets} buckets`);
      if (Math.abs((load * 1000) % 1) === 0.5) ties++;
    }
  }
  assert.ok(ties > 100, `${ties} ties checked`);
  for (
    const [count, buckets, load] of [[10, 3, 10 / 24], [5, 4, 0.7], [2 ** 45, 1, 2 ** 42], [
      7,
      2 ** 31,
      7 / 2 ** 34,
    ]]
  ) {
    writeLoad(out, count!, buckets!, load!);
    assert.equal(out.take(), load!.toFixed(3));
  }
});
