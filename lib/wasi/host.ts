/**
 * mapscope's WASI preview1 host: all 46 functions, no dependency, the same in Deno, Bun, Node and
 * browsers. Output is captured; args and env are exactly what the caller gives; deterministic
 * mode fixes the clock and seeds `random_get` so two runs of a module are identical.
 *
 * @module
 */
import type { WasiFunction } from "./context.ts";
import { HostContext } from "./_host_context.ts";
import { wasiImports } from "./_imports.ts";
import type { WasiHostOptions } from "./options.ts";
import { ExitSignal } from "./proc.ts";
import { ModuleError } from "../errors.ts";
import { keepShape } from "../_keep_shape.ts";
import type { CapturedStream } from "../model/result.ts";
export type { CapturedStream };
export type { DeterministicOptions, WasiHostOptions } from "./options.ts";

const DEFAULT_CLOCK_START = 1704067200n * 1_000_000_000n;

/**
 * The generator behind deterministic `random_get`: xorshift32 from `seed ^ 0x9e3779b9`, one byte
 * per step. Exported so other hosts can be given the same bytes in cross-checks.
 * Never throws.
 *
 * @example
 * ```ts
 * import { deterministicRandom } from "@mapscope/mapscope/wasi";
 * const fill = deterministicRandom(1);
 * const a = new Uint8Array(4);
 * fill(a);
 * console.log(a);
 * ```
 */
export function deterministicRandom(seed: number): (out: Uint8Array) => void {
  let s = (seed ^ 0x9e3779b9) >>> 0 || 1;
  return (out) => {
    for (let i = 0; i < out.length; i++) {
      s ^= s << 13;
      s >>>= 0;
      s ^= s >>> 17;
      s ^= s << 5;
      s >>>= 0;
      out[i] = s & 0xff;
    }
  };
}

/**
 * A WASI preview1 host. Give `imports` to `WebAssembly.instantiate`, then call `start`.
 *
 * @example
 * ```ts
 * import { WasiHost } from "@mapscope/mapscope";
 * const bytes = await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm");
 * const host = new WasiHost({ args: ["hello"], deterministic: true });
 * const { instance } = await WebAssembly.instantiate(bytes, host.imports);
 * const code = host.start(instance);
 * console.log(code, host.stdout().lines[0]);
 * ```
 */
export class WasiHost {
  /** The import object: `{ wasi_snapshot_preview1: {...46 functions} }`. */
  readonly imports: { wasi_snapshot_preview1: Record<string, WasiFunction> };
  #ctx: HostContext;

  /** Creates a host; see {@linkcode WasiHostOptions}. */
  constructor(options: WasiHostOptions = {}) {
    const det = options.deterministic;
    let clock: { startNs: bigint; stepNs: bigint } | undefined;
    let seeded: ((out: Uint8Array) => void) | undefined;
    if (det) {
      const d = det === true ? {} : det;
      clock = { startNs: d.clockStartNs ?? DEFAULT_CLOCK_START, stepNs: d.clockStepNs ?? 1000n };
      seeded = deterministicRandom(d.seed ?? 1);
    }
    this.#ctx = new HostContext(options, clock, seeded);
    this.imports = { wasi_snapshot_preview1: wasiImports(this.#ctx) };
  }

  /**
   * Binds the guest's exported memory (done by `start`; call it yourself to run `_initialize`).
   * Never throws.
   */
  bind(memory: WebAssembly.Memory): void {
    this.#ctx.bind(memory);
  }

  /**
   * Runs the guest's `_start` and returns its exit code (0 when `_start` returns). A trap is
   * rethrown as the `WebAssembly.RuntimeError` (or `RangeError` for stack overflow) it is.
   * Throws {@linkcode ModuleError} when the instance exports no memory or no `_start`; a trap of the guest
   * is rethrown as the engine's `WebAssembly.RuntimeError`, and `proc_exit` is the returned code.
   */
  start(instance: WebAssembly.Instance): number {
    const memory = instance.exports.memory;
    if (!(memory instanceof WebAssembly.Memory)) throw new ModuleError("the module exports no memory");
    this.bind(memory);
    const start = instance.exports._start;
    if (typeof start !== "function") {
      throw new ModuleError("the module exports no _start function: it is not a WASI command");
    }
    try {
      start();
      return 0;
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      throw e;
    }
  }

  /**
   * Everything written to stdout so far.
   * Never throws.
   */
  stdout(): CapturedStream {
    return captured(this.#ctx.out);
  }

  /**
   * Everything written to stderr so far.
   * Never throws.
   */
  stderr(): CapturedStream {
    return captured(this.#ctx.err);
  }
}

// one host (and its context) kept, so that their shapes outlive every run (see _keep_shape.ts)
keepShape(new WasiHost());

function captured(chunks: Uint8Array[]): CapturedStream {
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  const text = new TextDecoder().decode(bytes);
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return { bytes, text, lines };
}
