/**
 * `run`: runs a TinyGo or Go wasip1 module under mapscope's WASI host and returns everything that
 * happened, including every tracked map at each checkpoint and at the moment the runtime starts
 * printing `panic:` (before the trap or `proc_exit`).
 *
 * @module
 */
import { detectToolchain, type Toolchain, toolchainByName } from "./detect.ts";
import { ModuleError } from "./errors.ts";
import { MapReader } from "./maps.ts";
import { GuestMemory } from "./memory.ts";
import {
  findProbeRegistry,
  parseProbeEvent,
  PROBE_EVENT_FD,
  PROBE_MAX_MAPS,
  readProbeRegistry,
  type TrackedMap,
} from "./probe.ts";
import type { MapSnapshot } from "./snapshot.ts";
import { classifyTrap, type Trap } from "./traps.ts";
import { Errno } from "./wasi/errno.ts";
export { ExitSignal } from "./wasi/proc.ts";
import { type CapturedStream, WasiHost, type WasiHostOptions } from "./wasi/host.ts";
import { type ModuleInfo, parseModule } from "./wasm/module.ts";
import { patchFunctionEntries } from "./wasm/rewrite.ts";
import { canHookPanics, HOOK_FD, HookKind, hookPatches } from "./hooks.ts";
import { diffSnapshots, formatGoValue, type PanicEvent } from "./panics.ts";
import { typeString } from "./types/model.ts";

/** A map to read at an address, with its Go type (for maps found without the probe). */
export interface MapRequest {
  /** Address of the map header, as the program printed it with `%p`. */
  address: number;
  /** The map's Go type, such as `map[string]int32`. */
  type: string;
  /** A label for reports (default: the address). */
  name?: string;
}

/** Options of {@linkcode run}. */
export interface RunOptions extends Omit<WasiHostOptions, "onOtherWrite" | "onRawWrite"> {
  /**
   * Panic-entry hooks: see every panic at its first instruction, recovered ones too (default: on
   * when the module's name section names the runtime's panic functions).
   */
  hooks?: boolean;
  /** Find every map the program writes to, without the probe, by hooking map assignment. */
  allMaps?: boolean;
  /** Override toolchain detection: tinygo-0.41.0, go1.26.8, go1.27.3 or go1.27.3-mapsplitgroup. */
  toolchain?: string;
  /** Maps to read at the panic (or at exit or trap) by address and Go type, without the probe. */
  maps?: MapRequest[];
  /** Decode entries at every checkpoint too (panic and final snapshots always have them). */
  checkpointEntries?: boolean;
  /**
   * Called at every checkpoint, while the guest waits, with live access to its memory and maps.
   * (`live` is absent when run in a Worker.) Throwing {@linkcode ExitSignal} from it ends the
   * guest there as if it had exited.
   */
  onCheckpoint?: (checkpoint: Checkpoint, live?: LiveGuest) => void;
  /** Stop the guest after this many milliseconds (runs it in a Worker). */
  timeoutMs?: number;
}

/** Live access to a paused guest, given to checkpoint callbacks. */
export interface LiveGuest {
  /** The guest's memory. */
  memory: GuestMemory;
  /** A map reader over it. */
  reader: MapReader;
  /** The maps the probe tracks now. */
  tracked: TrackedMap[];
}

/** A probe checkpoint and the tracked maps as they were at it. */
export interface Checkpoint {
  /** 1 for the first checkpoint, then 2, 3, ... */
  seq: number;
  /** The label given to `probe.Checkpoint`. */
  label: string;
  /** Every tracked map (header, derived facts; entries with `checkpointEntries`). */
  maps: MapSnapshot[];
}

/** A panic (or fatal error) the runtime printed, and the maps at that instant. */
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

