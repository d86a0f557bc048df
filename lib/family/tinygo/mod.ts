/**
 * The TinyGo runtime family: `runtime.hashmap` of TinyGo 0.41.0 on wasm32.
 *
 * - `header.ts`: the 40-byte header as data, read and checked
 * - `walk.ts`: buckets, overflow chains, occupied slots
 * - `types.ts`: reflectlite type descriptors, key algorithms
 * - `reader.ts`: snapshots and typed entries
 * - `hooks.ts`: panic and map-write hooks
 * - `call_sites.ts`: call sites recorded before map writes, and their positions (name section, DWARF)
 * - `debug_info.ts`: the build's DWARF, parsed once: line table, scopes, package-level map variables
 * - `growth.ts`: growth rules
 *
 * @module
 */
import { callSitePosition } from "./call_sites.ts";
import { tinygoStaticMaps } from "./debug_info.ts";
import type { RuntimeFamily } from "../family.ts";
import { describeTinyGo, TINYGO_HEADER_DOCS, tinygoJson, tinygoShape } from "./describe.ts";
import { tinygoGrowth } from "./growth.ts";
import { tinygoHooks } from "./hooks.ts";
import { TinyGoReader } from "./reader.ts";

/**
 * TinyGo: prints `panic:` to stdout, cannot recover on wasip1.
 *
 * @example
 * ```ts
 * import { tinygoFamily } from "@mapscope/mapscope/layouts";
 * console.log(tinygoFamily.id, tinygoFamily.growth.columns); // tinygo { depth: "bucketBits", address: "buckets" }
 * ```
 */
export const tinygoFamily: RuntimeFamily = {
  id: "tinygo",
  panicStream: "stdout",
  canRecover: false,
  open: (mem, _toolchain, module) => new TinyGoReader(mem, module),
  hooks: tinygoHooks,
  growth: tinygoGrowth,
  recoverFunctionNames: () => new Map(),
  headerDocs: TINYGO_HEADER_DOCS,
  shape: tinygoShape,
  sameStorage: (mem, a, b) =>
    mem.contains(a, 40) && mem.contains(b, 40) && mem.u32(a) !== 0 && mem.u32(a) === mem.u32(b),
  callerPosition: (_mem, caller, module) => callSitePosition(caller, module),
  staticMaps: tinygoStaticMaps,
  describe: describeTinyGo,
  derivedJson: tinygoJson,
};
