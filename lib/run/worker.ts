/**
 * The Worker side of `run({ timeoutMs })`: runs the guest and posts output, checkpoints and the
 * result back to the caller, which terminates the Worker if the limit passes first.
 *
 * @module
 */
import { compileModule } from "./compile.ts";
import { execute } from "./execute.ts";
import type { RunOptions } from "./options.ts";
import type { Checkpoint, RunResult } from "../model/result.ts";
import type { MapSnapshot } from "../model/snapshot.ts";
import { plainEntry } from "../types/entry.ts";

interface WorkerScope {
  onmessage: ((e: MessageEvent) => void) | null;
  postMessage(message: unknown): void;
}
const scope = globalThis as unknown as WorkerScope;

// A snapshot makes its entries on first read and entries encode their JSON lazily (getters on
// classes), which structured clone does not copy: they cross as plain objects.
const plainMaps = (maps: MapSnapshot[]): MapSnapshot[] =>
  maps.map((m) => (m.entries ? { ...m, entries: m.entries.map(plainEntry) } : m));
const plainCheckpoint = (c: Checkpoint): Checkpoint => ({ ...c, maps: plainMaps(c.maps) });
function plainResult(r: RunResult): RunResult {
  return {
    ...r,
    maps: plainMaps(r.maps),
    checkpoints: r.checkpoints.map(plainCheckpoint),
    panic: r.panic && { ...r.panic, snapshots: plainMaps(r.panic.snapshots) },
    panics: r.panics.map((p) => ({
      ...p,
      snapshots: plainMaps(p.snapshots),
      ...(p.atPrint ? { atPrint: plainMaps(p.atPrint) } : {}),
    })),
  };
}

scope.onmessage = async (e: MessageEvent) => {
  const { bytes, options } = e.data as { bytes: Uint8Array; options: RunOptions };
  try {
    const { compiled, info, toolchain, hooked } = await compileModule(bytes, options);
    const result = await execute(compiled, info, toolchain, {
      ...options,
      hooked,
      // a chunk is a view that may share its buffer with other output: post its bytes alone
      onStdout: (chunk) => scope.postMessage({ type: "stdout", chunk: chunk.slice() }),
      onStderr: (chunk) => scope.postMessage({ type: "stderr", chunk: chunk.slice() }),
      onCheckpoint: (checkpoint) =>
        scope.postMessage({ type: "checkpoint", checkpoint: plainCheckpoint(checkpoint) }),
    });
    delete result.memory;
    delete result.module;
    scope.postMessage({ type: "done", result: plainResult(result) });
  } catch (err) {
    const x = err instanceof Error ? err : new Error(String(err));
    // The class travels by name, the typed fields (address, toolchain, ...) as plain data.
    const fields = Object.fromEntries(
      Object.entries(x).filter(([, v]) => ["number", "string", "boolean"].includes(typeof v)),
    );
    scope.postMessage({ type: "error", name: x.name, message: x.message, stack: x.stack, fields });
  }
};
