/**
 * Entry hooks: code inserted at the first instruction of the runtime's panic functions (and,
 * with `allMaps`, its map-assignment functions) that calls the module's own `fd_write` import
 * with a reserved descriptor, so the host sees every panic at its entry (recovered ones too) and
 * every map the program writes to, in an unmodified program.
 *
 * Which functions (from the runtimes' sources):
 * - Go 1.26/1.27: `runtime.gopanic` (every panic, runtime errors included); with `allMaps`,
 *   `runtime.mapassign`, `mapassign_fast32`, `_fast64`, `_fast64ptr`, `_faststr` (maps.Map and
 *   its abi.MapType are the first two arguments on the Go stack). Go's wasm functions take a
 *   resume-point parameter (PC_B): the hook fires only when it is 0, the first entry, never on a
 *   resumption after a goroutine switch.
 * - TinyGo 0.41.0 (`src/runtime/panic.go`): `runtime._panic` (panic(v)), `runtime.runtimePanicAt`
 *   and `runtime.runtimePanic` (every runtime error: nilPanic, lookupPanic, divideByZeroPanic,
 *   nilMapPanic, slicePanic, ... call runtimePanicAt, out of memory calls runtimePanic); with
 *   `allMaps`, `runtime.hashmapSet`, `hashmapBinarySet`, `hashmapStringSet`, `hashmapInterfaceSet`
 *   (the header is the first argument).
 *
 * @module
 */
import type { Toolchain } from "./detect.ts";
import { ModuleError } from "./errors.ts";
import { type EntryPatch, sleb32, uleb } from "./wasm/rewrite.ts";
import { functionIndex, type ModuleInfo } from "./wasm/module.ts";

/** The descriptor hook calls write to ("MSHK"). */
export const HOOK_FD = 0x4d53484b;

/** What a hook reports. */
export const HookKind = {
  /** Go runtime.gopanic: the argument is the Go stack pointer. */
  goPanic: 1,
  /** Go runtime.mapassign*: the argument is the Go stack pointer. */
  goMapAssign: 2,
  /** TinyGo runtime._panic(v interface{}): typecode and value. */
  tinyPanic: 10,
  /** TinyGo runtime.runtimePanicAt / runtimePanic(msg string): pointer and length. */
  tinyRuntimePanic: 11,
  /** TinyGo runtime.hashmap*Set(m, ...): the header. */
  tinyMapSet: 13,
} as const;

const GO_MAP_ASSIGN = [
  "runtime.mapassign",
  "runtime.mapassign_fast32",
  "runtime.mapassign_fast64",
  "runtime.mapassign_fast64ptr",
  "runtime.mapassign_faststr",
];
const TINY_PANICS: [string, number][] = [
  ["runtime._panic", HookKind.tinyPanic],
  ["runtime.runtimePanicAt", HookKind.tinyRuntimePanic],
  ["runtime.runtimePanic", HookKind.tinyRuntimePanic],
];
const TINY_MAP_SETS = [
  "runtime.hashmapSet",
  "runtime.hashmapBinarySet",
  "runtime.hashmapStringSet",
  "runtime.hashmapInterfaceSet",
];

/** The WebAssembly opcodes hooks are made of. */
const OP = {
  localGet: 0x20,
  globalGet: 0x23,
  i32Const: 0x41,
  i32Eqz: 0x45,
  if: 0x04,
  blockVoid: 0x40,
  call: 0x10,
  drop: 0x1a,
  end: 0x0b,
} as const;

function fdWriteIndex(info: ModuleInfo): number {
  let fn = 0;
  for (const imp of info.imports) {
    if (imp.kind !== 0) continue;
    if (imp.module === "wasi_snapshot_preview1" && imp.name === "fd_write") return fn;
    fn++;
  }
  throw new ModuleError("the module does not import fd_write, so hooks cannot report");
}

/** Whether the module names the functions panic hooks need. */
export function canHookPanics(info: ModuleInfo, toolchain: Toolchain): boolean {
  if (toolchain.family === "go") return functionIndex(info, "runtime.gopanic") !== undefined;
  return TINY_PANICS.some(([n]) => functionIndex(info, n) !== undefined);
}

/**
 * The entry patches for a module: panic hooks and, with `allMaps`, map-assignment hooks. Only
 * functions present in the module are patched (an optimizer may have inlined some away).
 *
 * @example
 * ```ts
 * import { hookPatches, parseModule, patchFunctionEntries, toolchainByName } from "@mapscope/mapscope";
 * const bytes = await Deno.readFile("go-targets/dist/go1.26.8/panics.wasm");
 * const info = parseModule(bytes);
 * const patches = hookPatches(info, toolchainByName("go1.26.8"), { panics: true, allMaps: true });
 * console.log(patches.map((p) => p.name));
 * const hooked = patchFunctionEntries(bytes, patches, info);
 * console.log(hooked.length > bytes.length);
 * ```
 */
export function hookPatches(
  info: ModuleInfo,
  toolchain: Toolchain,
  what: { panics: boolean; allMaps: boolean },
): EntryPatch[] {
  const fdw = uleb(fdWriteIndex(info));
  const patches: EntryPatch[] = [];
  const present = (n: string) => functionIndex(info, n) !== undefined;
  if (toolchain.family === "go") {
    // if (PC_B == 0) { fd_write(HOOK_FD, SP, kind, 0) }   -- SP is global 0 in Go's wasm ABI
    const goHook = (kind: number) =>
      new Uint8Array([
        [OP.localGet, 0], // PC_B: the resume point, 0 on a first entry
        [OP.i32Eqz],
        [OP.if, OP.blockVoid],
        [OP.i32Const, ...sleb32(HOOK_FD)],
        [OP.globalGet, 0], // SP: arguments start at SP+8
        [OP.i32Const, ...sleb32(kind)],
        [OP.i32Const, 0],
        [OP.call, ...fdw],
        [OP.drop],
        [OP.end],
      ].flat());
    if (what.panics && present("runtime.gopanic")) {
      patches.push({ name: "runtime.gopanic", code: goHook(HookKind.goPanic) });
    }
    if (what.allMaps) {
      for (const n of GO_MAP_ASSIGN) {
        if (present(n)) patches.push({ name: n, code: goHook(HookKind.goMapAssign) });
      }
    }
    return patches;
  }
  // TinyGo functions take their Go arguments as wasm parameters: fd_write(HOOK_FD, p0, kind, p1).
  const tinyHook = (name: string, kind: number) => {
    const idx = functionIndex(info, name)!;
    const params = info.types[info.functionTypes[idx]]?.params.length ?? 0;
    const arg = (i: number) => (params > i ? [OP.localGet, i] : [OP.i32Const, 0]);
    return new Uint8Array([
      [OP.i32Const, ...sleb32(HOOK_FD)],
      arg(0),
      [OP.i32Const, ...sleb32(kind)],
      arg(1),
      [OP.call, ...fdw],
      [OP.drop],
    ].flat());
  };
  if (what.panics) {
    for (const [n, kind] of TINY_PANICS) if (present(n)) patches.push({ name: n, code: tinyHook(n, kind) });
  }
  if (what.allMaps) {
    for (const n of TINY_MAP_SETS) {
      if (present(n)) patches.push({ name: n, code: tinyHook(n, HookKind.tinyMapSet) });
    }
  }
  return patches;
}
