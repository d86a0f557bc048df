/**
 * WASI `proc_exit` and `proc_raise`.
 *
 * @module
 */
import { keepShape } from "../_keep_shape.ts";
import { Errno } from "./errno.ts";

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
export class ExitSignal {
  /** "ExitSignal". */
  readonly name = "ExitSignal";
  /** The exit code the guest passed to `proc_exit`. */
  readonly code: number;
  /**
   * Creates the signal for `code`. Not an `Error`: a control-flow signal, thrown once per run,
   * and an `Error` thrown out of wasm frames costs 60-70 µs more to unwind than a plain object
   * (#15: it made `hello` 1.1x node:wasi).
   */
  constructor(code: number) {
    this.code = code;
  }
  /**
   * `guest called proc_exit(code)`.
   * Never throws.
   */
  get message(): string {
    return `guest called proc_exit(${this.code})`;
  }
  /**
   * `ExitSignal: guest called proc_exit(code)`.
   * Never throws.
   */
  toString(): string {
    return `${this.name}: ${this.message}`;
  }
}

// one signal kept, so that its shape outlives every run (see _keep_shape.ts)
keepShape(new ExitSignal(0));

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

/** `proc_exit`: throws {@linkcode ExitSignal} through the guest. */
export function proc_exit(code: number): never {
  throw new ExitSignal(code);
}

/** `proc_raise`: ENOSYS (there are no signals to raise). */
export function proc_raise(): number {
  return Errno.ENOSYS;
}
