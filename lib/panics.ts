/**
 * Panics seen at their entry (through hooks): the panic value as text, and the per-map diff
 * between the maps at a panic's entry and at the runtime's `panic:` print (what deferred calls did).
 *
 * @module
 */
import type { MapSnapshot } from "./snapshot.ts";
import type { GoType } from "./types/model.ts";
import { GoInterface, GoRef, GoSlice, type GoValue } from "./values.ts";

/** A panic seen at the first instruction of the runtime's panic function. */
export interface PanicEvent {
  /** 1 for the first panic of the run, then 2, 3, ... */
  seq: number;
  /** The panic value as text: a string as is, other values in Go-like syntax. */
  value: string;
  /** Go spelling of the panic value's dynamic type, when known. */
  valueType?: string;
  /** True when the program went on after it (recovered), false for the panic that ended it. */
  recovered: boolean;
  /** Tracked, requested and discovered maps at the panic's entry, with entries. */
  snapshots: MapSnapshot[];
  /** For the fatal panic: the same maps when the runtime printed `panic:` (after deferred calls). */
  atPrint?: MapSnapshot[];
  /** For the fatal panic: what changed in each map between the entry and the print. */
  diff?: MapDiff[];
}

/** What changed in one map between two snapshots, by key. */
export interface MapDiff {
  /** The map's name (or label). */
  name: string;
  /** Header address. */
  address: number;
  /** Entries present only in the later snapshot: [key, value] in Go's JSON. */
  added: string[];
  /** Entries present only in the earlier snapshot. */
  removed: string[];
  /** Keys whose value changed: key, value before, value after (Go's JSON). */
  changed: { key: string; before: string; after: string }[];
}

/**
 * Formats a decoded value as Go's `%v` would for plain data: strings as is, structs as
 * `{a:1 b:x}`, pointers to structs as `&{...}`, addresses as 0x....
 *
 * @example
 * ```ts
 * import { formatGoValue, parseGoType } from "@mapscope/mapscope";
 * console.log(formatGoValue({ x: 5, y: 3 }, parseGoType("struct{x int32; y int32}", 4))); // {x:5 y:3}
 * ```
 */
export function formatGoValue(
  v: GoValue,
  t?: GoType,
  deref?: (r: GoRef, t: GoType) => GoValue | undefined,
): string {
  if (v === null) return "<nil>";
  if (typeof v === "string") return v;
  if (typeof v === "boolean" || typeof v === "number" || typeof v === "bigint") return String(v);
  if (v instanceof GoInterface) return formatGoValue(v.value, v.type, deref);
  if (v instanceof GoRef) {
    if (v.address !== 0 && t?.kind === "pointer" && t.elem?.kind === "struct" && deref) {
      const inner = deref(v, t.elem);
      if (inner !== undefined) return "&" + formatGoValue(inner, t.elem, deref);
    }
    return v.toString();
  }
  if (v instanceof GoSlice) {
    const items = v.items instanceof Uint8Array ? Array.from(v.items) : v.items;
    return "[" + items.map((x) => formatGoValue(x, t?.elem, deref)).join(" ") + "]";
  }
  if (Array.isArray(v)) {
    if (t?.kind === "complex64" || t?.kind === "complex128") {
      return `(${v[0]}${(v[1] as number) < 0 ? "" : "+"}${v[1]}i)`;
    }
    return "[" + v.map((x) => formatGoValue(x, t?.elem, deref)).join(" ") + "]";
  }
  const fields = t?.fields;
  return "{" + Object.entries(v).map(([k, x]) => {
    const ft = fields?.find((f) => f.name === k)?.type;
    return `${k}:${formatGoValue(x, ft, deref)}`;
  }).join(" ") + "}";
}

/**
 * The per-map difference between two lists of snapshots of the same maps (matched by address).
 *
 * @example
 * ```ts ignore
 * import { diffSnapshots } from "@mapscope/mapscope";
 * for (const d of diffSnapshots(fatal.snapshots, fatal.atPrint!)) console.log(d.name, d.added, d.removed, d.changed);
 * ```
 */
export function diffSnapshots(before: readonly MapSnapshot[], after: readonly MapSnapshot[]): MapDiff[] {
  const out: MapDiff[] = [];
  for (const b of before) {
    const a = after.find((x) => x.address === b.address);
    if (!a || !a.entries || !b.entries) continue;
    const bm = new Map(b.entries.map((e) => [e.keyJson, e]));
    const am = new Map(a.entries.map((e) => [e.keyJson, e]));
    const d: MapDiff = {
      name: b.name ?? "0x" + b.address.toString(16),
      address: b.address,
      added: [],
      removed: [],
      changed: [],
    };
    for (const [k, e] of am) {
      const old = bm.get(k);
      if (!old) d.added.push(e.json);
      else if (old.valueJson !== e.valueJson) {
        d.changed.push({ key: k, before: old.valueJson, after: e.valueJson });
      }
    }
    for (const [k, e] of bm) if (!am.has(k)) d.removed.push(e.json);
    d.added.sort();
    d.removed.sort();
    d.changed.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    out.push(d);
  }
  return out;
}
