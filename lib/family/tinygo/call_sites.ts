/**
 * Where a TinyGo map was written from. TinyGo's map functions take their arguments as wasm
 * parameters and nothing of their caller is in linear memory, so the caller is found at the
 * call: before each direct call of `runtime.hashmap*Set` in a function that is not itself one of
 * the map functions, the call site (function index, code offset) is stored in two globals the
 * rewriter adds, which the map write's entry hook passes on and clears (no host call of its
 * own). The function's name comes from the name section; its file and line from the DWARF line
 * table when the build kept one (TinyGo does unless `-no-debug`).
 *
 * @module
 */
import { encodeS32, encodeU32 } from "../../wasm/_leb128.ts";
import type { ModuleInfo } from "../../wasm/module.ts";
import { type CallSitePatch, newGlobalIndex } from "../../wasm/rewrite.ts";
import type { CodePosition, HookSelection } from "../family.ts";
import { OP } from "../hook_code.ts";
import { isStandardFile, isStandardFunction } from "../_std.ts";
import { debugOf } from "./debug_info.ts";

/** The map writes whose call sites are recorded (tinygo v0.41.0 `src/runtime/hashmap.go`). */
const CALLEES = [
  "runtime.hashmapSet",
  "runtime.hashmapBinarySet",
  "runtime.hashmapStringSet",
  "runtime.hashmapInterfaceSet",
];

/** The globals the call sites use: the caller's function index, then the call's code offset. */
export const CALL_SITE_GLOBALS = 2;

/** Call sites stored before the map writes of every function but the map functions themselves. */
export function tinygoCallSites(info: ModuleInfo, what: HookSelection): CallSitePatch | undefined {
  if (!what.allMaps) return undefined;
  const g = newGlobalIndex(info);
  return {
    callees: CALLEES,
    // the map functions call each other (hashmapStringSet -> hashmapSet, growth's copy): those
    // calls are the runtime's, not a program's write
    skipCaller: (name) => name.startsWith("runtime.hashmap"),
    code: (caller, offset) =>
      new Uint8Array([
        [OP.i32Const, ...encodeS32(caller | 0)],
        [OP.globalSet, ...encodeU32(g)],
        [OP.i32Const, ...encodeS32(offset | 0)],
        [OP.globalSet, ...encodeU32(g + 1)],
      ].flat()),
  };
}

/** A call site as one number: the caller's function index times 2^32 plus the code offset. */
export function callSite(caller: number, offset: number): number {
  return (caller >>> 0) * 2 ** 32 + (offset >>> 0);
}

/** The runtime's map functions: inlined into a caller, the caller is the one to name. */
const MAP_FUNCTION = /^runtime\.hashmap/;

/**
 * The function and, with DWARF, file and line of a call site `callSite` encoded: the innermost
 * function there that is not one of the runtime's map functions (an inlined one by its own
 * name), else the name section's. The line: where a map function was inlined into it, the line
 * of that call (DW_AT_call_line); else the line table's row, passing over rows LLVM gives the
 * runtime's inlined code or the function's own declaration line.
 */
export function callSitePosition(site: number, module?: ModuleInfo): CodePosition | undefined {
  if (!module) return undefined;
  const caller = Math.floor(site / 2 ** 32), offset = site % 2 ** 32;
  const name = module.functionNames.get(caller);
  if (name === undefined) return undefined;
  const { lines, scopes } = debugOf(module);
  const chain = scopes?.chain(offset) ?? [];
  let k = chain.length - 1;
  while (k > 0 && MAP_FUNCTION.test(chain[k]!.name)) k--;
  const scope = chain[k], inlined = chain[k + 1];
  const fn = scope?.name ?? name;
  if (inlined?.callLine && inlined.lineUnit !== undefined && lines) {
    const file = lines.fileName(inlined.lineUnit, inlined.callFile ?? 0);
    if (file) return { function: fn, file, line: inlined.callLine };
  }
  const floor = scope?.ranges.find(([lo, hi]) => offset >= lo && offset < hi)?.[0] ?? 0;
  const decl = scope?.declLine;
  // in the program's code, a row of the standard library's is code inlined there (the runtime's
  // map functions, errors.New) and not the statement
  const programs = !isStandardFunction(fn);
  const at = lines?.lookup(
    offset,
    (line, file) => line === decl || (programs && isStandardFile(file)),
    floor,
  );
  return at ? { function: fn, file: at.file, line: at.line } : { function: fn };
}
