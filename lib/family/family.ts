/**
 * What a runtime family provides. mapscope knows two families, TinyGo's `runtime.hashmap` and Go's
 * swiss tables; each lives in its own folder (`tinygo/`, `swiss/`) and implements
 * {@linkcode RuntimeFamily}. Everything above `lib/family/` sees only this interface, as Delve's
 * map iterator consumers see only its iterator interface: no code outside this folder branches on
 * the family.
 *
 * @module
 */
import type { GuestMemory } from "../memory.ts";
import type { GoType } from "../model/gotype.ts";
import type { GrowthEvent } from "../model/result.ts";
import type { FamilyId, MapEntry, ReadSnapshot } from "../model/snapshot.ts";
import type { Toolchain } from "../model/toolchain.ts";
import type { GoRef, GoValue } from "../model/values.ts";
import type { InterfaceReader } from "../types/decode.ts";
import type { CallSitePatch, EntryPatch } from "../wasm/rewrite.ts";
import type { ModuleInfo } from "../wasm/module.ts";

/**
 * Options of a family's snapshot.
 *
 * @example
 * ```ts
 * import { familyOf, type FamilySnapshotOptions } from "@mapscope/mapscope/layouts";
 * import { run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm"), { deterministic: true });
 * const opts: FamilySnapshotOptions = { name: "greetings", entries: false };
 * const reader = familyOf(r.toolchain).open(r.memory!, r.toolchain, r.module);
 * console.log(reader.snapshot(r.tracked[0]!.address, undefined, opts).len); // 3
 * ```
 */
export interface FamilySnapshotOptions {
  /** A name to record with the snapshot. */
  name?: string | undefined;
  /** Where the map comes from, recorded as the snapshot's `origin` ("tracked by the probe"). */
  origin?: string | undefined;
  /** Decode and keep the entries (needs a type). */
  entries?: boolean | undefined;
  /** Record where the entries sit (`occupancy`): one cell per bucket or group. */
  occupancy?: boolean | undefined;
  /** Bytes the entries may decode to (default: 2 MiB + 256 per entry, see budget.ts). */
  budget?: number | undefined;
}

/**
 * A family's reader of the maps in one guest memory (the layout-specific half of `MapReader`).
 *
 * @example
 * ```ts
 * import { familyOf } from "@mapscope/mapscope/layouts";
 * import { run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/go1.26.8/hello.wasm"), { deterministic: true });
 * const reader = familyOf(r.toolchain).open(r.memory!, r.toolchain, r.module);
 * const t = r.tracked[0]!;
 * const type = reader.typeAt(t.typeDescriptor);
 * console.log([...reader.entries(t.address, type)].map((e) => e.json));
 * ```
 */
export interface FamilyReader {
  /** How this module's interface values are read (dynamic type, inline or pointed-to data). */
  readonly iface: InterfaceReader;
  /** The type described by the runtime type descriptor at `descriptor`, named where possible. */
  typeAt(descriptor: number): GoType;
  /**
   * Reads and checks the map whose header is at `address`; with `type`, checks the type fits the
   * header and (with `options.entries`) decodes every entry. Throws a `MapscopeError` when there is
   * no consistent map there.
   */
  snapshot(address: number, type: GoType | undefined, options: FamilySnapshotOptions): ReadSnapshot;
  /** Calls `visit` with every entry's key and value addresses; returns how many were visited. */
  walk(
    address: number,
    type: GoType | undefined,
    visit: (keyAddr: number, valueAddr: number) => void,
  ): number;
  /** The entries of the map at `address`, decoded with map type `type`. */
  entries(address: number, type: GoType): IterableIterator<MapEntry>;
  /**
   * A type for a map whose header carries none (TinyGo maps found without a probe): the one map
   * type of the program that fits, else one made from the header's shape. Undefined when the
   * family's headers need no inference.
   */
  inferType?(address: number): { type: GoType; how: "inferred" | "shape"; note: string } | undefined;
}

/**
 * What a hook call reported, decoded by the family whose hook it was.
 *
 * @example
 * ```ts
 * import type { HookEvent } from "@mapscope/mapscope/layouts";
 * const events: HookEvent[] = [{ type: "panic", value: "boom" }, { type: "map-write", address: 8, typeDescriptor: 0 }];
 * for (const ev of events) console.log(ev.type === "panic" ? ev.value : ev.type === "map-write" ? ev.address : ev.type); // boom, then 8
 * ```
 */
