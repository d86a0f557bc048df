import { test } from "node:test";
import assert from "node:assert/strict";
import { hex } from "./hex.ts";

test("hex spells addresses as Go's %p does", () => {
  assert.equal(hex(0x31440), "0x31440");
  assert.equal(hex(0), "0x0");
  assert.equal(hex(255n), "0xff");
});
