/**
 * The caller side of `run({ timeoutMs })`: starts `worker.ts` in a module Worker, forwards
 * streaming callbacks, and terminates the Worker when the limit passes.
 *
 * @module
 */
import * as errors from "../errors.ts";
import type { Checkpoint, RunResult } from "../model/result.ts";
import type { RunOptions } from "./options.ts";

type WorkerMessage =
  | { type: "stdout" | "stderr"; chunk: Uint8Array }
  | { type: "checkpoint"; checkpoint: Checkpoint }
  | { type: "done"; result: RunResult }
  | { type: "error"; name: string; message: string; stack?: string; fields?: Record<string, unknown> };

/** Runs the guest in a Worker; rejects with {@linkcode errors.TimeoutError} when it runs too long. */
export function runInWorker(bytes: Uint8Array, options: RunOptions): Promise<RunResult> {
  const { onStdout, onStderr, onCheckpoint, timeoutMs, ...plain } = options;
  const worker = new Worker(new URL("./worker.ts", import.meta.url).href, { type: "module" });
  return new Promise<RunResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      worker.terminate();
      reject(new errors.TimeoutError(timeoutMs!));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      worker.terminate();
    };
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
      const m = e.data;
      if (m.type === "stdout") onStdout?.(m.chunk);
      else if (m.type === "stderr") onStderr?.(m.chunk);
      else if (m.type === "checkpoint") onCheckpoint?.(m.checkpoint);
      else if (m.type === "done") {
        finish();
        resolve(m.result);
      } else if (m.type === "error") {
        finish();
        reject(rebuildError(m.name, m.message, m.stack, m.fields));
      }
    };
    worker.onerror = (e: ErrorEvent) => {
      finish();
      reject(new errors.MapscopeError(`the run's Worker failed: ${e.message}`));
      e.preventDefault?.();
    };
    worker.postMessage({ bytes, options: plain });
  });
}

/** The error classes that can cross the Worker boundary, by name. */
const CLASSES: Record<string, { prototype: Error }> = {
  MapscopeError: errors.MapscopeError,
  ModuleError: errors.ModuleError,
  MemoryAccessError: errors.MemoryAccessError,
  UnknownToolchainError: errors.UnknownToolchainError,
  CorruptMapError: errors.CorruptMapError,
  TypeExpressionError: errors.TypeExpressionError,
  TimeoutError: errors.TimeoutError,
  DecodeBudgetError: errors.DecodeBudgetError,
  ToolchainMismatchError: errors.ToolchainMismatchError,
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
};

/**
 * Rebuilds an error posted by the Worker as an instance of its own class, with its fields: a
 * `CorruptMapError` stays one, and an untyped error (a bug) stays untyped.
 */
export function rebuildError(
  name: string,
  message: string,
  stack?: string,
  fields: Record<string, unknown> = {},
): Error {
  const Ctor = CLASSES[name] ?? Error;
  const err = Object.create(Ctor.prototype) as Error;
  Object.assign(err, fields);
  Object.defineProperty(err, "message", { value: message, writable: true, configurable: true });
  Object.defineProperty(err, "name", { value: name, writable: true, configurable: true });
  if (stack) Object.defineProperty(err, "stack", { value: stack, writable: true, configurable: true });
  return err;
}
