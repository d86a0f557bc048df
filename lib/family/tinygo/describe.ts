/**
 * How a TinyGo snapshot's derived facts are shown: a text line for reports, a record for JSON.
 *
 * @module
 */
import { TextBuffer } from "../../_text_buffer.ts";
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
  out.text("  ");
  out.int(t.bucketCount);
  out.text(" bucket(s) of ");
  out.int(t.bucketSize);
  out.text(" bytes at ");
  out.hex(t.bucketsAddress);
  out.text(" + ");
  out.int(t.overflowBuckets);
  out.text(" overflow, load ");
  out.text(t.loadFactor.toFixed(3));
  if (t.keyHash) {
    out.text(", keyHash ");
    out.text(t.keyHash);
  }
  if (t.keyAlgorithm) {
    out.text(" (");
    out.text(t.keyAlgorithm);
    out.text(" keys)");
  }
  out.byte(0x0a);
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
