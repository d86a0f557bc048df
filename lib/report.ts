/**
 * Reports of a run: a text rendering for people (long maps abridged) and a JSON document for tools
 * (complete: entries as `[key, value]` pairs in Go's JSON encoding, addresses as "0x..." hex).
 *
 * @module
 */
import { familyOf, writeDescription } from "./family/registry.ts";
import { growthReports } from "./growth.ts";
import { hex } from "./hex.ts";
import type { GrowthReport, MapDiff, RunResult } from "./model/result.ts";
import type { MapEntry, MapSnapshot } from "./model/snapshot.ts";
import { entryJsonOnce, writeEntryJson } from "./types/entry.ts";
import { type EntryTable, entryTableOf } from "./types/entry_table.ts";
import { ascii, TextBuffer } from "./_text_buffer.ts";

/** A sink for JSON text, written in pieces. */
type Write = (text: string) => void;

/**
 * Entries in a map's JSON: written in batches as they are encoded, never all as one array of
 * strings; from the snapshot's table when it has one (no entry objects made).
 */
class EntriesJson {
  constructor(readonly entries: readonly MapEntry[] | EntryTable) {}
  get length(): number {
    return this.entries.length;
  }
  json(i: number): string {
    const es = this.entries;
    return Array.isArray(es) ? entryJsonOnce(es[i]!) : (es as EntryTable).json(i);
  }
}

/** Entries encoded per batch when streaming (about 100 KB of text). */
const ENTRY_BATCH = 4096;

/**
 * Writes `v` as JSON text: bigints as plain numbers, `raw` strings spliced in unquoted, arrays of
 * scalars and raw values on one line, everything else indented by two spaces per level.
 */
function writeJson(v: unknown, write: Write, indent = ""): void {
  const next = indent + "  ";
  if (v === null || v === undefined) return write("null");
  if (typeof v === "bigint") return write(v.toString());
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "string") {
    return write(JSON.stringify(v));
  }
  if (v instanceof RawJson) return write(v.text);
  if (v instanceof EntriesJson) {
    const n = v.length;
    if (n === 0) return write("[]");
    for (let i = 0; i < n; i += ENTRY_BATCH) {
      let batch = i === 0 ? "[" : ", ";
      const end = Math.min(n, i + ENTRY_BATCH);
      for (let j = i; j < end; j++) batch += (j > i ? ", " : "") + v.json(j);
      write(batch);
    }
    return write("]");
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return write("[]");
    if (v.every((x) => x instanceof RawJson || typeof x !== "object")) {
      write("[");
      v.forEach((x, i) => (i && write(", "), writeJson(x, write)));
      return write("]");
    }
    write("[\n");
    v.forEach((x, i) => (write((i ? ",\n" : "") + next), writeJson(x, write, next)));
    return write("\n" + indent + "]");
  }
  const fields = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  if (fields.length === 0) return write("{}");
  write("{\n");
  fields.forEach((
    [k, x],
    i,
  ) => (write(`${i ? ",\n" : ""}${next}${JSON.stringify(k)}: `), writeJson(x, write, next)));
  write("\n" + indent + "}");
}

/** JSON text of `v` as one string (see writeJson). */
function toJson(v: unknown): string {
  let out = "";
  writeJson(v, (t) => (out += t));
  return out;
}

class RawJson {
  constructor(readonly text: string) {}
}

function mapJson(m: MapSnapshot): Record<string, unknown> {
  return {
    name: m.name,
    origin: m.origin,
    address: hex(m.address),
    family: m.family,
    len: m.len,
    keyType: m.keyType,
    elemType: m.elemType,
    header: m.header,
    ...(m.error === undefined ? familyOf(m).derivedJson(m) : {}),
    entries: entriesJson(m),
    truncated: m.truncated,
    error: m.error,
  };
}

/** The entries of `m` for its JSON: from its table when it has one, else its entries, if any. */
function entriesJson(m: MapSnapshot): EntriesJson | undefined {
  const t = entryTableOf(m);
  if (t) return new EntriesJson(t);
  return m.entries ? new EntriesJson(m.entries) : undefined;
}

/**
 * The JSON report of a run: `exit` or `trap`, `panic.message`, `maps` (name, address "0x...",
 * len, header, entries as [key, value] in Go's JSON encoding), `growth`, and the output.
 * Never throws for a result `run` returned.
 *
 * @example
 * ```ts
 * import { run, runReportJson } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm"), { deterministic: true });
 * console.log(JSON.parse(runReportJson(r)).maps[0].entries);
 * ```
 */
export function runReportJson(result: RunResult): string {
  let out = "";
  writeRunReportJson(result, (t) => (out += t));
  return out;
}

