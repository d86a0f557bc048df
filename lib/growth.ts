/**
 * Growth reports: how a tracked map's structure changed across a run's checkpoints. For TinyGo,
 * when the bucket array moved and whether v0.41.0's load-factor rule held before each growth; for
 * swiss maps, the small-map to table transition, table growth, splits and directory doublings.
 *
 * @module
 */
import { tinygoOverLoadFactor } from "./layouts/tinygo.ts";
import type { Checkpoint } from "./run.ts";
import type { MapSnapshot } from "./snapshot.ts";

/** One structural change of a map between two checkpoints. */
export interface GrowthEvent {
  /** Checkpoint sequence number at which the change was first seen. */
  seq: number;
  /** The map's len there. */
  len: number;
  /** What happened, in words: "buckets 1 -> 2 (moved 0x... -> 0x...)", "table split", ... */
  what: string;
  /** TinyGo: bucketBits after; swiss: globalDepth after. */
  depth: number;
  /** TinyGo: bucket array address after; swiss: directory address after. */
  address: number;
  /** Swiss: capacity of each table after (directory order). */
  capacities?: number[];
  /** Swiss: localDepth of each table after. */
  localDepths?: number[];
}

/** The growth of one tracked map over a run. */
export interface GrowthReport {
  /** The tracked name. */
  name: string;
  /** The header address (the same at every checkpoint, or `headerFixed` is false). */
  address: number;
  /** "tinygo" or "go". */
  family: "tinygo" | "go";
  /** Whether the header address was the same at every checkpoint. */
  headerFixed: boolean;
  /** How many checkpoints saw the map. */
  checkpoints: number;
  /** len at the last checkpoint. */
  finalLen: number;
  /** Structural changes in order (the first snapshot is the first event). */
  events: GrowthEvent[];
  /** Every rule that did not hold (empty when the runtime behaved as its source says). */
  violations: string[];
}

function byName(checkpoints: Checkpoint[]): Map<string, { seq: number; snap: MapSnapshot }[]> {
  const out = new Map<string, { seq: number; snap: MapSnapshot }[]>();
  for (const cp of checkpoints) {
    for (const m of cp.maps) {
      if (!m.name || m.error) continue;
      let list = out.get(m.name);
      if (!list) out.set(m.name, list = []);
      list.push({ seq: cp.seq, snap: m });
    }
  }
  return out;
}

const hex = (n: number) => "0x" + n.toString(16);

function tinygoReport(name: string, list: { seq: number; snap: MapSnapshot }[]): GrowthReport {
  const events: GrowthEvent[] = [];
  const violations: string[] = [];
  let prev: MapSnapshot | undefined;
  for (const { seq, snap } of list) {
    const h = snap.header as Record<string, number>;
    if (!prev) {
      events.push({
        seq,
        len: snap.len,
        what: `first seen: ${2 ** h.bucketBits} bucket(s)`,
        depth: h.bucketBits,
        address: h.buckets,
      });
    } else {
      const p = prev.header as Record<string, number>;
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
        violations.push(
          `seq ${seq}: bucket array moved ${hex(p.buckets)} -> ${hex(h.buckets)} without growth`,
        );
      } else if (h.count > p.count && tinygoOverLoadFactor(p.count, p.bucketBits)) {
        violations.push(`seq ${seq}: inserted at count ${p.count} over 6<<${p.bucketBits} without growing`);
      }
    }
    prev = snap;
  }
  return summary(name, "tinygo", list, events, violations);
}

function swissReport(name: string, list: { seq: number; snap: MapSnapshot }[]): GrowthReport {
  const events: GrowthEvent[] = [];
  const violations: string[] = [];
  let prev: MapSnapshot | undefined;
  for (const { seq, snap } of list) {
    const h = snap.header as Record<string, number>;
    const tables = snap.swiss!.tables;
    const ev = (what: string) =>
      events.push({
        seq,
        len: snap.len,
        what,
        depth: h.globalDepth,
        address: h.dirPtr,
        capacities: tables.map((t) => t.capacity),
        localDepths: tables.map((t) => t.localDepth),
      });
    if (!prev) {
      ev(snap.swiss!.small ? "first seen: small map (one group)" : `first seen: ${tables.length} table(s)`);
    } else {
      const p = prev.header as Record<string, number>;
      const pt = prev.swiss!.tables;
      if (prev.swiss!.small && !snap.swiss!.small) {
        ev(`small map -> table (capacity ${tables.map((t) => t.capacity).join(",")}) at len ${snap.len}`);
        if (prev.len !== 8) {
          violations.push(
            `seq ${seq}: small map became a table at len ${prev.len} -> ${snap.len}, not after 8`,
          );
        }
      } else if (h.dirLen > p.dirLen) {
        ev(
          `directory doubled ${p.dirLen} -> ${h.dirLen} (table split, ${pt.length} -> ${tables.length} tables)`,
        );
      } else if (tables.length > pt.length) {
        ev(`table split: ${pt.length} -> ${tables.length} tables`);
      } else if (tables.some((t, i) => pt[i] && t.capacity > pt[i].capacity)) {
        const i = tables.findIndex((t, i) => pt[i] && t.capacity > pt[i].capacity);
        ev(`table ${tables[i].index} grew ${pt[i].capacity} -> ${tables[i].capacity}`);
      }
      if (h.clearSeq > p.clearSeq) ev(`cleared (clearSeq ${p.clearSeq} -> ${h.clearSeq})`);
    }
    prev = snap;
  }
  return summary(name, "go", list, events, violations);
}

function summary(
  name: string,
  family: "tinygo" | "go",
  list: { seq: number; snap: MapSnapshot }[],
  events: GrowthEvent[],
  violations: string[],
): GrowthReport {
  const address = list[0].snap.address;
  const headerFixed = list.every((x) => x.snap.address === address);
  if (!headerFixed) violations.push("the header address changed between checkpoints");
  return {
    name,
    address,
    family,
    headerFixed,
    checkpoints: list.length,
    finalLen: list.at(-1)!.snap.len,
    events,
    violations,
  };
}

/**
 * Builds a growth report for every tracked map seen at the checkpoints.
 *
 * @example
 * ```ts
 * import { growthReports, run } from "@mapscope/mapscope";
 * const wasm = await Deno.readFile("go-targets/dist/tinygo-0.41.0/growth.wasm");
 * const result = await run(wasm, { args: ["growth", "200"], deterministic: true });
 * for (const g of growthReports(result.checkpoints)) console.log(g.name, g.events.length, g.violations);
 * ```
 */
export function growthReports(checkpoints: Checkpoint[]): GrowthReport[] {
  const out: GrowthReport[] = [];
  for (const [name, list] of byName(checkpoints)) {
    out.push(list[0].snap.family === "tinygo" ? tinygoReport(name, list) : swissReport(name, list));
  }
  return out;
}
