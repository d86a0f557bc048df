/**
 * The Go runtime family: swiss-table maps (`internal/runtime/maps.Map`) of go1.26 and go1.27 on
 * wasm, in both group layouts.
 *
 * - `header.ts`: the 48-byte header and the table struct as data, read and checked
 * - `walk.ts`: small maps, directory, tables, groups, full slots
 * - `types.ts`: `abi.Type` and `abi.MapType` descriptors, type names
 * - `geometry.ts`: where keys and elems sit in a group
 * - `reader.ts`: snapshots and typed entries
 * - `hooks.ts`: panic and map-assignment hooks
 * - `growth.ts`: growth events
 *
 * @module
 */
import type { RuntimeFamily } from "../family.ts";
import { describeSwiss, SWISS_HEADER_DOCS, swissJson, swissShape } from "./describe.ts";
import { swissGrowth } from "./growth.ts";
import { swissHooks } from "./hooks.ts";
import { GoFuncTable, goNameSection } from "./pclntab.ts";
import { SwissReader } from "./reader.ts";

/**
 * Go: prints `panic:` to stderr; recovered panics go on.
 *
 * @example
 * ```ts
 * import { swissFamily } from "@mapscope/mapscope/layouts";
 * console.log(swissFamily.id, swissFamily.canRecover); // go true
 * ```
 */
export const swissFamily: RuntimeFamily = {
  id: "go",
  panicStream: "stderr",
  canRecover: true,
  open: (mem, toolchain, module) => new SwissReader(mem, toolchain, module),
  hooks: swissHooks,
  growth: swissGrowth,
  recoverFunctionNames: goNameSection,
  headerDocs: SWISS_HEADER_DOCS,
  shape: swissShape,
  sameStorage: (mem, a, b) =>
    mem.contains(a, 48) && mem.contains(b, 48) && mem.u32(a + 16) !== 0 &&
    mem.u32(a + 16) === mem.u32(b + 16),
  callerPosition: (mem, caller) => GoFuncTable.of(mem.u8array())?.position(caller),
  describe: describeSwiss,
  derivedJson: swissJson,
};