/**
 * Writes the JSON report of a run in pieces, as {@linkcode runReportJson} would return it: map
 * entries are encoded and written in batches, so a report far larger than memory allows as one
 * string (a map of millions of entries) is never built whole.
 * Never throws for a result `run` returned (what `write` throws passes through).
 *
 * @example
 * ```ts
 * import { writeRunReportJson } from "@mapscope/mapscope/run";
 * import { run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm"), { deterministic: true });
 * const pieces: string[] = [];
 * writeRunReportJson(r, (t) => pieces.push(t));
 * console.log(JSON.parse(pieces.join("")).maps.length); // 1
 * ```
 */
export function writeRunReportJson(result: RunResult, write: (text: string) => void): void {
  writeJson({
    toolchain: result.toolchain.name,
    layout: result.toolchain.layout,
    layoutNote: result.toolchain.layoutNote,
    exit: result.exit,
    trap: result.trap,
    panic: result.panic
      ? { message: result.panic.message, kind: result.panic.kind, stream: result.panic.stream }
      : undefined,
    maps: result.maps.map(mapJson),
    panics: result.panics.map((p) => ({
      seq: p.seq,
      value: p.value,
      valueType: p.valueType,
      recovered: p.recovered,
      maps: p.snapshots.map(mapJson),
      diff: p.diff?.map((d) => ({
        ...d,
        address: hex(d.address),
        added: d.added.map((x) => new RawJson(x)),
        removed: d.removed.map((x) => new RawJson(x)),
        changed: d.changed.map((c) => ({
          key: new RawJson(c.key),
          before: new RawJson(c.before),
          after: new RawJson(c.after),
        })),
      })),
    })),
    hooked: result.hooked,
    discovered: result.discovered.map((d) => ({ address: hex(d.address), typeDescriptor: d.typeDescriptor })),
    growth: growthReports(result.checkpoints).map((g) => ({ ...g, address: hex(g.address) })),
    checkpoints: result.checkpoints.length,
    stdout: result.stdout.text,
    stderr: result.stderr.text,
  }, write);
  write("\n");
}

/**
 * One snapshot as the JSON report writes it (addresses as "0x...", entries as [key, value]).
 * Never throws.
 *
 * @example
 * ```ts
 * import { snapshotJson } from "@mapscope/mapscope/run";
 * import { run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm"), { deterministic: true });
 * console.log(JSON.parse(snapshotJson(r.maps[0]!)).len); // 3
 * ```
 */
export function snapshotJson(m: MapSnapshot): string {
  return toJson(mapJson(m));
}

/** The JSON of the first `max` entries of `m`, space-separated (from its table when it has one). */
function firstJson(m: MapSnapshot, max: number): string {
  const t = entryTableOf(m);
  const es = t ? undefined : m.entries ?? [];
  let s = "";
  const n = Math.min(t ? t.length : es!.length, max);
  for (let i = 0; i < n; i++) s += (i ? " " : "") + (t ? t.json(i) : es![i]!.json);
  return s;
}

/** How a header field is written: its ` name=` label, and whether it is an address (hex). */
interface FieldLabel {
  readonly label: Uint8Array;
  readonly first: Uint8Array;
  readonly address: boolean;
}

/** Labels of header fields by name, made once per name (header field names are few). */
const FIELD_LABELS = new Map<string, FieldLabel>();

function fieldLabel(k: string): FieldLabel {
  let f = FIELD_LABELS.get(k);
  if (f === undefined) {
    const isAscii = /^[\x20-\x7e]*$/.test(k);
    f = {
      label: isAscii ? ascii(` ${k}=`) : new TextEncoder().encode(` ${k}=`),
      first: isAscii ? ascii(`${k}=`) : new TextEncoder().encode(`${k}=`),
      address: /ptr|buckets|dirPtr/i.test(k),
    };
    if (FIELD_LABELS.size < 1024) FIELD_LABELS.set(k, f);
  }
  return f;
}

/**
 * The labels of the last header written, by field position: headers of one family have their
 * fields in one order, so a label is found by comparing one name, not by a lookup per field.
 */
const LAST_KEYS: string[] = [];
const LAST_LABELS: FieldLabel[] = [];

function writeHeader(out: TextBuffer, m: MapSnapshot): void {
  const h = m.header as Record<string, unknown>;
  let i = 0;
  for (const k in h) {
    const v = h[k];
    let f: FieldLabel;
    if (LAST_KEYS[i] === k) f = LAST_LABELS[i]!;
    else {
      f = fieldLabel(k);
      if (i < 64) (LAST_KEYS[i] = k, LAST_LABELS[i] = f);
    }
    out.bytes(i === 0 ? f.first : f.label);
    i++;
    if (typeof v === "number" && f.address) out.hex(v);
    else if (typeof v === "number" || typeof v === "bigint") out.int(v);
    else out.text(String(v));
  }
}

