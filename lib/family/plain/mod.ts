/**
 * The "family" of a module with no Go runtime (C, Rust, Zig, AssemblyScript...): it runs as a
 * plain WASI program, with no maps to read, no hooks and no growth rules, so mapscope can be the
 * one runner of a mixed harness.
 *
 * @module
 */
import { MapscopeError } from "../../errors.ts";
import type { FamilyReader, RuntimeFamily } from "../family.ts";

function noMaps(): never {
  throw new MapscopeError(
    "the module has no Go runtime (no TinyGo or Go producer): there are no maps to read",
  );
}

const reader: FamilyReader = {
  iface: { typeAt: () => undefined, inline: () => false },
  typeAt: noMaps,
  snapshot: noMaps,
  walk: noMaps,
  entries: noMaps,
};

/**
 * A module without a Go runtime: runs, reports exit, trap and output, and nothing else.
 *
 * @example
 * ```ts
 * import { plainFamily } from "@mapscope/mapscope/layouts";
 * console.log(plainFamily.id, plainFamily.hooks.patches.length); // none 3
 * ```
 */
export const plainFamily: RuntimeFamily = {
  id: "none",
  panicStream: "stderr",
  canRecover: true,
  open: () => reader,
  hooks: { canHookPanics: () => false, patches: () => [], decode: () => undefined },
  growth: {
    columns: { depth: "depth", address: "address" },
    analyze: () => ({ events: [], violations: [] }),
  },
  recoverFunctionNames: () => new Map(),
  headerDocs: {},
  shape: () => ({ capacity: 0, depth: 0, address: 0, structure: "" }),
  sameStorage: () => false,
  callerPosition: () => undefined,
  describe: () => [],
  derivedJson: () => ({}),
};