export type HookEvent =
  | {
    type: "map-write";
    address: number;
    typeDescriptor: number;
    /** This write may grow the map: the runtime may fill a temporary header next (TinyGo). */
    mayGrow?: boolean;
    /**
     * Where the write was made, when the hook sees it: Go's return address; TinyGo's call site
     * (the calling function's index times 2^32 plus the call's code offset).
     */
    caller?: number | undefined;
  }
  | {
    /**
     * A map made by `maps.Clone`, built by the runtime without a map write: its header, its type
     * descriptor (0 when the hook does not see it) and, when the hook sees it, the source map.
     */
    type: "map-clone";
    address: number;
    typeDescriptor: number;
    source?: number | undefined;
  }
  | {
    /**
     * The runtime began growing `source` (TinyGo): it fills the header at `scratch` with every
     * entry, then copies it over the map; `scratch` is never a map of its own.
     */
    type: "growth-start";
    source: number;
    scratch: number;
  }
  | {
    /**
     * `maps.Clone` began copying `source` (its result is reported at the function's return);
     * TinyGo fills `scratch` first, a header the result is then copied from.
     */
    type: "clone-start";
    source: number;
    scratch?: number | undefined;
  }
  | { type: "panic"; value: string; valueType?: string | undefined };

/**
 * What a hook decoder may read: guest memory and interface values.
 *
 * @example
 * ```ts
 * import type { HookValueReader } from "@mapscope/mapscope/layouts";
 * import { MapReader, run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm"), { deterministic: true });
 * const values: HookValueReader = new MapReader(r.memory!, r.toolchain, r.module);
 * console.log(values.interfaceValue(0, 0)); // undefined: a nil interface
 * ```
 */
export interface HookValueReader {
  /** The guest's memory. */
  readonly mem: GuestMemory;
  /** An interface value from its two words; undefined when the type word is not a type. */
  interfaceValue(
    typeWord: number,
    dataWord: number,
    dataWordAddr?: number,
  ): { type: GoType; value: GoValue } | undefined;
  /** The value of type `t` a pointer points at; undefined when it cannot be read. */
  deref(ref: GoRef, t: GoType): GoValue | undefined;
}

/**
 * Which hooks to insert.
 *
 * @example
 * ```ts
 * import { hookModule, prepareModule } from "@mapscope/mapscope/run";
 * import type { HookSelection } from "@mapscope/mapscope/layouts";
 * const bytes = await Deno.readFile("go-targets/dist/tinygo-0.41.0/panics.wasm");
 * const { info, toolchain } = prepareModule(bytes);
 * const what: HookSelection = { panics: true, allMaps: false };
 * console.log(hookModule(bytes, info, toolchain, what).names);
 * ```
 */
export interface HookSelection {
  /** Hooks at the runtime's panic functions. */
  panics: boolean;
  /** Hooks at the runtime's map-assignment functions. */
  allMaps: boolean;
  /** Why hooks are off though asked for, or where the functions were found (stripped modules). */
  note?: string;
}

/**
 * A family's entry hooks: which functions get one, and what each call means.
 *
 * @example
 * ```ts
 * import { familyOf } from "@mapscope/mapscope/layouts";
 * import { parseModule } from "@mapscope/mapscope/wasm";
 * const info = parseModule(await Deno.readFile("go-targets/dist/go1.26.8/panics.wasm"));
 * console.log(familyOf("go").hooks.canHookPanics(info)); // true
 * ```
 */
export interface FamilyHooks {
  /** Whether the module names the functions panic hooks need. */
  canHookPanics(info: ModuleInfo): boolean;
  /**
   * The entry patches for `info`; each reports through `fd_write` (function index `fdWrite`,
   * LEB128-encoded) to the hook descriptor. Only functions present in the module are patched.
   */
  patches(info: ModuleInfo, what: HookSelection, fdWrite: number[]): EntryPatch[];
  /** Code before the calls of the runtime's map functions, recording each call site (TinyGo). */
  callSites?(info: ModuleInfo, what: HookSelection, fdWrite: number[]): CallSitePatch | undefined;
  /**
   * How many mutable i32 globals the hook code keeps state in; the rewriter adds them after the
   * module's own (`newGlobalIndex`), where the code of `patches` and `callSites` expects them.
   */
  globals?(info: ModuleInfo, what: HookSelection): number;
  /** Decodes one hook call (`kind`, and the two arguments it passed). */
  decode(kind: number, a: number, b: number, reader: HookValueReader): HookEvent | undefined;
}

/**
 * One checkpoint's snapshot of a map, as the growth rules see it.
 *
 * @example
 * ```ts
 * import type { GrowthStep } from "@mapscope/mapscope/layouts";
 * import { run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm"), { deterministic: true });
 * const steps: GrowthStep[] = [];
 * for (const cp of r.checkpoints) for (const m of cp.maps) if (m.error === undefined) steps.push({ seq: cp.seq, snap: m });
 * console.log(steps.length); // 1
 * ```
 */
export interface GrowthStep<S extends ReadSnapshot = ReadSnapshot> {
  /** The checkpoint's sequence number. */
  seq: number;
  /** The map there. */
  snap: S;
}

