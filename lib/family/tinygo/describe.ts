/**
 * How a TinyGo snapshot's derived facts are shown: a text line for reports, a record for JSON.
 *
 * @module
 */
import { hex } from "../../hex.ts";
import type { ReadSnapshot } from "../../model/snapshot.ts";

/** "4 bucket(s) of 108 bytes at 0x31b10 + 0 overflow, load 0.594, keyHash ... (string keys)". */
export function describeTinyGo(snap: ReadSnapshot): string[] {
  const t = snap.tinygo;
  if (!t) return [];
  const where = `${t.bucketCount} bucket(s) of ${t.bucketSize} bytes at ${hex(t.bucketsAddress)}`;
  const hash = (t.keyHash ? `, keyHash ${t.keyHash}` : "") +
    (t.keyAlgorithm ? ` (${t.keyAlgorithm} keys)` : "");
  return [`  ${where} + ${t.overflowBuckets} overflow, load ${t.loadFactor.toFixed(3)}${hash}`];
}

/** The `tinygo` record of the JSON report. */
export function tinygoJson(snap: ReadSnapshot): Record<string, unknown> {
  return snap.tinygo ? { tinygo: snap.tinygo } : {};
}
