/**
 * `run`: runs a TinyGo or Go wasip1 module under mapscope's WASI host and returns everything that
 * happened, including every tracked map at each checkpoint and at the moment the runtime starts
 * printing `panic:` (before the trap or `proc_exit`).
 *
 * @module
 */
import type { RunResult } from "../model/result.ts";
import { compileModule } from "./compile.ts";
import { execute } from "./execute.ts";
import type { RunOptions } from "./options.ts";

/**
 * Runs a TinyGo or Go wasip1 module and returns output, exit or trap, checkpoints, and the
 * panic with every tracked map as it was when the runtime began printing it. With `timeoutMs`,
 * a guest still running when the time is up is stopped (checks inserted at its loops, and sleeps
 * cut short) and the call rejects with `TimeoutError`; output and checkpoints streamed until then
 * have reached the callbacks.
 *
 * Throws `ModuleError` (not a usable WASI module), `UnknownToolchainError` (no known map layout),
 * `TimeoutError`, and `MapscopeError` for bad options. A guest that traps or panics is not an
 * error: it is in the result.
 *
 * @example
 * ```ts
 * import { run } from "@mapscope/mapscope";
 * const bytes = await Deno.readFile("go-targets/dist/tinygo-0.41.0/panics.wasm");
 * const result = await run(bytes, { args: ["panics", "explicit"], deterministic: true });
 * console.log(result.panic?.message);
 * for (const m of result.panic?.snapshots ?? []) console.log(m.name, m.len, m.entries?.length);
 * ```
 */
export async function run(module: Uint8Array | ArrayBuffer, options: RunOptions = {}): Promise<RunResult> {
  const bytes = module instanceof Uint8Array ? module : new Uint8Array(module);
  const c = await compileModule(bytes, options);
  if (options.timeoutMs !== undefined && !c.interruptible) {
    // No loop checks could be inserted: the guest runs in a Worker that is terminated at the
    // deadline (in Deno and Bun a guest busy in a loop keeps its thread spinning after that).
    const { runInWorker } = await import("./worker_client.ts");
    return runInWorker(bytes, options);
  }
  return execute(c.compiled, c.info, c.toolchain, {
    ...options,
    hooked: c.hooked,
    interruptible: c.interruptible,
  });
}
