/**
 * The toolchain that built a module, as mapscope detected it (or was told).
 *
 * @module
 */
import type { FamilyId } from "./snapshot.ts";

/**
 * The toolchain builds mapscope knows the map layouts of.
 *
 * @example
 * ```ts
 * import { toolchainByName, type ToolchainName } from "@mapscope/mapscope/layouts";
 * const name: ToolchainName = "go1.27.3-mapsplitgroup";
 * console.log(toolchainByName(name).family); // go
 * ```
 */
export type ToolchainName = "tinygo-0.41.0" | "go1.26.8" | "go1.27.3" | "go1.27.3-mapsplitgroup";

/**
 * A detected (or given) toolchain.
 *
 * @example
 * ```ts
 * import { run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/go1.26.8/hello.wasm"), { deterministic: true });
 * console.log(r.toolchain.name, r.toolchain.family, r.toolchain.ptrSize); // go1.26.8 go 8
 * ```
 */
export interface Toolchain {
  /** The toolchain build name. */
  name: ToolchainName;
  /** "tinygo" (hashmap, 4-byte pointers) or "go" (swiss tables, 8-byte pointers). */
  family: FamilyId;
  /** The compiler version string as found. */
  version: string;
  /** GOEXPERIMENT values baked into the runtime. */
  experiments: string[];
  /** Pointer size of the target. */
  ptrSize: 4 | 8;
}
