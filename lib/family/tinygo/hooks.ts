/**
 * TinyGo's entry hooks and what their calls mean.
 *
 * Which functions (tinygo v0.41.0 `src/runtime/panic.go`, `hashmap.go`): `runtime._panic`
 * (panic(v)), `runtime.runtimePanicAt` and `runtime.runtimePanic` (every runtime error: nilPanic,
 * lookupPanic, divideByZeroPanic, nilMapPanic, slicePanic, ... call runtimePanicAt; out of memory
 * calls runtimePanic); with `allMaps`, `runtime.hashmapSet`, `hashmapBinarySet`,
 * `hashmapStringSet`, `hashmapInterfaceSet` (the header is the first argument). TinyGo functions
 * take their Go arguments as wasm parameters, so a hook passes its first two parameters on.
 *
 * @module
 */
import { formatGoValue } from "../../types/format.ts";
import { typeString } from "../../model/gotype.ts";
import { encodeS32, encodeU32 } from "../../wasm/_leb128.ts";
import { functionIndex, type ModuleInfo } from "../../wasm/module.ts";
import { type EntryPatch, newGlobalIndex } from "../../wasm/rewrite.ts";
import type { FamilyHooks, HookEvent, HookSelection, HookValueReader } from "../family.ts";
import { HOOK_FD, OP } from "../hook_code.ts";
import { tinygoOverLoadFactor } from "./growth.ts";
import { CALL_SITE_GLOBALS, callSite, tinygoCallSites } from "./call_sites.ts";

/** What a TinyGo hook reports. */
export const TinyGoHookKind = {
  /** runtime._panic(v interface{}): typecode and value. */
  panic: 10,
  /** runtime.runtimePanicAt / runtimePanic(msg string): pointer and length. */
  runtimePanic: 11,
  /**
   * runtime.hashmap*Set(m, ...): the header, and the call site the caller stored (the caller's
   * function index in the kind's bits 8 and up, the code offset; 0 when none was stored).
   */
  mapSet: 13,
  /**
   * runtime.hashmapCopy(result *hashmap, m *hashmap, sizeBits uint8) (the result returned through
   * its first parameter): the result and the map, with sizeBits in the kind's bits 8 and up.
   */
  mapCopy: 15,
  /** maps.clone (runtime.hashmapClone) at its end: the result interface's address, its first parameter. */
  cloneExit: 16,
} as const;

/**
 * `hashmapCopy` fills a copy of a map: `hashmapGrow` asks for one more bucket bit, `hashmapClone`
 * (maps.Clone, inlined into its caller) for the same bucket bits (tinygo v0.41.0
 * `src/runtime/hashmap.go`).
 */
const MAP_COPY = "runtime.hashmapCopy";
/** `hashmapClone`, linknamed maps.clone: (result *_interface, typecode, value) in wasm. */
const MAP_CLONE = "maps.clone";

/** fd_write(HOOK_FD, p0, kind | p2 << 8, p1): hashmapCopy's result, source and size bits. */
function copyHookCode(fdWrite: number[]): Uint8Array {
  return new Uint8Array([
    [OP.i32Const, ...encodeS32(HOOK_FD)],
    [OP.localGet, 0],
    [OP.localGet, 2],
    [OP.i32Const, 8],
    [OP.i32Shl],
    [OP.i32Const, ...encodeS32(TinyGoHookKind.mapCopy)],
    [OP.i32Or],
    [OP.localGet, 1],
    [OP.call, ...fdWrite],
    [OP.drop],
  ].flat());
}

const PANICS: [string, number][] = [
  ["runtime._panic", TinyGoHookKind.panic],
  ["runtime.runtimePanicAt", TinyGoHookKind.runtimePanic],
  ["runtime.runtimePanic", TinyGoHookKind.runtimePanic],
];
const MAP_SETS = [
  "runtime.hashmapSet",
  "runtime.hashmapBinarySet",
  "runtime.hashmapStringSet",
  "runtime.hashmapInterfaceSet",
];

/** fd_write(HOOK_FD, p0, kind, p1): the function's first two parameters (0 where it has fewer). */
function hookCode(info: ModuleInfo, name: string, kind: number, fdWrite: number[]): Uint8Array {
  const idx = functionIndex(info, name)!;
  const params = info.types[info.functionTypes[idx] ?? -1]?.params.length ?? 0;
  const arg = (i: number) => (params > i ? [OP.localGet, i] : [OP.i32Const, 0]);
  return new Uint8Array([
    [OP.i32Const, ...encodeS32(HOOK_FD)],
    arg(0),
    [OP.i32Const, ...encodeS32(kind)],
    arg(1),
    [OP.call, ...fdWrite],
    [OP.drop],
  ].flat());
}

/** Whether the module's hashmapCopy can be hooked (a function of its own, three parameters). */
function copyHookable(info: ModuleInfo): boolean {
  const copy = functionIndex(info, MAP_COPY);
  return copy !== undefined && info.types[info.functionTypes[copy] ?? -1]?.params.length === 3;
}

/**
 * A map write's entry hook: fd_write(HOOK_FD, m, kind | site function << 8, site offset), then
 * the site cleared, passing on the call site its caller stored (none for the map functions' own
 * nested calls). The write is reported only when it writes another map than the write before it
 * (kept in a third global) or when the map may grow with it (count >> bucketBits >= 6, a little
 * wider than hashmapOverLoadFactor's count > 6 << bucketBits): a loop filling one map stays in
 * wasm, and every write that can start a growth, with its temporaries, still reaches the host.
 */
