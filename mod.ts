/**
 * mapscope runs Go programs compiled to WebAssembly (WASI preview1) with TinyGo 0.41.0 and the
 * standard Go toolchain (1.26.8, 1.27.3, 1.27.3 with GOEXPERIMENT=mapsplitgroup) and reads their
 * map headers straight out of linear memory: the header's address and every field, the buckets or
 * tables behind it, the entries decoded with the program's own types, live at checkpoints, across
 * growth, and in the instant the runtime starts printing a panic.
 *
 * The root holds what a user needs: {@linkcode run} and its result, the map reader, the WASI
 * host, the report formatters and the errors. The parts are behind subpaths: `./run` (the run's
 * pieces), `./layouts` (runtime families and layout tables), `./types` (Go types and values),
 * `./wasi`, `./wasm` and `./cli`.
 *
 * @example
 * ```ts
 * import { run } from "@mapscope/mapscope";
 * const wasm = await Deno.readFile("go-targets/dist/go1.26.8/panics.wasm");
 * const result = await run(wasm, { args: ["panics", "index"], deterministic: true });
 * console.log(result.panic?.message);
 * for (const m of result.panic?.snapshots ?? []) {
 *   console.log(m.name, "0x" + m.address.toString(16), "len", m.len);
 *   for (const e of m.entries ?? []) console.log("  ", e.json);
 * }
 * ```
 *
 * @module
 */
export { run } from "./lib/run/run.ts";
export type { LiveGuest, MapRequest, RunOptions } from "./lib/run/options.ts";
export type { Checkpoint, GrowthReport, PanicEvent, PanicReport, RunResult } from "./lib/model/result.ts";
export type { MapEntry, MapSnapshot } from "./lib/model/snapshot.ts";
export type { Toolchain } from "./lib/model/toolchain.ts";
export { MapReader } from "./lib/reader.ts";
export { GuestMemory } from "./lib/memory.ts";
export { WasiHost, type WasiHostOptions } from "./lib/wasi/host.ts";
export { ExitSignal } from "./lib/wasi/proc.ts";
export { formatRunReport, runReportJson } from "./lib/report.ts";
export { formatRunHtml, type HtmlOptions } from "./lib/html/report.ts";
export { growthReports } from "./lib/growth.ts";
export {
  CorruptMapError,
  DecodeBudgetError,
  MapscopeError,
  MemoryAccessError,
  ModuleError,
  TimeoutError,
  ToolchainMismatchError,
  TypeExpressionError,
  UnknownToolchainError,
} from "./lib/errors.ts";