/** Everything that happened in a run. */
export interface RunResult {
  /** The toolchain whose layouts were used. */
  toolchain: Toolchain;
  /** Exit code, when the guest exited (returned from `_start` or called `proc_exit`). */
  exit?: number;
  /** How the guest trapped, when it did. */
  trap?: Trap;
  /** What the guest wrote to stdout. */
  stdout: CapturedStream;
  /** What the guest wrote to stderr. */
  stderr: CapturedStream;
  /** Every probe checkpoint in order. */
  checkpoints: Checkpoint[];
  /** The panic, when the runtime printed one. */
  panic?: PanicReport;
  /** Tracked and requested maps at the panic, or at exit or trap when there was none. */
  maps: MapSnapshot[];
  /** The maps the probe tracked (name, header address, type descriptor). */
  tracked: TrackedMap[];
  /** Every panic seen at its entry, in order (with hooks). */
  panics: PanicEvent[];
  /** Maps found through map-assignment hooks (with `allMaps`): header address and type descriptor (0 if unknown). */
  discovered: { address: number; typeDescriptor: number }[];
  /** Whether panic hooks and map hooks were inserted. */
  hooked: { panics: boolean; allMaps: boolean };
  /** The guest's memory after the run (absent when run in a Worker). */
  memory?: GuestMemory;
  /** The parsed module (absent when run in a Worker). */
  module?: ModuleInfo;
}

const PANIC_PREFIXES: [string, PanicReport["kind"]][] = [["panic: ", "panic"], [
  "fatal error: ",
  "fatal error",
]];

/** Watches one stream for the runtime's `panic:` line. */
class PanicWatcher {
  line = "";
  triggered?: { kind: PanicReport["kind"]; prefix: string };
  done = false;
  feed(chunk: Uint8Array, onTrigger: (kind: PanicReport["kind"]) => void): void {
    if (this.done) return;
    this.line += new TextDecoder().decode(chunk);
    for (;;) {
      if (!this.triggered) {
        for (const [prefix, kind] of PANIC_PREFIXES) {
          if (this.line.startsWith(prefix)) {
            this.triggered = { kind, prefix };
            onTrigger(kind);
            break;
          }
        }
      }
      const nl = this.line.indexOf("\n");
      if (nl < 0) break;
      if (this.triggered) {
        this.line = this.line.slice(0, nl);
        this.done = true;
        return;
      }
      this.line = this.line.slice(nl + 1);
    }
    if (!this.triggered && this.line.length > 4096) this.line = this.line.slice(-64);
  }
  message(): string {
    return this.triggered ? this.line.slice(this.triggered.prefix.length).replace(/\n$/, "") : "";
  }
}

function toBytes(input: Uint8Array | ArrayBuffer): Uint8Array {
  return input instanceof Uint8Array ? input : new Uint8Array(input);
}

/** Parses, detects and checks a module's imports; shared by {@linkcode run} and the Worker. */
export function prepareModule(
  bytes: Uint8Array,
  toolchain?: string,
): { info: ModuleInfo; toolchain: Toolchain } {
  const info = parseModule(bytes);
  const host = new WasiHost().imports.wasi_snapshot_preview1;
  for (const imp of info.imports) {
    if (imp.module !== "wasi_snapshot_preview1" || imp.kind !== 0 || !(imp.name in host)) {
      throw new ModuleError(
        `the module imports ${imp.module}.${imp.name}, which mapscope cannot supply (only wasi_snapshot_preview1 functions)`,
      );
    }
  }
  const tc = toolchain ? toolchainByName(toolchain) : detectToolchain(bytes, info);
  return { info, toolchain: tc };
}

/**
 * Runs a TinyGo or Go wasip1 module and returns output, exit or trap, checkpoints, and the
 * panic with every tracked map as it was when the runtime began printing it.
 *
 * @example
 * ```ts
 * import { run } from "@mapscope/mapscope";
 * const bytes = await Deno.readFile("go-targets/dist/tinygo-0.41.0/panics.wasm");
 * const result = await run(bytes, { args: ["panics", "explicit"], deterministic: true });
 * console.log(result.panic?.message);
 * for (const m of result.panic?.snapshots ?? []) console.log(m.name, m.len, m.entries?.length);
 * ```
 */
export async function run(module: Uint8Array | ArrayBuffer, options: RunOptions = {}): Promise<RunResult> {
  const bytes = toBytes(module);
  if (options.timeoutMs !== undefined) {
    const { runInWorker } = await import("./worker_client.ts");
    return runInWorker(bytes, options);
  }
  const c = await compileModule(bytes, options);
  return execute(c.compiled, c.info, c.toolchain, { ...options, hooked: c.hooked });
}

