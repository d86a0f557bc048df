import { test } from "node:test";
import assert from "node:assert/strict";
import { bucketCountOf } from "./header.ts";

test("bucketCountOf is 2^bucketBits for every bucketBits a byte holds, past the int32 shift's range", () => {
  let doubled = 1;
  for (let bits = 0; bits <= 255; bits++, doubled *= 2) {
    assert.equal(bucketCountOf(bits), doubled, `bucketBits ${bits}`);
    assert.ok(bucketCountOf(bits) > 0);
  }
});
