/**
 * TinyGo's growth rules, checked over a map's checkpoints: the header never moves; the bucket
 * array moves exactly when bucketBits grows, by one; and v0.41.0's load-factor rule
 * (`hashmapOverLoadFactor`: an insert that finds count > 6 << bucketBits grows the map first)
 * holds before every growth and is never skipped.
 *
 * Source: tinygo v0.41.0 `src/runtime/hashmap.go` (`hashmapSet`, `hashmapGrow`,
 * `hashmapOverLoadFactor`).
 *
 * @module
 */
import { hex } from "../../hex.ts";
import type { GrowthEvent } from "../../model/result.ts";
import type { TinyGoSnapshot } from "../../model/snapshot.ts";
import type { FamilyGrowth, GrowthStep } from "../family.ts";

/**
 * v0.41.0's growth rule (hashmapOverLoadFactor): a map grows when an insert finds
 * count > 6 << bucketBits.
 * Never throws.
 *
 * @example
 * ```ts
 * import { tinygoOverLoadFactor } from "@mapscope/mapscope/layouts";
 * console.log(tinygoOverLoadFactor(6, 0), tinygoOverLoadFactor(7, 0)); // false true
 * ```
 */
export function tinygoOverLoadFactor(count: number, bucketBits: number): boolean {
  return count > 6 * 2 ** bucketBits;
}

function analyze(steps: readonly GrowthStep[]): { events: GrowthEvent[]; violations: string[] } {
  const events: GrowthEvent[] = [];
  const violations: string[] = [];
  let prev: TinyGoSnapshot | undefined;
  for (const { seq, snap } of steps) {
    if (snap.family !== "tinygo") continue;
    const h = snap.header;
    if (!prev) {
      events.push({
        seq,
        len: snap.len,
        what: `first seen: ${2 ** h.bucketBits} bucket(s)`,
        depth: h.bucketBits,
        address: h.buckets,
      });
      prev = snap;
      continue;
    }
    const p = prev.header;
    const grew = h.bucketBits > p.bucketBits;
    const moved = h.buckets !== p.buckets;
    if (grew) {
      events.push({
        seq,
        len: snap.len,
        what: `buckets ${2 ** p.bucketBits} -> ${2 ** h.bucketBits}, array moved ${hex(p.buckets)} -> ${
          hex(h.buckets)
        }`,
        depth: h.bucketBits,
        address: h.buckets,
      });
      if (h.bucketBits !== p.bucketBits + 1) {
        violations.push(`seq ${seq}: bucketBits jumped ${p.bucketBits} -> ${h.bucketBits}`);
      }
      if (!moved) violations.push(`seq ${seq}: bucketBits grew but the bucket array did not move`);
      if (!tinygoOverLoadFactor(p.count, p.bucketBits)) {
        violations.push(
          `seq ${seq}: grew at count ${p.count} with bucketBits ${p.bucketBits}, not over 6<<bucketBits`,
        );
      }
    } else if (moved) {
      violations.push(`seq ${seq}: bucket array moved ${hex(p.buckets)} -> ${hex(h.buckets)} without growth`);
    } else if (h.count > p.count && tinygoOverLoadFactor(p.count, p.bucketBits)) {
      violations.push(`seq ${seq}: inserted at count ${p.count} over 6<<${p.bucketBits} without growing`);
    }
    prev = snap;
  }
  return { events, violations };
}

/** TinyGo's growth rules. */
export const tinygoGrowth: FamilyGrowth = {
  columns: { depth: "bucketBits", address: "buckets" },
  analyze,
};