/** A module checked, detected, hooked (as asked) and compiled, once. */
export interface CompiledModule {
  /** The compiled (possibly hooked) module. */
  compiled: WebAssembly.Module;
  /** What was parsed from the original bytes. */
  info: ModuleInfo;
  /** The toolchain whose layouts apply. */
  toolchain: Toolchain;
  /** Which hooks were inserted. */
  hooked: { panics: boolean; allMaps: boolean };
}

/** Checks, detects, inserts hooks and compiles, once; shared by {@linkcode run} and the Worker. */
export async function compileModule(bytes: Uint8Array, options: RunOptions = {}): Promise<CompiledModule> {
  const { info, toolchain } = prepareModule(bytes, options.toolchain);
  const panics = options.hooks ?? canHookPanics(info, toolchain);
  const allMaps = options.allMaps === true;
  if ((panics || allMaps) && info.functionNames.size === 0) {
    throw new ModuleError("hooks need the module's name section, and it has none (pass hooks: false)");
  }
  const patches = panics || allMaps ? hookPatches(info, toolchain, { panics, allMaps }) : [];
  const code = patches.length ? patchFunctionEntries(bytes, patches, info) : bytes;
  let compiled: WebAssembly.Module;
  try {
    compiled = await WebAssembly.compile(code as Uint8Array<ArrayBuffer>);
  } catch (e) {
    throw new ModuleError(`the module does not compile: ${(e as Error).message}`);
  }
  return { compiled, info, toolchain, hooked: { panics, allMaps } };
}

