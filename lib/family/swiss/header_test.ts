import { test } from "node:test";
import assert from "node:assert/strict";
import { CorruptMapError } from "../../errors.ts";
import { GuestMemory } from "../../memory.ts";
import { readSwissHeader } from "./header.ts";

/** A 48-byte swiss header at 64 with a directory of `dirLen` at 512, globalDepth `depth`. */
function header(dirLen: number, depth: number): GuestMemory {
  const bytes = new Uint8Array(4096);
  const dv = new DataView(bytes.buffer);
  dv.setUint32(64 + 16, 512, true); // dirPtr
  dv.setUint32(64 + 24, dirLen, true);
  dv.setUint8(64 + 32, depth);
  dv.setUint8(64 + 33, 32 - depth); // globalShift: 32 - globalDepth on wasm
  return new GuestMemory(bytes, 8);
}

test("readSwissHeader: dirLen must be 2^globalDepth, for every globalDepth a byte holds", () => {
  for (let depth = 0; depth <= 255; depth++) {
    for (const dirLen of [1, 2, 4, 1 << 10, 1 << 24]) {
      const fits = depth <= 24 && dirLen === 2 ** depth;
      const read = () => readSwissHeader(header(dirLen, depth), 64);
      if (fits) assert.equal(read().globalDepth, depth, `dirLen ${dirLen} depth ${depth}`);
      else assert.throws(read, CorruptMapError, `dirLen ${dirLen} depth ${depth}`);
    }
  }
});
