/**
 * How a swiss snapshot's derived facts are shown: a text line for reports, a record for JSON.
 *
 * @module
 */
import { hex } from "../../hex.ts";
import type { ReadSnapshot } from "../../model/snapshot.ts";

/** "small map: one group (...)" or "3 table(s), interleaved layout, ...: [0] cap 1024 used ...". */
export function describeSwiss(snap: ReadSnapshot): string[] {
  const s = snap.swiss;
  if (!s) return [];
  return [
    s.small
      ? `  small map: one group (${s.groupLayout} layout, ${s.groupSize}-byte groups)`
      : `  ${s.tables.length} table(s), ${s.groupLayout} layout, ${s.groupSize}-byte groups: ` +
        s.tables.map((t) => `[${t.index}] cap ${t.capacity} used ${t.used} depth ${t.localDepth}`).join(", "),
  ];
}

/** The `swiss` record of the JSON report (table and group addresses as hex). */
export function swissJson(snap: ReadSnapshot): Record<string, unknown> {
  const s = snap.swiss;
  if (!s) return {};
  return {
    swiss: { ...s, tables: s.tables.map((t) => ({ ...t, address: hex(t.address), groups: hex(t.groups) })) },
  };
}