/** Runs an already compiled module (the part of {@linkcode run} that a Worker repeats). */
export async function execute(
  compiled: WebAssembly.Module,
  info: ModuleInfo,
  toolchain: Toolchain,
  options: RunOptions & { hooked?: { panics: boolean; allMaps: boolean } },
): Promise<RunResult> {
  const hooked = options.hooked ?? { panics: false, allMaps: false };
  const panics: PanicEvent[] = [];
  let fatalAt = -1;
  const discovered = new Map<number, number>();
  // Bound once the instance exists; the host's callbacks run only after that.
  const live: { mem?: GuestMemory; reader?: MapReader } = {};
  let registry: number | undefined;
  let tracked: TrackedMap[] = [];
  const checkpoints: Checkpoint[] = [];
  let panic: PanicReport | undefined;
  const watcher = new PanicWatcher();
  const panicStream: "stdout" | "stderr" = toolchain.family === "tinygo" ? "stdout" : "stderr";

  const refresh = () => {
    const mem = live.mem;
    if (!mem) return;
    if (registry === undefined) registry = findProbeRegistry(mem);
    if (registry !== undefined && Math.min(mem.u32(registry + 24), PROBE_MAX_MAPS) !== tracked.length) {
      tracked = readProbeRegistry(mem, registry, tracked).maps;
    }
  };
  const snapshotAll = (entries: boolean): MapSnapshot[] => {
    const reader = live.reader;
    if (!reader) return [];
    refresh();
    const out = tracked.map((t) =>
      reader.trySnapshot(t.address, { name: t.name, type: { descriptor: t.typeDescriptor }, entries })
    );
    for (const r of options.maps ?? []) {
      out.push(reader.trySnapshot(r.address, {
        name: r.name ?? "0x" + r.address.toString(16),
        type: { expression: r.type },
        entries: true,
      }));
    }
    const seen = new Set(out.map((m) => m.address));
    for (const [address, typeDescriptor] of discovered) {
      if (seen.has(address)) continue;
      const snap = reader.trySnapshot(address, {
        name: "map@0x" + address.toString(16),
        type: typeDescriptor ? { descriptor: typeDescriptor } : undefined,
        entries,
      });
      // A map written to once but no longer readable there (a runtime temporary on the stack,
      // such as TinyGo's copy during growth) is left out rather than shown as garbage.
      if (!snap.error) out.push(snap);
    }
    return out;
  };
  const onHook = (kind: number, a: number, b: number): number => {
    const reader = live.reader;
    const mem = live.mem;
    if (!reader || !mem) return Errno.SUCCESS;
    if (kind === HookKind.goMapAssign) {
      const m = mem.ptr(a + 16);
      if (m !== 0) discovered.set(m, mem.ptr(a + 8));
    } else if (kind === HookKind.tinyMapSet) {
      if (a !== 0 && !discovered.has(a)) discovered.set(a, 0);
    } else if (
      kind === HookKind.goPanic || kind === HookKind.tinyPanic || kind === HookKind.tinyRuntimePanic
    ) {
      // TinyGo cannot recover on wasip1: its first panic hook is the panic (runtimePanic calls runtimePanicAt).
      if (toolchain.family === "tinygo" && panics.length > 0) return Errno.SUCCESS;
      let value: string;
      let valueType: string | undefined;
      if (kind === HookKind.tinyRuntimePanic) value = "runtime error: " + mem.text(a, b);
      else {
        const iv = kind === HookKind.goPanic
          ? reader.interfaceValue(mem.ptr(a + 8), mem.ptr(a + 16), a + 16)
          : reader.interfaceValue(a, b);
        value = iv ? formatGoValue(iv.value, iv.type, (r, t) => reader.deref(r, t)) : "<nil>";
        valueType = iv ? typeString(iv.type) : undefined;
      }
      panics.push({
        seq: panics.length + 1,
        value,
        valueType,
        recovered: true,
        snapshots: snapshotAll(true),
      });
    }
    return Errno.SUCCESS;
  };
  const watch = (stream: "stdout" | "stderr", chunk: Uint8Array) => {
    if (stream !== panicStream || watcher.done) return;
    watcher.feed(chunk, (kind) => {
      if (!panic) {
        panic = { kind, message: "", stream, snapshots: snapshotAll(true) };
        fatalAt = panics.length - 1;
      }
    });
  };

  const host = new WasiHost({
    ...options,
    onStdout: (c) => {
      watch("stdout", c);
      options.onStdout?.(c);
    },
    onStderr: (c) => {
      watch("stderr", c);
      options.onStderr?.(c);
    },
    onRawWrite: (fd, a, kind, b) => (fd === HOOK_FD ? onHook(kind, a, b) : undefined),
    onOtherWrite: (fd, data) => {
      if (fd !== PROBE_EVENT_FD || !live.mem) return Errno.EBADF;
      const ev = parseProbeEvent(data);
      if (!ev) return Errno.EINVAL;
      registry = ev.registry;
      if (ev.kind === "track") refresh();
      else {
        const cp: Checkpoint = {
          seq: checkpoints.length + 1,
          label: ev.text,
          maps: snapshotAll(options.checkpointEntries === true),
        };
        checkpoints.push(cp);
        options.onCheckpoint?.(cp, { memory: live.mem, reader: live.reader!, tracked });
      }
      return Errno.SUCCESS;
    },
  });

  let instance: WebAssembly.Instance;
  try {
    instance = await WebAssembly.instantiate(compiled, host.imports as unknown as WebAssembly.Imports);
  } catch (e) {
    throw new ModuleError(`the module cannot be instantiated: ${(e as Error).message}`);
  }
  const memory = instance.exports.memory;
  if (!(memory instanceof WebAssembly.Memory)) throw new ModuleError("the module exports no memory");
  const mem = live.mem = new GuestMemory(memory, toolchain.ptrSize);
  live.reader = new MapReader(mem, toolchain, info);
  let exit: number | undefined;
  let trap: Trap | undefined;
  try {
    exit = host.start(instance);
  } catch (e) {
    trap = classifyTrap(e);
    if (!trap) throw e;
  }
  if (panic) panic.message = watcher.message();
  const maps = panic ? panic.snapshots : snapshotAll(true);
  if (panic && fatalAt >= 0) {
    const fatal = panics[fatalAt];
    fatal.recovered = false;
    fatal.atPrint = panic.snapshots;
    fatal.diff = diffSnapshots(fatal.snapshots, panic.snapshots);
  } else if (trap && panics.length > 0) panics[panics.length - 1].recovered = false;
  return {
    toolchain,
    exit,
    trap,
    stdout: host.stdout(),
    stderr: host.stderr(),
    checkpoints,
    panic,
    maps,
    tracked,
    panics,
    discovered: [...discovered].map(([address, typeDescriptor]) => ({ address, typeDescriptor })),
    hooked,
    memory: mem,
    module: info,
  };
}
