/**
 * The toolchain that built a module, as mapscope detected it (or was told), and the map layout
 * it is read with.
 *
 * @module
 */
import type { FamilyId } from "./snapshot.ts";

/**
 * The map layouts mapscope knows: each covers a range of releases (see `lib/family/layouts.ts`).
 *
 * @example
 * ```ts
 * import { toolchainByName, type LayoutName } from "@mapscope/mapscope/layouts";
 * const layout: LayoutName = "go1.27-mapsplitgroup";
 * console.log(toolchainByName(layout).family); // go
 * ```
 */
export type LayoutName = "tinygo-0.41" | "go1.26" | "go1.27" | "go1.27-mapsplitgroup" | "none";

/**
 * A detected (or given) toolchain.
 *
 * @example
 * ```ts
 * import { run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/go1.26.8/hello.wasm"), { deterministic: true });
 * console.log(r.toolchain.name, r.toolchain.layout, r.toolchain.ptrSize); // go1.26.8 go1.26 8
 * ```
 */
export interface Toolchain {
  /** The build: the exact version found (`go1.26.3`, `tinygo-0.41.0`), with `-mapsplitgroup` when set. */
  name: string;
  /** "tinygo" (hashmap, 4-byte pointers) or "go" (swiss tables, 8-byte pointers). */
  family: FamilyId;
  /** The compiler version as found: `go1.26.3`, `go1.27rc1`, `0.41.0`. */
  version: string;
  /** GOEXPERIMENT values baked into the runtime. */
  experiments: string[];
  /** Pointer size of the target. */
  ptrSize: 4 | 8;
  /** The map layout it is read with. */
  layout: LayoutName;
  /** How the layout was chosen, for reports: "go1.26 swiss layout, verified on go1.26.8". */
  layoutNote: string;
}