function mapSetHookCode(info: ModuleInfo, fdWrite: number[]): Uint8Array {
  const g = newGlobalIndex(info);
  const last = encodeU32(g + 2);
  return new Uint8Array([
    [OP.localGet, 0],
    [OP.globalGet, ...last],
    [OP.i32Ne],
    [OP.localGet, 0],
    [OP.i32Load, 2, 8], // count
    [OP.localGet, 0],
    [OP.i32Load8U, 0, 20], // bucketBits
    [OP.i32ShrU],
    [OP.i32Const, 6],
    [OP.i32GeU],
    [OP.i32Or],
    [OP.if, OP.blockVoid],
    [OP.localGet, 0],
    [OP.globalSet, ...last],
    [OP.i32Const, ...encodeS32(HOOK_FD)],
    [OP.localGet, 0],
    [OP.globalGet, ...encodeU32(g)],
    [OP.i32Const, 8],
    [OP.i32Shl],
    [OP.i32Const, ...encodeS32(TinyGoHookKind.mapSet)],
    [OP.i32Or],
    [OP.globalGet, ...encodeU32(g + 1)],
    [OP.call, ...fdWrite],
    [OP.drop],
    [OP.end],
    [OP.i32Const, 0],
    [OP.globalSet, ...encodeU32(g + 1)],
  ].flat());
}

function decode(kind: number, a: number, b: number, reader: HookValueReader): HookEvent | undefined {
  if ((kind & 0xff) === TinyGoHookKind.mapSet) {
    if (a === 0) return undefined;
    // hashmapSet grows a map whose count > 6 << bucketBits (hashmapOverLoadFactor) before inserting a
    // new key: hashmapGrow -> hashmapCopy fills a new header with one hashmapSet per entry, then
    // copies it over the map (*m = n). Where hashmapCopy is hooked, its entry says so exactly;
    // where it is inlined (optimized builds), the write that may grow is flagged instead.
    const mem = reader.mem;
    const mayGrow = mem.contains(a, 40) && tinygoOverLoadFactor(mem.u32(a + 8), mem.u8(a + 20));
    // offset 0 is the code section's function count: no call is there, so 0 means no site
    const caller = b !== 0 ? callSite(kind >>> 8, b) : undefined;
    return { type: "map-write", address: a, typeDescriptor: 0, mayGrow, caller };
  }
  if ((kind & 0xff) === TinyGoHookKind.mapCopy) {
    // a copy at the source's own size is a clone, one bit more is growth: either way the runtime
    // fills the header at `a` and copies it over the result
    const mem = reader.mem;
    const sizeBits = kind >>> 8;
    if (a === 0 || b === 0 || !mem.contains(b, 40)) return undefined;
    const bits = mem.u8(b + 20);
    if (sizeBits === bits) return { type: "clone-start", source: b, scratch: a };
    return sizeBits === bits + 1 ? { type: "growth-start", source: b, scratch: a } : undefined;
  }
  if (kind === TinyGoHookKind.cloneExit) {
    // maps.clone's result, an interface written through its first parameter: typecode, header
    const mem = reader.mem;
    if (a === 0 || !mem.contains(a, 8)) return undefined;
    const typecode = mem.u32(a), header = mem.u32(a + 4);
    return header === 0 ? undefined : { type: "map-clone", address: header, typeDescriptor: typecode };
  }
  if (kind === TinyGoHookKind.runtimePanic) {
    return { type: "panic", value: "runtime error: " + reader.mem.text(a, b) };
  }
  if (kind !== TinyGoHookKind.panic) return undefined;
  const iv = reader.interfaceValue(a, b);
  return {
    type: "panic",
    value: iv ? formatGoValue(iv.value, iv.type, (r, t) => reader.deref(r, t)) : "<nil>",
    valueType: iv ? typeString(iv.type) : undefined,
  };
}

/** TinyGo's hooks. */
export const tinygoHooks: FamilyHooks = {
  canHookPanics: (info) => PANICS.some(([n]) => functionIndex(info, n) !== undefined),
  patches(info: ModuleInfo, what: HookSelection, fdWrite: number[]): EntryPatch[] {
    const present = (n: string) => functionIndex(info, n) !== undefined;
    const patches: EntryPatch[] = [];
    if (what.panics) {
      for (const [n, kind] of PANICS) {
        if (present(n)) patches.push({ name: n, code: hookCode(info, n, kind, fdWrite) });
      }
    }
    if (what.allMaps) {
      for (const n of MAP_SETS) {
        if (present(n)) patches.push({ name: n, code: mapSetHookCode(info, fdWrite) });
      }
      if (copyHookable(info)) patches.push({ name: MAP_COPY, code: copyHookCode(fdWrite) });
      const clone = functionIndex(info, MAP_CLONE);
      if (clone !== undefined && info.types[info.functionTypes[clone] ?? -1]?.params.length === 3) {
        const exit = hookCode(info, MAP_CLONE, TinyGoHookKind.cloneExit, fdWrite);
        patches.push({ name: MAP_CLONE, code: new Uint8Array(), beforeReturn: exit, beforeEnd: true });
      }
    }
    return patches;
  },
  callSites: tinygoCallSites,
  // the call site's two, and the last map written
  globals: (_info, what) => (what.allMaps ? CALL_SITE_GLOBALS + 1 : 0),
  decode,
};
