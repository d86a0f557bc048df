/**
 * Go's swiss-map growth, over a map's checkpoints: the small map (one group) becoming a table
 * after its 8th entry, tables growing, tables splitting, the directory doubling, and `clear`.
 *
 * Sources: go1.26.8 and go1.27.3 `src/internal/runtime/maps/map.go` (`growToTable`,
 * `installTableSplit`), `table.go` (`rehash`, `grow`, `split`).
 *
 * @module
 */
import type { GrowthEvent } from "../../model/result.ts";
import type { SwissSnapshot } from "../../model/snapshot.ts";
import type { FamilyGrowth, GrowthStep } from "../family.ts";

/** A small map holds one group of 8 slots; the 9th insert turns it into a table. */
export const SMALL_MAP_SLOTS = 8;

function analyze(steps: readonly GrowthStep[]): { events: GrowthEvent[]; violations: string[] } {
  const events: GrowthEvent[] = [];
  const violations: string[] = [];
  let prev: SwissSnapshot | undefined;
  for (const { seq, snap } of steps) {
    if (snap.family !== "go") continue;
    const h = snap.header;
    const tables = snap.swiss.tables;
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
      ev(snap.swiss.small ? "first seen: small map (one group)" : `first seen: ${tables.length} table(s)`);
      prev = snap;
      continue;
    }
    const p = prev.header;
    const pt = prev.swiss.tables;
    if (prev.swiss.small && !snap.swiss.small) {
      ev(`small map -> table (capacity ${tables.map((t) => t.capacity).join(",")}) at len ${snap.len}`);
      if (prev.len !== SMALL_MAP_SLOTS) {
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
    } else {
      const i = tables.findIndex((t, i) => pt[i] !== undefined && t.capacity > pt[i].capacity);
      const [t, before] = [tables[i], pt[i]];
      if (t && before) ev(`table ${t.index} grew ${before.capacity} -> ${t.capacity}`);
    }
    if (h.clearSeq > p.clearSeq) ev(`cleared (clearSeq ${p.clearSeq} -> ${h.clearSeq})`);
    prev = snap;
  }
  return { events, violations };
}

/** Go's swiss growth rules. */
export const swissGrowth: FamilyGrowth = {
  columns: { depth: "globalDepth", address: "dirPtr" },
  analyze,
};
