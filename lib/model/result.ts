/**
 * What a run produces: output, exit or trap, checkpoints, panics and the maps at each. Plain
 * types only; everything that fills them lives above this folder.
 *
 * @module
 */
import type { GuestMemory } from "../memory.ts";
import type { ModuleInfo } from "../wasm/module.ts";
import type { FamilyId, MapSnapshot } from "./snapshot.ts";
import type { Toolchain } from "./toolchain.ts";

/**
 * Everything a guest wrote to one stream.
 *
 * @example
 * ```ts
 * import { run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm"), { deterministic: true });
 * console.log(r.stdout.lines.length > 0, r.stdout.bytes.length === new TextEncoder().encode(r.stdout.text).length);
 * ```
 */
export interface CapturedStream {
  /** The bytes, concatenated. */
  bytes: Uint8Array;
  /** The bytes decoded as UTF-8. */
  text: string;
  /** The text split into lines (without the final empty line). */
  lines: string[];
}

/**
 * The kind of a WebAssembly trap.
 *
 * @example
 * ```ts
 * import type { TrapKind } from "@mapscope/mapscope/run";
 * const k: TrapKind = "unreachable";
 * console.log(k);
 * ```
 */
export type TrapKind =
  | "unreachable"
  | "out of bounds"
  | "stack overflow"
  | "divide by zero"
  | "integer overflow"
  | "indirect call"
  | "other";

/**
 * A trap: its kind and the engine's message.
 *
 * @example
 * ```ts
 * import { run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/tinygo-0.41.0/panics.wasm"), { args: ["p", "explicit"] });
 * console.log(r.trap?.kind); // unreachable
 * ```
 */
export interface Trap {
  /** What kind of trap it was. */
  kind: TrapKind;
  /** The engine's message. */
  message: string;
}

/**
 * A map the probe tracks.
 *
 * @example
 * ```ts
 * import { run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm"), { deterministic: true });
 * for (const t of r.tracked) console.log(t.name, "0x" + t.address.toString(16), t.typeDescriptor > 0);
 * ```
 */
export interface TrackedMap {
  /** The name given to `probe.Track`. */
  name: string;
  /** Address of the map header. */
  address: number;
  /** Address of the map's runtime type descriptor. */
  typeDescriptor: number;
}

/**
 * A probe checkpoint and the tracked maps as they were at it.
 *
 * @example
 * ```ts
 * import { run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm"), { deterministic: true });
 * for (const cp of r.checkpoints) console.log(cp.seq, cp.label, cp.maps.map((m) => m.len));
 * ```
 */
export interface Checkpoint {
  /** 1 for the first checkpoint, then 2, 3, ... */
  seq: number;
  /** The label given to `probe.Checkpoint`. */
  label: string;
  /** Every tracked map (header, derived facts; entries with `checkpointEntries`). */
  maps: MapSnapshot[];
}

/**
 * A panic (or fatal error) the runtime printed, and the maps at that instant.
 *
 * @example
 * ```ts
 * import { run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/go1.26.8/panics.wasm"), { args: ["p", "explicit"] });
 * console.log(r.panic?.kind, r.panic?.stream, r.panic?.snapshots.length); // panic stderr 2
 * ```
 */
export interface PanicReport {
  /** The text after `panic: ` (or `fatal error: `) on that line. */
  message: string;
  /** "panic" or "fatal error". */
  kind: "panic" | "fatal error";
  /** Where the runtime printed it: TinyGo to stdout, Go to stderr. */
  stream: "stdout" | "stderr";
  /** Tracked and requested maps, with entries, taken while `panic:` was being written. */
  snapshots: MapSnapshot[];
}

/**
 * What changed in one map between two snapshots, by key.
 *
 * @example
 * ```ts
 * import { run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/go1.26.8/deferred.wasm"), { deterministic: true });
 * for (const d of r.panics.at(-1)?.diff ?? []) console.log(d.name, d.added, d.removed, d.changed);
 * ```
 */
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
 * A panic seen at the first instruction of the runtime's panic function.
 *
 * @example
 * ```ts
 * import { run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/go1.26.8/recovered.wasm"), { deterministic: true });
 * for (const p of r.panics) console.log(p.seq, p.recovered, p.valueType, p.value);
 * ```
 */
