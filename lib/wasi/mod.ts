/**
 * mapscope's WASI preview1 host, usable on its own: all 46 functions, captured output, exact args
 * and env, a deterministic mode, in-memory preopened directories.
 *
 * @example
 * ```ts
 * import { WasiHost } from "@mapscope/mapscope/wasi";
 * const bytes = await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm");
 * const host = new WasiHost({ args: ["hello"], deterministic: true });
 * const { instance } = await WebAssembly.instantiate(bytes, host.imports);
 * console.log(host.start(instance)); // 0
 * ```
 *
 * @module
 */
export {
  type CapturedStream,
  type DeterministicOptions,
  deterministicRandom,
  WasiHost,
  type WasiHostOptions,
} from "./host.ts";
export { Errno } from "./errno.ts";
export { ExitSignal, InterruptSignal } from "./proc.ts";
export type { WasiFunction } from "./context.ts";
export type { MemoryDir } from "./memfs.ts";
export { WASI_PREVIEW1_FUNCTIONS } from "./names.ts";
