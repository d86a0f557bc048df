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
 * the guest runs in a Worker that is stopped when the time is up.
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
  if (options.timeoutMs !== undefined) {
    const { runInWorker } = await import("./worker_client.ts");
    return runInWorker(bytes, options);
  }
  const c = await compileModule(bytes, options);
  return execute(c.compiled, c.info, c.toolchain, { ...options, hooked: c.hooked });
}
