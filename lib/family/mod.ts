/**
 * Runtime families and their layouts, as data tables proven against compiled programs: TinyGo's
 * `runtime.hashmap` (`tinygo/`) and Go's swiss tables (`swiss/`), each behind the
 * {@linkcode RuntimeFamily} interface; toolchain detection; and low-level readers for a header at
 * an address.
 *
 * @example
 * ```ts
 * import { familyOf, SWISS_MAP, TINYGO_HASHMAP } from "@mapscope/mapscope/layouts";
 * console.log(TINYGO_HASHMAP.size, SWISS_MAP.size, familyOf("go").panicStream); // 40 48 stderr
 * ```
 *
 * @module
 */
export type {
  CodePosition,
  FamilyGrowth,
  FamilyHooks,
  FamilyReader,
  FamilySnapshotOptions,
  GrowthStep,
  HookEvent,
  HookSelection,
  HookValueReader,
  MapShape,
  RuntimeFamily,
} from "./family.ts";
export { familyOf } from "./registry.ts";
export { detectToolchain, KNOWN_TOOLCHAINS, plainToolchain, toolchainByName } from "./detect.ts";
export type { LayoutName, Toolchain } from "../model/toolchain.ts";
export { layoutFor, MAP_LAYOUTS, type MapLayout, nearestLayout } from "./layouts.ts";
export { snapshotMap } from "../reader.ts";
export type { MapTypeSource, SnapshotOptions } from "../reader.ts";
export type {
  FamilyId,
  Occupancy,
  ReadSnapshot,
  SnapshotBase,
  SwissDerived,
  SwissHeaderFields,
  SwissSnapshot,
  SwissTable,
  TinyGoDerived,
  TinyGoHeaderFields,
  TinyGoSnapshot,
  UnreadableSnapshot,
} from "../model/snapshot.ts";
export { readTinyGoHeader, TINYGO_HASHMAP, type TinyGoHeader } from "./tinygo/header.ts";
export { tinygoBucketStats } from "./tinygo/walk.ts";
export { tinygoOverLoadFactor } from "./tinygo/growth.ts";
export { tinygoFamily } from "./tinygo/mod.ts";
export { readSwissHeader, SWISS_MAP } from "./swiss/header.ts";
export { computeGeometry, type GroupGeometry } from "./swiss/geometry.ts";
export { swissFamily } from "./swiss/mod.ts";
export { plainFamily } from "./plain/mod.ts";
