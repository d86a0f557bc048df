/**
 * Go's entry hooks and what their calls mean.
 *
 * Which functions (go1.26/go1.27 `src/runtime/panic.go`, `src/internal/runtime/maps/`):
 * `runtime.gopanic` (every panic, runtime errors included); with `allMaps`, `runtime.mapassign`,
 * `mapassign_fast32`, `_fast64`, `_fast64ptr`, `_faststr`, and `maps.clone` at entry and return. Go's wasm functions take their
 * arguments on the Go stack (global 0 is SP; arguments start at SP+8) and a resume-point
 * parameter (PC_B): the hook fires only when it is 0, the first entry, never when the function is
 * resumed after a goroutine switch.
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

/** What a Go hook reports (its argument is the Go stack pointer). */
export const GoHookKind = {
  /** runtime.gopanic(e any): the interface at SP+8. */
  panic: 1,
  /** runtime.mapassign*(t *abi.MapType, m *maps.Map, ...): the type at SP+8, the map at SP+16. */
  mapAssign: 2,
  /** maps.clone(m any) any at its entry: the source map at SP+16. */
  cloneEntry: 3,
  /**
   * maps.clone at its return, after the return address is popped (SP is the entry SP + 8): the
   * result interface at SP+16 (type) and SP+24 (data), the clone.
   */
  cloneExit: 4,
} as const;

/**
 * The runtime's maps.Clone (go1.26/go1.27 `src/runtime/map.go`, `mapclone`, linknamed
 * maps.clone): it copies the header and its tables (`internal/runtime/maps` `(*Map).Clone`) with
 * no map assignment, so its result is read at its return.
 */
const MAP_CLONE = "maps.clone";

const MAP_ASSIGN = [
  "runtime.mapassign",
  "runtime.mapassign_fast32",
  "runtime.mapassign_fast64",
  "runtime.mapassign_fast64ptr",
  "runtime.mapassign_faststr",
];

/** fd_write(HOOK_FD, SP, kind, 0), its result dropped: how every Go hook reports. */
function report(kind: number, fdWrite: number[]): number[] {
  return [
    [OP.i32Const, ...encodeS32(HOOK_FD)],
    [OP.globalGet, 0], // SP
    [OP.i32Const, ...encodeS32(kind)],
    [OP.i32Const, 0],
    [OP.call, ...fdWrite],
    [OP.drop],
  ].flat();
}

/** The report alone: an exit hook, run before each `return`. */
function exitCode(kind: number, fdWrite: number[]): Uint8Array {
  return new Uint8Array(report(kind, fdWrite));
}

/** if (PC_B == 0) { ...code }: a first entry, not a resumption after a goroutine switch. */
function onFirstEntry(code: number[]): Uint8Array {
  return new Uint8Array([[OP.localGet, 0], [OP.i32Eqz], [OP.if, OP.blockVoid], code, [OP.end]].flat());
}

/**
 * if (PC_B == 0 && map != last) { last = map; report }: a map write reported only when it writes
 * another map than the write before it, with `last` a global the rewriter adds. Nothing is lost:
 * a map's first write is reported (its type, and the caller that names it); repeated writes to
 * one map (a loop filling it) stay in wasm.
 */
function mapAssignHookCode(info: ModuleInfo, fdWrite: number[]): Uint8Array {
  const last = encodeU32(newGlobalIndex(info));
  const loadMap = [[OP.globalGet, 0], [OP.i64Load, 3, 16], [OP.i32WrapI64]].flat(); // i64 at SP+16
  return onFirstEntry([
    loadMap,
    [OP.globalGet, ...last],
    [OP.i32Ne],
    [OP.if, OP.blockVoid],
    loadMap,
    [OP.globalSet, ...last],
    report(GoHookKind.mapAssign, fdWrite),
    [OP.end],
  ].flat());
}

/** if (PC_B == 0) { report } */
function hookCode(kind: number, fdWrite: number[]): Uint8Array {
  return onFirstEntry(report(kind, fdWrite));
}

function decode(kind: number, sp: number, _b: number, reader: HookValueReader): HookEvent | undefined {
  const mem = reader.mem;
  if (kind === GoHookKind.mapAssign) {
    const m = mem.ptr(sp + 16);
    // 0(SP) holds the return address the caller pushed: PC_F << 16 | PC_B
    return m === 0
      ? undefined
      : { type: "map-write", address: m, typeDescriptor: mem.ptr(sp + 8), caller: Number(mem.u64(sp)) };
  }
  if (kind === GoHookKind.cloneEntry) {
    const source = mem.ptr(sp + 16);
    return source === 0 ? undefined : { type: "clone-start", source };
  }
  if (kind === GoHookKind.cloneExit) {
    // the result's type is the argument's (a map type); a nil or unwinding return gives no map
    const clone = mem.ptr(sp + 24);
    const t = mem.ptr(sp + 16);
    return clone === 0 || t === 0 ? undefined : { type: "map-clone", address: clone, typeDescriptor: t };
  }
  if (kind !== GoHookKind.panic) return undefined;
  const iv = reader.interfaceValue(mem.ptr(sp + 8), mem.ptr(sp + 16), sp + 16);
  return {
    type: "panic",
    value: iv ? formatGoValue(iv.value, iv.type, (r, t) => reader.deref(r, t)) : "<nil>",
    valueType: iv ? typeString(iv.type) : undefined,
  };
}

/** Go's hooks. */
export const swissHooks: FamilyHooks = {
  canHookPanics: (info) => functionIndex(info, "runtime.gopanic") !== undefined,
  patches(info: ModuleInfo, what: HookSelection, fdWrite: number[]): EntryPatch[] {
    const present = (n: string) => functionIndex(info, n) !== undefined;
    const patches: EntryPatch[] = [];
    if (what.panics && present("runtime.gopanic")) {
      patches.push({ name: "runtime.gopanic", code: hookCode(GoHookKind.panic, fdWrite) });
    }
    if (what.allMaps) {
      for (const n of MAP_ASSIGN) {
        if (present(n)) patches.push({ name: n, code: mapAssignHookCode(info, fdWrite) });
      }
      if (present(MAP_CLONE)) {
        patches.push({
          name: MAP_CLONE,
          code: hookCode(GoHookKind.cloneEntry, fdWrite),
          beforeReturn: exitCode(GoHookKind.cloneExit, fdWrite),
        });
      }
    }
    return patches;
  },
  globals: (_info, what) => (what.allMaps ? 1 : 0),
  decode,
};
