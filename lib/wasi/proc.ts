/**
 * WASI `proc_exit` and `proc_raise`.
 *
 * @module
 */
import { Errno } from "./errno.ts";
import type { WasiFunction } from "./context.ts";

/**
 * Thrown through the guest by `proc_exit` to end it; never exits the host process.
 *
 * @example
 * ```ts
 * import { ExitSignal } from "@mapscope/mapscope";
 * const s = new ExitSignal(3);
 * console.log(s.code); // 3
 * ```
 */
export class ExitSignal extends Error {
  /** The exit code the guest passed to `proc_exit`. */
  readonly code: number;
  /** Creates the signal for `code`. */
  constructor(code: number) {
    // A control-flow signal, thrown once per run: no stack trace is captured (it would cost more
    // than the whole exit).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(`guest called proc_exit(${code})`);
    Error.stackTraceLimit = limit;
    this.name = "ExitSignal";
    this.code = code;
  }
}

/**
 * Thrown through the guest when the host's deadline (`WasiHostOptions.deadline`) has passed:
 * in a sleep, or at a loop check a run inserted; it ends the guest without a trap.
 *
 * @example
 * ```ts
 * import { InterruptSignal } from "@mapscope/mapscope/wasi";
 * console.log(new InterruptSignal().name); // "InterruptSignal"
 * ```
 */
export class InterruptSignal extends Error {
  /** Creates the signal. */
  constructor() {
    super("the guest was interrupted: its deadline passed");
    this.name = "InterruptSignal";
  }
}

/** `proc_exit` (throws {@linkcode ExitSignal}) and `proc_raise` (ENOSYS). */
export function procImports(): Record<string, WasiFunction> {
  return {
    proc_exit: (code) => {
      throw new ExitSignal(Number(code) >>> 0);
    },
    proc_raise: () => Errno.ENOSYS,
  };
}
