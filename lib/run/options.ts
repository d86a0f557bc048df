/**
 * What a run can be asked to do: the options of `run`, and what a checkpoint callback is given.
 *
 * @module
 */
import type { GuestMemory } from "../memory.ts";
import type { Checkpoint, TrackedMap } from "../model/result.ts";
import type { MapReader } from "../reader.ts";
import type { WasiHostOptions } from "../wasi/host.ts";

/**
 * A map to read at an address, with its Go type (for maps found without the probe).
 *
 * @example
 * ```ts
 * import { type MapRequest, run } from "@mapscope/mapscope";
 * const wasm = await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm");
 * const first = await run(wasm, { deterministic: true });
 * const req: MapRequest = { address: first.tracked[0]!.address, type: "map[string]int", name: "greetings" };
 * const again = await run(wasm, { deterministic: true, maps: [req] });
 * console.log(again.maps.find((m) => m.name === "greetings")?.entries?.length); // 3
 * ```
 */
export interface MapRequest {
  /** Address of the map header, as the program printed it with `%p`. */
  address: number;
  /** The map's Go type, such as `map[string]int32`. */
  type: string;
  /** A label for reports (default: the address). */
  name?: string;
}

/**
 * Live access to a paused guest, given to checkpoint callbacks.
 *
 * @example
 * ```ts
 * import { type LiveGuest, run } from "@mapscope/mapscope";
 * const lens: number[] = [];
 * await run(await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm"), {
 *   onCheckpoint: (_cp, live?: LiveGuest) => {
 *     for (const t of live?.tracked ?? []) lens.push(live!.reader.snapshot(t.address).len);
 *   },
 * });
 * console.log(lens); // [3]
 * ```
 */
export interface LiveGuest {
  /** The guest's memory. */
  memory: GuestMemory;
  /** A map reader over it. */
  reader: MapReader;
  /** The maps the probe tracks now. */
  tracked: TrackedMap[];
}

/**
 * Options of `run`.
 *
 * @example
 * ```ts
 * import { run, type RunOptions } from "@mapscope/mapscope";
 * const options: RunOptions = { args: ["panics", "index"], deterministic: true, hooks: true, allMaps: true };
 * const r = await run(await Deno.readFile("go-targets/dist/go1.26.8/panics.wasm"), options);
 * console.log(r.hooked, r.panics.length); // { panics: true, allMaps: true } 1
 * ```
 */
export interface RunOptions extends Omit<WasiHostOptions, "onOtherWrite" | "onRawWrite"> {
  /**
   * Panic-entry hooks: see every panic at its first instruction, recovered ones too (default: on
   * when the module's name section names the runtime's panic functions).
   */
  hooks?: boolean;
  /** Find every map the program writes to, without the probe, by hooking map assignment. */
  allMaps?: boolean;
  /**
   * Override toolchain detection: tinygo-0.41.0, go1.26.8, go1.27.3 or go1.27.3-mapsplitgroup.
   * Refused when the module's producers section names another toolchain, unless `forceToolchain`.
   */
  toolchain?: string;
  /** Use `toolchain` even when the module says it was built by another (maps then fail typed). */
  forceToolchain?: boolean;
  /** Maps to read at the panic (or at exit or trap) by address and Go type, without the probe. */
  maps?: MapRequest[];
  /** Decode entries at every checkpoint too (panic and final snapshots always have them). */
  checkpointEntries?: boolean;
  /** Record where the entries sit (bucket or group occupancy) at every checkpoint: the growth movie. */
  checkpointOccupancy?: boolean;
  /**
   * Called at every checkpoint, while the guest waits, with live access to its memory and maps.
   * (`live` is absent when run in a Worker.) Throwing `ExitSignal` from it ends the guest there
   * as if it had exited.
   */
  onCheckpoint?: (checkpoint: Checkpoint, live?: LiveGuest) => void;
  /** Stop the guest after this many milliseconds (runs it in a Worker). */
  timeoutMs?: number;
}
