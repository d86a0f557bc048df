/**
 * Classifies how a guest trapped, across V8 (Deno, Node, Chromium) and JavaScriptCore (Bun).
 *
 * @module
 */
import type { Trap, TrapKind } from "./model/result.ts";

/**
 * Classifies a thrown value as a trap; undefined when it is not one (a host bug is rethrown).
 * Never throws: undefined for anything that is not a trap.
 *
 * @example
 * ```ts
 * import { classifyTrap } from "@mapscope/mapscope/run";
 * console.log(classifyTrap(new WebAssembly.RuntimeError("unreachable"))?.kind); // "unreachable"
 * ```
 */
export function classifyTrap(e: unknown): Trap | undefined {
  if (e instanceof RangeError && /call stack|stack overflow/i.test(e.message)) {
    return { kind: "stack overflow", message: e.message };
  }
  if (!(e instanceof WebAssembly.RuntimeError)) return undefined;
  const m = e.message;
  const kind: TrapKind = /unreachable/i.test(m)
    ? "unreachable"
    : /out of bounds|memory access/i.test(m)
    ? "out of bounds"
    : /call stack|stack overflow|stack exhausted/i.test(m)
    ? "stack overflow"
    : /divi(de|sion) by zero/i.test(m)
    ? "divide by zero"
    : /integer overflow|unrepresentable/i.test(m)
    ? "integer overflow"
    : /indirect|signature|null function|table/i.test(m)
    ? "indirect call"
    : "other";
  return { kind, message: m };
}
