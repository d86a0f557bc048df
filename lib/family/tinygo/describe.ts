/**
 * How a TinyGo snapshot's derived facts are shown: a text line for reports, a record for JSON.
 *
 * @module
 */
import { ascii, TextBuffer } from "../../_text_buffer.ts";
import type { ReadSnapshot } from "../../model/snapshot.ts";
import type { MapShape } from "../family.ts";

/** "4 bucket(s) of 108 bytes at 0x31b10 + 0 overflow, load 0.594, keyHash ... (string keys)". */
export function describeTinyGo(snap: ReadSnapshot): string[] {
  const out = new TextBuffer(256);
  writeTinyGoDescription(out, snap);
  return out.takeLines();
}

/** Writes the line of {@linkcode describeTinyGo} into `out` (ended by a newline). */
export function writeTinyGoDescription(out: TextBuffer, snap: ReadSnapshot): void {
  const t = snap.tinygo;
  if (!t) return;
  out.bytes(INDENT);
  out.int(t.bucketCount);
  out.bytes(BUCKETS_OF);
  out.int(t.bucketSize);
  out.bytes(BYTES_AT);
  out.hex(t.bucketsAddress);
  out.bytes(PLUS);
  out.int(t.overflowBuckets);
  out.bytes(OVERFLOW_LOAD);
  writeLoad(out, snap.len, t.bucketCount, t.loadFactor);
  if (t.keyHash) {
    out.bytes(KEY_HASH);
    out.text(t.keyHash);
  }
  if (t.keyAlgorithm) {
    out.bytes(OPEN);
    out.text(t.keyAlgorithm);
    out.bytes(KEYS_CLOSE);
  }
  out.byte(0x0a);
}

const INDENT = ascii("  ");
const BUCKETS_OF = ascii(" bucket(s) of ");
const BYTES_AT = ascii(" bytes at ");
const PLUS = ascii(" + ");
const OVERFLOW_LOAD = ascii(" overflow, load ");
const KEY_HASH = ascii(", keyHash ");
const OPEN = ascii(" (");
const KEYS_CLOSE = ascii(" keys)");

/**
 * Writes `load` as `load.toFixed(3)` spells it. A load that is `count / (8 × buckets)` (as a
 * reader makes it) is a binary fraction: its nearest thousandths, ties up as `toFixed` picks them,
 * are found in integers, with no string made.
 */
export function writeLoad(out: TextBuffer, count: number, buckets: number, load: number): void {
  const exact = Number.isSafeInteger(count) && count >= 0 && count < 2 ** 40 && buckets >= 1 &&
    buckets <= 2 ** 30 && (buckets & (buckets - 1)) === 0 && load === count / (8 * buckets);
  if (!exact) return out.text(load.toFixed(3));
  const n = Math.floor((250 * count + buckets) / (2 * buckets));
  out.int(Math.floor(n / 1000));
  out.byte(0x2e);
  const f = n % 1000;
  out.byte(48 + Math.floor(f / 100));
  out.byte(48 + (Math.floor(f / 10) % 10));
  out.byte(48 + (f % 10));
}

/** The `tinygo` record of the JSON report. */
export function tinygoJson(snap: ReadSnapshot): Record<string, unknown> {
  return snap.tinygo ? { tinygo: snap.tinygo } : {};
}

/** What each TinyGo header field means (hashmap.go). */
export const TINYGO_HEADER_DOCS: Readonly<Record<string, string>> = {
  buckets: "address of the bucket array (2^bucketBits buckets; replaced at every growth)",
  seed: "hash seed, drawn when the map is made and again at every growth",
  count: "number of entries: len(m)",
  keySize: "bytes per stored key (8 for strings and boxed interface keys)",
  valueSize: "bytes per stored value",
  bucketBits: "log2 of the number of buckets; grows by one when count > 6 << bucketBits",
  keyEqualContext: "closure context of the key comparison function",
  keyEqual: "function table index of the key comparison function",
  keyHashContext: "closure context of the key hash function",
  keyHash: "function table index of the key hash function (hash32, string or interface hash)",
};

/** The structure of a TinyGo snapshot for charts. */
export function tinygoShape(snap: ReadSnapshot): MapShape {
  const t = snap.tinygo;
  const h = snap.family === "tinygo" ? snap.header : undefined;
  if (!t || !h) return { capacity: 0, depth: 0, address: 0, structure: "" };
  const over = t.overflowBuckets ? ` + ${t.overflowBuckets} overflow` : "";
  return {
    capacity: 8 * (t.bucketCount + t.overflowBuckets),
    depth: h.bucketBits,
    address: h.buckets,
    structure: `${t.bucketCount} bucket${t.bucketCount === 1 ? "" : "s"}${over}`,
  };
}
