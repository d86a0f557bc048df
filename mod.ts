/**
 * mapscope runs Go programs compiled to WebAssembly (WASI preview1) with TinyGo 0.41.0 and the
 * standard Go toolchain (1.26.8, 1.27.3, 1.27.3 with GOEXPERIMENT=mapsplitgroup) and reads their
 * map headers straight out of linear memory: the header's address and every field, the buckets or
 * tables behind it, the entries decoded with the program's own types, live at checkpoints, across
 * growth, and in the instant the runtime starts printing a panic.
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
export * from "./lib/errors.ts";
export * from "./lib/memory.ts";
export * from "./lib/wasi/errno.ts";
export * from "./lib/wasi/host.ts";
export type { WasiFunction } from "./lib/wasi/context.ts";
export type { MemoryDir } from "./lib/wasi/memfs.ts";
export * from "./lib/wasm/module.ts";
export * from "./lib/detect.ts";
export * from "./lib/types/model.ts";
export * from "./lib/types/expr.ts";
export { tinygoKeyAlgorithm, TinyGoTypes } from "./lib/types/tinygo.ts";
export { AbiTypes, computeGeometry, type GroupGeometry } from "./lib/types/abi.ts";
export * from "./lib/values.ts";
export * from "./lib/gojson.ts";
export * from "./lib/layouts/tinygo.ts";
export * from "./lib/layouts/swiss.ts";
export * from "./lib/snapshot.ts";
export * from "./lib/maps.ts";
export * from "./lib/probe.ts";
export * from "./lib/traps.ts";
export * from "./lib/run.ts";
export * from "./lib/growth.ts";
export * from "./lib/report.ts";
export * from "./lib/cli.ts";
export * from "./lib/wasm/rewrite.ts";
export * from "./lib/hooks.ts";
export * from "./lib/panics.ts";
