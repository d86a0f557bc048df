/**
 * The parts of a run, for tools that drive one step by step: prepare and hook a module, compile
 * it once and execute it many times, find the probe's registry, classify traps, diff snapshots.
 *
 * @example
 * ```ts
 * import { compileModule, execute } from "@mapscope/mapscope/run";
 * const c = await compileModule(await Deno.readFile("go-targets/dist/go1.26.8/hello.wasm"));
 * for (let i = 0; i < 2; i++) {
 *   const r = await execute(c.compiled, c.info, c.toolchain, { deterministic: true, hooked: c.hooked });
 *   console.log(r.exit, r.maps[0]?.len);
 * }
 * ```
 *
 * @module
 */
export { run } from "./run.ts";
export { type CompiledModule, compileModule, hookModule, prepareModule } from "./compile.ts";
export { execute } from "./execute.ts";
export type { LiveGuest, MapRequest, RunOptions } from "./options.ts";
export { PanicWatcher } from "./panic_watcher.ts";
export { diffSnapshots } from "../diff.ts";
export { classifyTrap } from "../traps.ts";
export { findProbeRegistry, readProbeRegistry } from "../probe.ts";
export type {
  CapturedStream,
  Checkpoint,
  DiscoveredMap,
  GrowthEvent,
  GrowthReport,
  MapDiff,
  PanicEvent,
  PanicReport,
  RunResult,
  TrackedMap,
  Trap,
  TrapKind,
} from "../model/result.ts";
export {
  formatGrowth,
  formatMap,
  formatRunReport,
  runReportJson,
  snapshotJson,
  writeRunReportJson,
} from "../report.ts";
export { growthReport, growthReports } from "../growth.ts";