export interface PanicEvent {
  /** 1 for the first panic of the run, then 2, 3, ... */
  seq: number;
  /** The panic value as text: a string as is, other values in Go-like syntax. */
  value: string;
  /** Go spelling of the panic value's dynamic type, when known. */
  valueType?: string | undefined;
  /** True when the program went on after it (recovered), false for the panic that ended it. */
  recovered: boolean;
  /** Tracked, requested and discovered maps at the panic's entry, with entries. */
  snapshots: MapSnapshot[];
  /** For the fatal panic: the same maps when the runtime printed `panic:` (after deferred calls). */
  atPrint?: MapSnapshot[];
  /** For the fatal panic: what changed in each map between the entry and the print. */
  diff?: MapDiff[];
}

/**
 * A map found through a map-assignment hook.
 *
 * @example
 * ```ts
 * import { run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/go1.26.8/nomaps.wasm"), { allMaps: true, deterministic: true });
 * console.log(r.discovered.length >= 10, r.discovered.every((d) => d.typeDescriptor > 0)); // true true
 * ```
 */
export interface DiscoveredMap {
  /** Header address. */
  address: number;
  /** Its runtime type descriptor, 0 when the hook does not see it (TinyGo). */
  typeDescriptor: number;
}

/**
 * Everything that happened in a run.
 *
 * @example
 * ```ts
 * import { run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/go1.26.8/hello.wasm"), { deterministic: true });
 * console.log(r.exit, r.trap, r.toolchain.name, r.maps.length, r.hooked); // 0 undefined go1.26.8 1 {...}
 * ```
 */
export interface RunResult {
  /** The toolchain whose layouts were used. */
  toolchain: Toolchain;
  /** Exit code, when the guest exited (returned from `_start` or called `proc_exit`). */
  exit?: number | undefined;
  /** How the guest trapped, when it did. */
  trap?: Trap | undefined;
  /** What the guest wrote to stdout. */
  stdout: CapturedStream;
  /** What the guest wrote to stderr. */
  stderr: CapturedStream;
  /** Every probe checkpoint in order. */
  checkpoints: Checkpoint[];
  /** The panic, when the runtime printed one. */
  panic?: PanicReport | undefined;
  /** Tracked and requested maps at the panic, or at exit or trap when there was none. */
  maps: MapSnapshot[];
  /** The maps the probe tracked (name, header address, type descriptor). */
  tracked: TrackedMap[];
  /** Every panic seen at its entry, in order (with hooks). */
  panics: PanicEvent[];
  /** Maps found through map-assignment hooks (with `allMaps`). */
  discovered: DiscoveredMap[];
  /** Whether panic hooks and map hooks were inserted (and why not, or how, when that is news). */
  hooked: { panics: boolean; allMaps: boolean; note?: string };
  /** The guest's memory after the run (absent when run in a Worker). */
  memory?: GuestMemory;
  /** The parsed module (absent when run in a Worker). */
  module?: ModuleInfo;
}

/**
 * One structural change of a map between two checkpoints.
 *
 * @example
 * ```ts
 * import { growthReports, run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/tinygo-0.41.0/growth.wasm"), { args: ["g", "100"], deterministic: true });
 * for (const e of growthReports(r.checkpoints)[0]?.events ?? []) console.log(e.seq, e.len, e.depth, e.what);
 * ```
 */
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

/**
 * The growth of one tracked map over a run.
 *
 * @example
 * ```ts
 * import { growthReports, run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/go1.26.8/growth.wasm"), { args: ["g", "100"], deterministic: true });
 * for (const g of growthReports(r.checkpoints)) console.log(g.name, g.headerFixed, g.finalLen, g.violations);
 * ```
 */
export interface GrowthReport {
  /** The tracked name. */
  name: string;
  /** The header address (the same at every checkpoint, or `headerFixed` is false). */
  address: number;
  /** "tinygo" or "go". */
  family: FamilyId;
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