/** Lines written into a text buffer, each ended by a newline (`push` as on an array of lines). */
class Lines {
  constructor(readonly out: TextBuffer) {}
  push(line: string): void {
    this.out.text(line);
    this.out.byte(0x0a);
  }
}

/** One text buffer for every report (reports are made one at a time; none calls another). */
const BUFFER = new TextBuffer();
/** The report's lines, written into it. */
const LINES = new Lines(BUFFER);

/**
 * Text lines describing one map snapshot, with at most `maxEntries` entries shown.
 * Never throws.
 *
 * @example
 * ```ts
 * import { formatMap } from "@mapscope/mapscope/run";
 * import { run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm"), { deterministic: true });
 * console.log(formatMap(r.maps[0]!, 2).join("\n"));
 * ```
 */
export function formatMap(m: MapSnapshot, maxEntries = 20): string[] {
  BUFFER.rewind(0); // what a report that threw left behind
  writeMap(BUFFER, m, maxEntries);
  return BUFFER.takeLines();
}

// the constant pieces of a map's lines, as bytes
const MAP = ascii("map ");
const AT = ascii(" at ");
const MAP_TYPE = ascii(" map[");
const LEN = ascii("  len ");
const ORIGIN = ascii("   (");
const CANNOT_READ = ascii("  cannot read: ");
const HEADER = ascii("  header: ");
const ENTRIES_CUT = ascii("  entries cut: ");
const INDENT = ascii("    ");
const MORE = ascii("    ... ");
const MORE_END = ascii(" more (--json shows all)\n");

/** Writes the lines of {@linkcode formatMap} into `out`, each ended by a newline. */
function writeMap(out: TextBuffer, m: MapSnapshot, maxEntries: number): void {
  out.bytes(MAP);
  out.text(m.name ?? "");
  out.bytes(AT);
  out.hex(m.address);
  if (m.keyType) {
    out.bytes(MAP_TYPE);
    out.text(m.keyType);
    out.byte(0x5d);
    out.text(m.elemType ?? "");
  }
  out.bytes(LEN);
  out.int(m.len);
  if (m.origin) {
    out.bytes(ORIGIN);
    out.text(m.origin);
    out.byte(0x29);
  }
  out.byte(0x0a);
  if (m.error !== undefined) {
    out.bytes(CANNOT_READ);
    out.text(m.error);
    out.byte(0x0a);
    return;
  }
  out.bytes(HEADER);
  writeHeader(out, m);
  out.byte(0x0a);
  writeDescription(out, m);
  if (m.truncated) {
    out.bytes(ENTRIES_CUT);
    out.text(m.truncated);
    out.byte(0x0a);
  }
  // written from the snapshot's table when it has one (no entry objects made); indexed, not sliced
  const t = entryTableOf(m);
  const es = t ? undefined : m.entries;
  if (t || es) {
    const n = t ? t.length : es!.length;
    const shown = Math.min(n, maxEntries);
    if (t) t.writeLines(shown, out, INDENT);
    else {
      for (let i = 0; i < shown; i++) {
        out.bytes(INDENT);
        writeEntryJson(es![i]!, out);
        out.byte(0x0a);
      }
    }
    if (n > shown) {
      out.bytes(MORE);
      out.int(n - shown);
      out.bytes(MORE_END);
    }
  }
}

/**
 * The growth table of one report: seq, len, what changed.
 * Never throws.
 *
 * @example
 * ```ts
 * import { formatGrowth } from "@mapscope/mapscope/run";
 * import { growthReports, run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/tinygo-0.41.0/growth.wasm"), { args: ["g", "100"], deterministic: true });
 * for (const g of growthReports(r.checkpoints)) console.log(formatGrowth(g).join("\n"));
 * ```
 */
export function formatGrowth(g: GrowthReport): string[] {
  const columns = familyOf(g).growth.columns;
  const lines = [
    `growth of ${g.name} (header ${hex(g.address)} ${
      g.headerFixed ? "fixed" : "MOVED"
    } over ${g.checkpoints} checkpoints, final len ${g.finalLen})`,
    `   seq    len  ${columns.depth}  ${columns.address.padEnd(10)}  event`,
  ];
  for (const e of g.events) {
    lines.push(
      `  ${String(e.seq).padStart(4)} ${String(e.len).padStart(6)}  ${
        String(e.depth).padStart(columns.depth.length)
      }  ${hex(e.address).padEnd(10)}  ${e.what}`,
    );
  }
  lines.push(
    g.violations.length
      ? `  rule violations: ${g.violations.join("; ")}`
      : "  every growth followed the runtime's rules",
  );
  return lines;
}

