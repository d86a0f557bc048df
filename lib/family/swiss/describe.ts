/**
 * How a swiss snapshot's derived facts are shown: a text line for reports, a record for JSON.
 *
 * @module
 */
import { hex } from "../../hex.ts";
import { ascii, TextBuffer } from "../../_text_buffer.ts";
import type { ReadSnapshot } from "../../model/snapshot.ts";
import type { MapShape } from "../family.ts";

/** "small map: one group (...)" or "3 table(s), interleaved layout, ...: [0] cap 1024 used ...". */
export function describeSwiss(snap: ReadSnapshot): string[] {
  const out = new TextBuffer(256);
  writeSwissDescription(out, snap);
  return out.takeLines();
}

/** Writes the lines of {@linkcode describeSwiss} into `out` (each ended by a newline), making no strings. */
export function writeSwissDescription(out: TextBuffer, snap: ReadSnapshot): void {
  const s = snap.swiss;
  if (!s) return;
  if (s.small) {
    out.bytes(SMALL);
    out.text(s.groupLayout);
    out.bytes(LAYOUT);
    out.int(s.groupSize);
    out.bytes(GROUPS_CLOSE);
    return;
  }
  out.bytes(INDENT);
  out.int(s.tables.length);
  out.bytes(TABLES);
  out.text(s.groupLayout);
  out.bytes(LAYOUT);
  out.int(s.groupSize);
  out.bytes(GROUPS);
  for (let i = 0; i < s.tables.length; i++) {
    const t = s.tables[i]!;
    out.bytes(i ? NEXT_TABLE : FIRST_TABLE);
    out.int(t.index);
    out.bytes(CAP);
    out.int(t.capacity);
    out.bytes(USED);
    out.int(t.used);
    out.bytes(DEPTH);
    out.int(t.localDepth);
  }
  out.byte(0x0a);
}

const SMALL = ascii("  small map: one group (");
const LAYOUT = ascii(" layout, ");
const GROUPS_CLOSE = ascii("-byte groups)\n");
const INDENT = ascii("  ");
const TABLES = ascii(" table(s), ");
const GROUPS = ascii("-byte groups: ");
const FIRST_TABLE = ascii("[");
const NEXT_TABLE = ascii(", [");
const CAP = ascii("] cap ");
const USED = ascii(" used ");
const DEPTH = ascii(" depth ");

/** The `swiss` record of the JSON report (table and group addresses as hex). */
export function swissJson(snap: ReadSnapshot): Record<string, unknown> {
  const s = snap.swiss;
  if (!s) return {};
  return {
    swiss: { ...s, tables: s.tables.map((t) => ({ ...t, address: hex(t.address), groups: hex(t.groups) })) },
  };
}

/** What each swiss header field means (internal/runtime/maps map.go). */
export const SWISS_HEADER_DOCS: Readonly<Record<string, string>> = {
  used: "number of entries: len(m)",
  seed: "hash seed of the map",
  dirPtr: "a small map's one group, or the directory of table pointers",
  dirLen: "directory length (0 for a small map); a power of two",
  globalDepth: "log2 of the directory length; grows when a table at that depth splits",
  globalShift: "shift that turns a 32-bit hash into a directory index (32 - globalDepth on wasm)",
  writing: "non-zero while a write is in progress (concurrent writes are detected with it)",
  tombstonePossible: "whether a delete may have left deleted (tombstone) slots in a small map",
  clearSeq: "bumped by every clear(m); iterators use it to notice",
};

/** The structure of a swiss snapshot for charts. */
export function swissShape(snap: ReadSnapshot): MapShape {
  const s = snap.swiss;
  const h = snap.family === "go" ? snap.header : undefined;
  if (!s || !h) return { capacity: 0, depth: 0, address: 0, structure: "" };
  if (s.small) return { capacity: 8, depth: 0, address: h.dirPtr, structure: "small map (one group)" };
  const caps = s.tables.map((t) => t.capacity);
  return {
    capacity: caps.reduce((a, b) => a + b, 0),
    depth: h.globalDepth,
    address: h.dirPtr,
    structure: `${caps.length} table${caps.length === 1 ? "" : "s"}: ${caps.join(", ")}`,
  };
}
