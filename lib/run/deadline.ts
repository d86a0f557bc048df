/**
 * `timeoutMs` without a thread: every loop of the guest counts down a global of its own and, every
 * {@linkcode TICK_INTERVAL} iterations, calls the module's own `fd_write` with the reserved
 * {@linkcode TICK_FD}; the host answers by checking the clock and, past the deadline, throws
 * `InterruptSignal` through the guest. Real-clock sleeps end at the deadline too. So a runaway
 * guest stops in every runtime (a Worker's `terminate()` leaves a busy guest spinning in Deno and
 * Bun), and what it printed and the maps at its checkpoints are kept.
 *
 * @module
 */
import { fdWriteIndex, OP } from "../family/hook_code.ts";
import { MapscopeError } from "../errors.ts";
import { InterruptSignal } from "../wasi/proc.ts";
import { encodeS32, encodeU32 } from "../wasm/_leb128.ts";
import { instrumentLoops } from "../wasm/loops.ts";
import type { ModuleInfo } from "../wasm/module.ts";

/** The descriptor loop checks write to ("MSTK"). */
export const TICK_FD = 0x4d53544b;
/** Loop iterations between two clock checks. */
export const TICK_INTERVAL = 1 << 16;
/** The longest timeout a timer can hold (2^31 - 1 ms, about 24.8 days). */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Refuses a timeout that is not a number of milliseconds a timer can hold.
 */
export function checkTimeout(ms: number): void {
  if (!Number.isFinite(ms) || ms <= 0 || ms > MAX_TIMEOUT_MS) {
    throw new MapscopeError(
      `timeoutMs must be a number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, not ${ms}`,
    );
  }
}

/**
 * `bytes` with the loop checks inserted, or undefined when the module cannot be instrumented
 * (no global section, or an instruction the walker does not know).
 */
export function interruptible(bytes: Uint8Array, info: ModuleInfo): Uint8Array<ArrayBuffer> | undefined {
  const fdWrite = info.imports.some((i) =>
    i.kind === 0 && i.module === "wasi_snapshot_preview1" && i.name === "fd_write"
  );
  if (!fdWrite) return undefined; // nothing to call back through
  const fdw = encodeU32(fdWriteIndex(info));
  const GLOBAL_SET = 0x24;
  const I32_SUB = 0x6b;
  return instrumentLoops(bytes, info, (g) => {
    const global = encodeU32(g);
    return new Uint8Array([
      // counter -= 1; if (counter == 0) { counter = TICK_INTERVAL; fd_write(TICK_FD, 0, 0, 0) }
      [OP.globalGet, ...global],
      [OP.i32Const, 1],
      [I32_SUB],
      [GLOBAL_SET, ...global],
      [OP.globalGet, ...global],
      [OP.i32Eqz],
      [OP.if, OP.blockVoid],
      [OP.i32Const, ...encodeS32(TICK_INTERVAL)],
      [GLOBAL_SET, ...global],
      [OP.i32Const, ...encodeS32(TICK_FD)],
      [OP.i32Const, 0],
      [OP.i32Const, 0],
      [OP.i32Const, 0],
      [OP.call, ...fdw],
      [OP.drop],
      [OP.end],
    ].flat());
  }, TICK_INTERVAL);
}

/**
 * The host's answer to a loop check: nothing before the deadline (a `performance.now()` time),
 * {@linkcode InterruptSignal} after it; undefined for any other descriptor.
 */
export function tickHandler(deadline: number): (fd: number) => number | undefined {
  return (fd) => {
    if (fd !== TICK_FD) return undefined;
    if (performance.now() > deadline) throw new InterruptSignal();
    return 0;
  };
}