/**
 * The diff of each snapshot, by its index. `diffSnapshots` keeps the order of the snapshots (its
 * diffs are a subsequence of them), so they are matched in one pass, making no map of 100 entries
 * per report; diffs in another order are found by address.
 */
function diffFinder(
  snapshots: readonly MapSnapshot[],
  diffs: readonly MapDiff[],
): (i: number) => MapDiff | undefined {
  let j = 0;
  for (let i = 0; i < snapshots.length && j < diffs.length; i++) {
    if (diffs[j]!.address === snapshots[i]!.address) j++;
  }
  if (j < diffs.length) {
    const byAddress = new Map(diffs.map((d) => [d.address, d]));
    return (i) => byAddress.get(snapshots[i]!.address);
  }
  let next = 0;
  return (
    i,
  ) => (next < diffs.length && diffs[next]!.address === snapshots[i]!.address ? diffs[next++] : undefined);
}

/**
 * A text report of a run: how it ended, the panic and the maps at it, and each map's growth.
 * Never throws for a result `run` returned.
 *
 * @example
 * ```ts
 * import { formatRunReport, run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/go1.26.8/panics.wasm"), { args: ["p", "divide"] });
 * console.log(formatRunReport(r));
 * ```
 */
export function formatRunReport(result: RunResult, maxEntries = 20): string {
  BUFFER.rewind(0); // what a report that threw left behind
  const out = LINES;
  const end = result.trap
    ? `trapped: ${result.trap.kind} (${result.trap.message})`
    : `exited with code ${result.exit}`;
  out.push(`mapscope: ${result.toolchain.name} program ${end}   (${result.toolchain.layoutNote})`);
  if (result.hooked.note) out.push(`hooks: ${result.hooked.note}`);
  if (result.panic) {
    out.push(`${result.panic.kind}: ${result.panic.message}   (printed to ${result.panic.stream})`);
    out.push(`maps at the moment the runtime printed "${result.panic.kind}:":`);
  } else if (result.maps.length) out.push("maps at the end of the run:");
  if (!result.maps.length && result.toolchain.layout !== "none") {
    out.push(
      "no maps to show: track them with the probe (probe.Track), find every map the program writes with " +
        "--all-maps (it hooks map writes: about 1.0x-1.1x the run time), or read one with --map ADDR=GO_TYPE",
    );
  }
  for (const m of result.maps) writeMap(BUFFER, m, maxEntries);
  if (result.panics.length) out.push(`panics seen at their first instruction (${result.panics.length}):`);
  for (const p of result.panics) {
    out.push(
      `#${p.seq} ${p.recovered ? "RECOVERED" : "FATAL"} panic(${
        p.valueType ? p.valueType + ": " : ""
      }${p.value})`,
    );
    // With the print's diff at hand, a map the deferred calls left alone is the same at entry as
    // in the maps above: named once, not shown again.
    const diffOf = diffFinder(p.snapshots, p.diff ?? []);
    const unchanged: string[] = [];
    for (let i = 0; i < p.snapshots.length; i++) {
      const m = p.snapshots[i]!;
      const name = m.name ?? hex(m.address);
      const d = diffOf(i);
      if (d && !d.added.length && !d.removed.length && !d.changed.length) {
        unchanged.push(name);
        continue;
      }
      out.push(
        `  at entry: ${name} len ${m.len}` +
          (entryTableOf(m) || m.entries ? `: ${firstJson(m, maxEntries)}` : ""),
      );
      if (!d) continue;
      const parts = [
        ...d.added.map((x) => `+${x}`),
        ...d.removed.map((x) => `-${x}`),
        ...d.changed.map((c) => `${c.key}: ${c.before} -> ${c.after}`),
      ];
      out.push(`  deferred calls changed ${d.name}: ${parts.join(" ")}`);
    }
    if (unchanged.length) {
      const shown = unchanged.length > 8
        ? `${unchanged.slice(0, 8).join(", ")} and ${unchanged.length - 8} more`
        : unchanged.join(", ");
      out.push(`  deferred calls changed nothing in ${shown}: at entry as above`);
    }
  }
  for (const g of growthReports(result.checkpoints)) {
    if (g.events.length > 1) { for (const line of formatGrowth(g)) out.push(line); }
  }
  return BUFFER.take();
}