/**
 * A family's growth rules: structural events and rule violations over a map's checkpoints.
 *
 * @example
 * ```ts
 * import { familyOf } from "@mapscope/mapscope/layouts";
 * const growth = familyOf("tinygo").growth;
 * console.log(growth.columns.depth, growth.analyze([]).events.length); // bucketBits 0
 * ```
 */
export interface FamilyGrowth {
  /** Column titles of the growth table for `depth` and `address`. */
  readonly columns: { depth: string; address: string };
  /** Events and violations over `steps` (snapshots of one map, in checkpoint order). */
  analyze(steps: readonly GrowthStep[]): { events: GrowthEvent[]; violations: string[] };
}

/**
 * A map's structure at one moment, the same for every family: what a growth chart plots.
 *
 * @example
 * ```ts
 * import { familyOf, type MapShape } from "@mapscope/mapscope/layouts";
 * import { run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm"), { deterministic: true });
 * const m = r.maps[0]!;
 * const shape: MapShape | undefined = m.error === undefined ? familyOf(m).shape(m) : undefined;
 * console.log(shape?.capacity, shape?.structure); // 8 "1 bucket"
 * ```
 */
export interface MapShape {
  /** Slots the map has now (TinyGo: 8 per bucket, overflow buckets included; swiss: table capacities). */
  capacity: number;
  /** TinyGo: bucketBits; swiss: globalDepth. */
  depth: number;
  /** TinyGo: the bucket array; swiss: the group (small map) or the directory. */
  address: number;
  /** In words: "64 buckets + 3 overflow", "small map (one group)", "3 tables: 1024, 1024, 512". */
  structure: string;
}

/**
 * A function, and the source position of code in it when the binary records one.
 *
 * @example
 * ```ts
 * import type { CodePosition } from "@mapscope/mapscope/layouts";
 * const p: CodePosition = { function: "main.main", file: "main.go", line: 24 };
 * console.log(`${p.function} (${p.file}:${p.line})`);
 * ```
 */
export interface CodePosition {
  /** The function's name: `main.main`. */
  function: string;
  /** The source file, as the binary records it. */
  file?: string | undefined;
  /** The line. */
  line?: number | undefined;
}

/**
 * A runtime family: its layouts, walk, types, hooks, panic rules and growth rules.
 *
 * @example
 * ```ts
 * import { familyOf, type RuntimeFamily } from "@mapscope/mapscope/layouts";
 * const f: RuntimeFamily = familyOf("tinygo");
 * console.log(f.id, f.panicStream, f.canRecover); // tinygo stdout false
 * ```
 */
export interface RuntimeFamily {
  /** "tinygo" or "go". */
  readonly id: FamilyId;
  /** Where the runtime prints `panic:` (TinyGo: stdout; Go: stderr). */
  readonly panicStream: "stdout" | "stderr";
  /** Whether a panic can be recovered on wasip1 (TinyGo cannot: its first panic is the panic). */
  readonly canRecover: boolean;
  /** Opens a reader over `mem` for a module built by `toolchain`. */
  open(mem: GuestMemory, toolchain: Toolchain, module?: ModuleInfo): FamilyReader;
  /** Entry hooks. */
  readonly hooks: FamilyHooks;
  /** Growth rules. */
  readonly growth: FamilyGrowth;
  /**
   * Function names for a module without a name section, from what the runtime itself carries
   * (Go: its pclntab); empty when there is nothing to recover them from.
   */
  recoverFunctionNames(bytes: Uint8Array, info: ModuleInfo): Map<number, string>;
  /**
   * Whether the headers at `a` and `b` share their storage (TinyGo: the same bucket array; swiss:
   * the same group or directory): a header copied from a map, not a map of its own.
   */
  sameStorage(mem: GuestMemory, a: number, b: number): boolean;
  /**
   * The function (and file:line, when the binary says) of a `caller` a hook reported: Go's return
   * PC (read through its pclntab), TinyGo's call site (its name section and DWARF line table).
   */
  callerPosition(mem: GuestMemory, caller: number, module?: ModuleInfo): CodePosition | undefined;
  /**
   * The maps of package-level variables the binary locates (TinyGo: DWARF variables of type
   * `runtime.hashmap *` with a fixed address): the variable's name and line, and the header its
   * pointer holds now. Absent or empty when the binary does not say.
   */
  staticMaps?(
    mem: GuestMemory,
    module?: ModuleInfo,
  ): { name: string; line?: number | undefined; header: number }[];
  /** What each header field means, by its runtime name (for hover text in reports). */
  readonly headerDocs: Readonly<Record<string, string>>;
  /** The structure of a snapshot in numbers, for charts: slots, depth, array address, in words. */
  shape(snap: ReadSnapshot): MapShape;
  /** Text lines (indented two spaces) with the facts a snapshot derives beyond its header. */
  describe(snap: ReadSnapshot): string[];
  /** The derived facts of a snapshot for the JSON report (addresses as "0x..." text). */
  derivedJson(snap: ReadSnapshot): Record<string, unknown>;
}
