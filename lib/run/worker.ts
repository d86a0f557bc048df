/**
 * The Worker side of `run({ timeoutMs })`: runs the guest and posts output, checkpoints and the
 * result back to the caller, which terminates the Worker if the limit passes first.
 *
 * @module
 */
import { compileModule } from "./compile.ts";
import { execute } from "./execute.ts";
import type { RunOptions } from "./options.ts";

interface WorkerScope {
  onmessage: ((e: MessageEvent) => void) | null;
  postMessage(message: unknown): void;
}
const scope = globalThis as unknown as WorkerScope;

scope.onmessage = async (e: MessageEvent) => {
  const { bytes, options } = e.data as { bytes: Uint8Array; options: RunOptions };
  try {
    const { compiled, info, toolchain, hooked } = await compileModule(bytes, options);
    const result = await execute(compiled, info, toolchain, {
      ...options,
      hooked,
      onStdout: (chunk) => scope.postMessage({ type: "stdout", chunk }),
      onStderr: (chunk) => scope.postMessage({ type: "stderr", chunk }),
      onCheckpoint: (checkpoint) => scope.postMessage({ type: "checkpoint", checkpoint }),
    });
    delete result.memory;
    delete result.module;
    scope.postMessage({ type: "done", result });
  } catch (err) {
    const x = err instanceof Error ? err : new Error(String(err));
    // The class travels by name, the typed fields (address, toolchain, ...) as plain data.
    const fields = Object.fromEntries(
      Object.entries(x).filter(([, v]) => ["number", "string", "boolean"].includes(typeof v)),
    );
    scope.postMessage({ type: "error", name: x.name, message: x.message, stack: x.stack, fields });
  }
};
